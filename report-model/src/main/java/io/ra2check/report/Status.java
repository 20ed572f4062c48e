package io.ra2check.report;

/** The verdict a requirement gets under one profile. */
public enum Status {
    /** The requirement is met. */
    PASS,
    /** A "must" requirement is not met. */
    FAIL,
    /** A "should" requirement is not met. */
    WARN,
    /** Not applicable to this node or profile, or ignored by the operator; the reason says which. */
    SKIP,
    /** A fact the check needs could not be read; the reason says why. */
    UNKNOWN,
    /** Needs a person or the cluster's view to decide. */
    MANUAL;

    public String label() {
        return name();
    }
}
