package io.ra2check.workload;

import io.ra2check.report.Outcome;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;

import java.util.Objects;

/**
 * The verdict of one workload rule on one object. An allowed exception keeps its FAIL outcome (what is true of the
 * manifest) and is marked {@link Verdict#ignored()}, which makes its status SKIP.
 */
public record WorkloadFinding(ObjectRef object, Verdict verdict) {
    public WorkloadFinding {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(verdict, "verdict");
    }

    public String ruleId() {
        return verdict.id();
    }

    public Outcome outcome() {
        return verdict.outcome();
    }

    /** Every rule has the same level in both profiles: the status does not depend on one. */
    public Status status() {
        return verdict.status();
    }

    /** The rule fails on this object and the caller allowed that. */
    public boolean excepted() {
        return verdict.ignored();
    }

    /** A FAIL of a "must" or a WARN of a "should" that no allowed exception covers. */
    public boolean isProblem() {
        return status() == Status.FAIL || status() == Status.WARN;
    }

    /** One line: {@code ra2.app.030 FAIL DaemonSet ra2check/ra2check-agent: hostNetwork: true}. */
    public String describe() {
        return verdict.id() + " " + status() + (excepted() ? " (allowed exception)" : "") + " " + object.display()
                + ": " + verdict.actual() + (verdict.reason() == null ? "" : " (" + verdict.reason() + ")");
    }

    @Override
    public String toString() {
        return describe();
    }
}
