package io.ra2check.collector.meta;

import io.ra2check.collector.check.Fingerprints;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Verdict;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the agent said about a node, from either of the two places it can be read: a report just received, or the
 * node's own annotations (after a restart, or on a replica that did not receive the report).
 *
 * @param verdicts    the agent's verdicts; from annotations they carry outcome, levels and ignored only
 * @param encoded     the verdicts in {@link CompactResults} form
 * @param fingerprint the compact fingerprint ({@link Fingerprints}), or null when the report has none
 * @param digest      {@link ReportDigest} of the report
 * @param reportedAt  generatedAt of the first report with this digest
 * @param order       {@link ReportOrder} of the first report with this digest, encoded; null when not known (a node
 *                    written by an older collector)
 */
public record AgentSide(Profile profile, List<Verdict> verdicts, String encoded, String fingerprint, String digest,
                        String reportedAt, String order) {
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{32}");

    public AgentSide {
        verdicts = List.copyOf(verdicts);
    }

    public Optional<Verdict> verdict(String id) {
        return verdicts.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /**
     * The first verdict ID of the report the catalog does not know, if any. The collector judges profiles with its
     * own catalog, and a node's annotations have room for the catalog's requirements only: a report from a newer
     * agent is refused (400) until the collector is updated, rather than judged on rules it does not have.
     */
    public static Optional<String> unknownRequirement(NodeReport report, RequirementCatalog catalog) {
        for (int i = 0; i < report.verdicts().size(); i++) {
            String id = report.verdicts().get(i).id();
            if (catalog.find(id).isEmpty()) {
                return Optional.of("verdicts[" + i + "].id: " + id
                        + " is not a requirement this collector knows (update the collector before the agents)");
            }
        }
        return Optional.empty();
    }

    /**
     * From a report. Verdicts of requirements only the collector decides keep what the agent said only as
     * placeholders (levels, ignored); a node-scope verdict cannot claim to be the collector's.
     */
    public static AgentSide fromReport(NodeReport report, RequirementCatalog catalog, String digest,
                                       String reportedAt) {
        return fromReport(report, catalog, digest, reportedAt, null);
    }

    /** As {@link #fromReport(NodeReport, RequirementCatalog, String, String)}, with the ordering key to record. */
    public static AgentSide fromReport(NodeReport report, RequirementCatalog catalog, String digest,
                                       String reportedAt, ReportOrder order) {
        List<Verdict> verdicts = new ArrayList<>(report.verdicts().size());
        for (Verdict v : report.verdicts()) {
            boolean clusterScope = catalog.find(v.id()).map(r -> r.scope() == Requirement.Scope.CLUSTER)
                    .orElse(false);
            if (!clusterScope && !Verdict.BY_AGENT.equals(v.judgedBy())) {
                v = v.withJudgedBy(Verdict.BY_AGENT);
            }
            verdicts.add(v);
        }
        return new AgentSide(report.profile(), verdicts, CompactResults.encode(verdicts),
                Fingerprints.encode(report.fingerprint()).orElse(null), digest, reportedAt,
                order == null ? null : order.encode());
    }

    /** From a node's annotations; IllegalArgumentException names the annotation that is missing or malformed. */
    public static AgentSide fromAnnotations(Map<String, String> owned, RequirementCatalog catalog) {
        String rawProfile = require(owned, Keys.PROFILE);
        Profile profile;
        try {
            profile = Profile.fromWire(rawProfile);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Keys.PROFILE + ": " + oneLine(e.getMessage()));
        }
        String encoded = require(owned, Keys.AGENT_RESULTS);
        List<Verdict> verdicts = new ArrayList<>();
        try {
            for (CompactResults.Entry e : CompactResults.decode(encoded)) {
                verdicts.add(e.toVerdict(profile, catalog, Verdict.BY_AGENT));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Keys.AGENT_RESULTS + ": " + oneLine(e.getMessage()));
        }
        String digest = require(owned, Keys.DIGEST);
        if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException(Keys.DIGEST + ": not a digest");
        }
        String reportedAt = require(owned, Keys.REPORTED_AT);
        try {
            Instant.parse(reportedAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(Keys.REPORTED_AT + ": not an instant");
        }
        String fingerprint = owned.get(Keys.FINGERPRINT);
        if (fingerprint != null && !Fingerprints.isValid(fingerprint)) {
            throw new IllegalArgumentException(Keys.FINGERPRINT + ": malformed");
        }
        String order = owned.get(Keys.REPORT_ORDER);
        if (order != null) {
            try {
                ReportOrder.parse(order);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Keys.REPORT_ORDER + ": " + oneLine(e.getMessage()));
            }
        }
        return new AgentSide(profile, verdicts, encoded, fingerprint, digest, reportedAt, order);
    }

    /**
     * A reason quoting an annotation's value as one printable line of bounded length: a kubelet writes the value, and
     * the reason reaches logs and the read API.
     */
    static String oneLine(String s) {
        String t = String.valueOf(s).replaceAll("[\\x00-\\x1f\\x7f]", "?");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private static String require(Map<String, String> owned, String key) {
        String v = owned.get(key);
        if (v == null) {
            throw new IllegalArgumentException(key + ": missing");
        }
        return v;
    }
}
