package io.ra2check.report;

import java.util.Objects;

/** One observation behind a verdict: where it was read ({@code /sys/devices/system/cpu/smt/active}) and what it said. */
public record Evidence(String source, String value) {
    public Evidence {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(value, "value");
    }

    public static Evidence of(String source, Object value) {
        return new Evidence(source, String.valueOf(value));
    }
}
