package io.ra2check.collector.meta;

import io.ra2check.report.Profile;

import java.util.List;

/**
 * The Node metadata keys the collector owns, and nothing else: every patch it sends touches only these, and it removes
 * any other key under its prefixes (left by an older version, or by hand) as stale.
 */
public final class Keys {
    /** Labels RA2 ra2.k8s.011 prescribes: {@code anuket.io/profile/<profile>=true} when the node meets the profile. */
    public static final String LABEL_PREFIX = "anuket.io/profile/";
    public static final String ANNOTATION_PREFIX = "ra2check.io/";
    /** The Node condition the collector owns. */
    public static final String CONDITION_TYPE = "Ra2Conformant";

    /** Worst status of the node's verdicts under its report's profile: FAIL, UNKNOWN, WARN or PASS. */
    public static final String STATUS = ANNOTATION_PREFIX + "status";
    /** The profile the node was checked for (the report's). */
    public static final String PROFILE = ANNOTATION_PREFIX + "profile";
    /** Verdict counts by status, e.g. {@code pass=20,fail=2,warn=1,skip=5,unknown=0,manual=3}. */
    public static final String COUNTS = ANNOTATION_PREFIX + "counts";
    /** IDs whose status is FAIL, comma-separated; absent when none fails. */
    public static final String FAILED = ANNOTATION_PREFIX + "failed";
    /** Compliance with each profile, e.g. {@code basic=MEETS,network-intensive=DOES_NOT_MEET}. */
    public static final String COMPLIANCE = ANNOTATION_PREFIX + "compliance";
    /** When the agent produced the report these results come from (unchanged by re-checks with the same results). */
    public static final String REPORTED_AT = ANNOTATION_PREFIX + "reported-at";
    /** Digest of the agent's report, timing fields excluded. */
    public static final String DIGEST = ANNOTATION_PREFIX + "digest";
    /** The agent's verdicts in compact form ({@link CompactResults}): what a restarted collector rebuilds from. */
    public static final String AGENT_RESULTS = ANNOTATION_PREFIX + "agent-results";
    /** The collector's verdicts in compact form. */
    public static final String CLUSTER_RESULTS = ANNOTATION_PREFIX + "cluster-results";
    /**
     * The ordering key ({@link ReportOrder}) of the report the results come from: generatedAt, agent run and sequence.
     * Like {@link #REPORTED_AT}, it stays while the results do, so an unchanged report writes nothing; any replica, and
     * a restarted collector, refuses a report older than it.
     */
    public static final String REPORT_ORDER = ANNOTATION_PREFIX + "report-order";
    /** Per-key digests of the node's OS/kernel/kubelet fingerprint, for ra2.os.004 across the pool. */
    public static final String FINGERPRINT = ANNOTATION_PREFIX + "fingerprint";

    /**
     * When a report last reached the collector, refreshed only when older than the staleness threshold
     * ({@link Liveness}): coarse on purpose, so that unchanged reports cost no write.
     */
    public static final String LAST_SEEN = ANNOTATION_PREFIX + "last-seen";
    /** {@code true} on a node whose agent stopped reporting: its profile labels are withdrawn until it reports. */
    public static final String STALE = ANNOTATION_PREFIX + "stale";

    public static final List<String> ANNOTATIONS = List.of(STATUS, PROFILE, COUNTS, FAILED, COMPLIANCE, REPORTED_AT,
            REPORT_ORDER, DIGEST, AGENT_RESULTS, CLUSTER_RESULTS, FINGERPRINT, LAST_SEEN, STALE);

    /** Annotations whose value differs on every node: the others are shared between nodes in memory. */
    public static final java.util.Set<String> UNIQUE_VALUES = java.util.Set.of(DIGEST, REPORTED_AT, REPORT_ORDER,
            LAST_SEEN);

    /** Room kept in the annotation budget for {@link #LAST_SEEN} and {@link #STALE}, added after judging. */
    public static final int LIVENESS_BYTES = 64;

    /** The largest size the collector's annotations may have on one node: keys plus values, UTF-8 bytes. */
    public static final int MAX_ANNOTATION_BYTES = 2048;

    private Keys() {
    }

    public static String profileLabel(Profile p) {
        return PROFILE_LABELS.get(p.ordinal());
    }

    /** The constant for a known key (one copy for all nodes), else the key itself. */
    public static String canonical(String key) {
        for (String k : ANNOTATIONS) {
            if (k.equals(key)) {
                return k;
            }
        }
        for (Profile p : Profile.values()) {
            if (key.equals(LABEL_PREFIX + p.wireName())) {
                return PROFILE_LABELS.get(p.ordinal());
            }
        }
        return key;
    }

    private static final List<String> PROFILE_LABELS = java.util.Arrays.stream(Profile.values())
            .map(p -> LABEL_PREFIX + p.wireName()).toList();

    public static boolean ownedLabel(String key) {
        return key.startsWith(LABEL_PREFIX);
    }

    public static boolean ownedAnnotation(String key) {
        return key.startsWith(ANNOTATION_PREFIX);
    }
}
