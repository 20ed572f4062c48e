package io.ra2check.agent.check;

import io.ra2check.report.Evidence;
import io.ra2check.report.Outcome;

import java.util.List;

/**
 * What one check concluded from the facts, before a profile turns it into a status.
 *
 * @param expected what the requirement asks for, with the thresholds in force
 * @param actual   what the host has
 * @param reason   why the outcome is UNKNOWN, MANUAL or NOT_APPLICABLE (null otherwise)
 */
public record Finding(Outcome outcome, String expected, String actual, String reason, List<Evidence> evidence) {
    public Finding {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
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

    public static Finding manual(String expected, String actual, String reason, List<Evidence> evidence) {
        return new Finding(Outcome.MANUAL, expected, actual, reason, evidence);
    }

    public static Finding notApplicable(String expected, String reason, List<Evidence> evidence) {
        return new Finding(Outcome.NOT_APPLICABLE, expected, "not applicable", reason, evidence);
    }

    /** PASS or FAIL on a condition. */
    public static Finding of(boolean ok, String expected, String actual, List<Evidence> evidence) {
        return ok ? pass(expected, actual, evidence) : fail(expected, actual, evidence);
    }
}
