package io.ra2check.agent.check;

import io.ra2check.agent.facts.Fact;
import io.ra2check.report.Evidence;

import java.util.ArrayList;
import java.util.List;

/** Collects the evidence of several facts into one list, in order, without duplicates. */
final class Evidences {
    private final List<Evidence> list = new ArrayList<>();

    Evidences add(Fact<?> fact) {
        for (Evidence e : fact.evidence()) {
            add(e);
        }
        return this;
    }

    Evidences add(Evidence e) {
        if (!list.contains(e)) {
            list.add(e);
        }
        return this;
    }

    Evidences add(String source, Object value) {
        return add(Evidence.of(source, value));
    }

    List<Evidence> list() {
        return List.copyOf(list);
    }
}
