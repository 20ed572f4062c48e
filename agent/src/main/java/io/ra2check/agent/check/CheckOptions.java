package io.ra2check.agent.check;

import java.util.Set;

/**
 * What the operator declared: conditions that make conditional requirements apply ({@code afxdp}, {@code realtime})
 * and requirements to ignore.
 */
public record CheckOptions(Set<String> conditions, Set<String> ignored) {
    public CheckOptions {
        conditions = Set.copyOf(conditions);
        ignored = Set.copyOf(ignored);
    }

    public static CheckOptions none() {
        return new CheckOptions(Set.of(), Set.of());
    }
}
