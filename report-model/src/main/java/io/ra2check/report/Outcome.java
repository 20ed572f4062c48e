package io.ra2check.report;

/**
 * What a check found, independent of any profile. A profile's level turns an outcome into a {@link Status}:
 * the same finding ("SR-IOV capable NIC absent") is a FAIL for a profile where the requirement is a must and a SKIP
 * for a profile that does not include it.
 */
public enum Outcome {
    PASS,
    FAIL,
    /** A fact the check needs could not be read. */
    UNKNOWN,
    /** Only a person, or the cluster, can decide. */
    MANUAL,
    /** The requirement does not apply to this node (e.g. a VM-only requirement on bare metal). */
    NOT_APPLICABLE
}
