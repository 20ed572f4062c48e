package io.ra2check.report;

import java.util.List;
import java.util.Objects;

/**
 * What one check concluded, on the host (agent) or from the cluster (collector), before a requirement's levels in
 * a profile turn it into a {@link Verdict}.
 *
 * @param expected what the requirement asks for, with the thresholds in force
 * @param actual   what was found
 * @param reason   why the outcome is UNKNOWN, MANUAL or NOT_APPLICABLE (required for those, null otherwise)
 * @param remediation what to do on this host, where the check knows better than the catalog's general text (a CPU
 *                 pair of this machine, a path of this host); null to use the catalog's
 */
public record Finding(Outcome outcome, String expected, String actual, String reason, List<Evidence> evidence,
                      String remediation) {
    public Finding {
        Objects.requireNonNull(outcome, "outcome");
        expected = expected == null ? "" : expected;
        actual = actual == null ? "" : actual;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        // a verdict the user cannot act on is worse than none: these outcomes must say why
        if ((outcome == Outcome.UNKNOWN || outcome == Outcome.MANUAL || outcome == Outcome.NOT_APPLICABLE)
                && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a " + outcome + " finding needs a reason");
        }
        remediation = remediation == null || remediation.isBlank() ? null : remediation;
    }

    public Finding(Outcome outcome, String expected, String actual, String reason, List<Evidence> evidence) {
        this(outcome, expected, actual, reason, evidence, null);
    }

    /** This finding with a remediation for this host in place of the catalog's. */
    public Finding withRemediation(String hostRemediation) {
        return new Finding(outcome, expected, actual, reason, evidence, hostRemediation);
    }

    /** The remediation a verdict shows: this host's where the check gave one, else the catalog's. */
    public String remediationOr(String catalogRemediation) {
        return remediation != null ? remediation : catalogRemediation;
    }

    public static Finding pass(String expected, String actual, List<Evidence> evidence) {
        return new Finding(Outcome.PASS, expected, actual, null, evidence);
    }

    public static Finding fail(String expected, String actual, List<Evidence> evidence) {
        return new Finding(Outcome.FAIL, expected, actual, null, evidence);
    }

    /** PASS or FAIL on a condition. */
    public static Finding of(boolean ok, String expected, String actual, List<Evidence> evidence) {
        return ok ? pass(expected, actual, evidence) : fail(expected, actual, evidence);
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
}
