package io.ra2check.report;

/** Whether a node meets a profile as a whole. */
public enum Compliance {
    /** Every machine-checkable "must" of the profile passes. */
    MEETS,
    /** At least one "must" of the profile fails. */
    DOES_NOT_MEET,
    /** Nothing fails, but at least one "must" could not be decided (UNKNOWN). */
    UNDETERMINED
}
