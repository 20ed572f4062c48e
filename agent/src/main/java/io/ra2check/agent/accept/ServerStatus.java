package io.ra2check.agent.accept;

/**
 * A server's overall verdict in an acceptance run, in the order the fleet summary lists them: failures first, then
 * servers that could not be judged, then undecided ones, then those that meet the profile.
 */
public enum ServerStatus {
    /** A "must" requirement of the profile fails. */
    DOES_NOT_MEET,
    /** The snapshot or tree could not be opened (not an archive, truncated, unreadable). */
    DAMAGED,
    /** The snapshot opened but checking it failed inside ra2check (a bug: the reason says what to report). */
    ERROR,
    /** The root has neither /proc nor /sys: not a Linux host, so nothing ra2check reads exists there. */
    NOT_LINUX,
    /** The architecture is known and is not x86-64; RA2's hardware requirements assume x86-64 servers. */
    NOT_X86_64,
    /** Nothing fails, but a "must" could not be decided from what was captured (UNKNOWN). */
    UNDETERMINED,
    /** Every machine-checkable "must" of the profile passes. */
    MEETS;

    /** Whether the server can be signed off as delivered. */
    public boolean accepted() {
        return this == MEETS;
    }

    /** Whether the profile's requirements were judged on it (the per-requirement counts are over these servers). */
    public boolean judged() {
        return this == DOES_NOT_MEET || this == UNDETERMINED || this == MEETS;
    }

    /** "DOES NOT MEET", "NOT X86-64". */
    public String label() {
        return this == NOT_X86_64 ? "NOT X86-64" : name().replace('_', ' ');
    }
}
