package io.ra2check.collector.check;

import io.ra2check.report.Evidence;
import io.ra2check.report.Outcome;

import java.util.List;
import java.util.Objects;

/**
 * What one cluster check found, before a requirement's levels turn it into a verdict.
 *
 * @param reason why the outcome is UNKNOWN (or NOT_APPLICABLE); null otherwise
 */
public record Finding(Outcome outcome, String expected, String actual, String reason, List<Evidence> evidence) {
    public Finding {
        Objects.requireNonNull(outcome, "outcome");
        expected = expected == null ? "" : expected;
        actual = actual == null ? "" : actual;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        if ((outcome == Outcome.UNKNOWN || outcome == Outcome.NOT_APPLICABLE) && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an " + outcome + " finding needs a reason");
        }
    }

    public static Finding pass(String expected, String actual, List<Evidence> evidence) {
        return new Finding(Outcome.PASS, expected, actual, null, evidence);
    }

    public static Finding fail(String expected, String actual, List<Evidence> evidence) {
        return new Finding(Outcome.FAIL, expected, actual, null, evidence);
    }

    public static Finding unknown(String expected, String reason, List<Evidence> evidence) {
        return new Finding(Outcome.UNKNOWN, expected, "unknown", reason, evidence);
    }
}
