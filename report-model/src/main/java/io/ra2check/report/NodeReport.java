package io.ra2check.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one check of one node produced: the JSON form of this record is the report schema
 * ({@code docs/report-schema.md}), the same document the agent posts to the collector.
 *
 * @param node        the node name (Kubernetes node name in a cluster, else the host name)
 * @param generatedAt when the check ran
 * @param durationMs  how long probing and checking took
 * @param root        the host root that was checked
 * @param profile     the profile the statuses are computed for
 * @param fingerprint system software and configuration identity, compared across nodes for ra2.os.004; values only,
 *                    nothing node-specific (no addresses, host names or serial numbers)
 * @param origin      which agent process produced the report and its place in that process's sequence, for the
 *                    collector's ordering of a node's reports; null for a report not made by a running agent
 */
public record NodeReport(
        Tool tool,
        String node,
        Instant generatedAt,
        double durationMs,
        Root root,
        Profile profile,
        Inventory inventory,
        Map<String, String> fingerprint,
        List<Verdict> verdicts,
        Origin origin) {

    public static final String API_VERSION = "ra2check.io/v1";
    public static final String KIND = "NodeReport";

    public NodeReport {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(profile, "profile");
        inventory = inventory == null ? Inventory.empty() : inventory;
        fingerprint = fingerprint == null ? Map.of() : Map.copyOf(fingerprint);
        verdicts = List.copyOf(verdicts);
    }

    /** A report without an {@link Origin} (a one-off check, not a running agent's). */
    public NodeReport(Tool tool, String node, Instant generatedAt, double durationMs, Root root, Profile profile,
                      Inventory inventory, Map<String, String> fingerprint, List<Verdict> verdicts) {
        this(tool, node, generatedAt, durationMs, root, profile, inventory, fingerprint, verdicts, null);
    }

    /**
     * Where in an agent's life a report was made: {@code run} is random per agent process (a restarted agent has a new
     * one), {@code sequence} counts that process's reports from 1. Within one run a higher sequence is newer whatever
     * the clocks say; across runs generatedAt decides.
     */
    public record Origin(String run, long sequence) {
        public static final int MAX_RUN_LENGTH = 64;

        public Origin {
            Objects.requireNonNull(run, "run");
            if (run.isEmpty() || run.length() > MAX_RUN_LENGTH || !run.chars().allMatch(Origin::runChar)) {
                throw new IllegalArgumentException("origin.run: expected 1 to " + MAX_RUN_LENGTH
                        + " letters, digits or '-'");
            }
            if (sequence < 1) {
                throw new IllegalArgumentException("origin.sequence: expected a number from 1");
            }
        }

        private static boolean runChar(int c) {
            return c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
    }

    /** The same report with an origin. */
    public NodeReport withOrigin(Origin o) {
        return new NodeReport(tool, node, generatedAt, durationMs, root, profile, inventory, fingerprint, verdicts, o);
    }

    /** The tool that produced the report. */
    public record Tool(String name, String version) {
        public Tool {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * The host root that was read.
     *
     * @param kind {@code live} (this host, {@code /}), {@code mounted} (a live host's root mounted elsewhere, as in the
     *             DaemonSet), {@code snapshot} (a ra2check snapshot) or {@code tree} (any other captured directory)
     */
    public record Root(String path, String kind) {
        public Root {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
        }
    }

    public Optional<Verdict> verdict(String id) {
        return verdicts.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    public ReportSummary summary() {
        return ReportSummary.of(this);
    }

    /** The same report with its statuses recomputed for another profile. */
    public NodeReport forProfile(Profile other) {
        return new NodeReport(tool, node, generatedAt, durationMs, root, other, inventory, fingerprint,
                verdicts.stream().map(v -> v.forProfile(other)).toList(), origin);
    }

    /** The same report with one verdict replaced (or added, at the end, when the report has none with that ID). */
    public NodeReport withVerdict(Verdict replacement) {
        List<Verdict> out = new java.util.ArrayList<>(verdicts.size() + 1);
        boolean replaced = false;
        for (Verdict v : verdicts) {
            if (v.id().equals(replacement.id())) {
                out.add(replacement);
                replaced = true;
            } else {
                out.add(v);
            }
        }
        if (!replaced) {
            out.add(replacement);
        }
        return new NodeReport(tool, node, generatedAt, durationMs, root, profile, inventory, fingerprint, out, origin);
    }
}
