package io.ra2check.collector.service;

import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.meta.CompactResults;
import io.ra2check.collector.meta.Judge;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.meta.Liveness;
import io.ra2check.report.Compliance;
import io.ra2check.report.Profile;
import io.ra2check.report.ReportSummary;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node as the read API shows it, rebuilt from the node's annotations alone (every replica sees them, and they
 * survive restarts): the status of each requirement under the node's profile, counts, compliance and labels.
 *
 * @param problem  why a node that carries collector annotations cannot be read (hand-edited, older format), or null
 * @param statuses requirement ID to status, in report order; empty when the node has not reported
 * @param lastSeen the node's {@code ra2check.io/last-seen} (coarse: refreshed once per staleness threshold), or null
 * @param stale    whether the collector marked the node stale (its agent stopped reporting; labels withdrawn)
 */
public record NodeSummary(
        String name,
        String pool,
        boolean reported,
        String problem,
        Profile profile,
        Status status,
        String reportedAt,
        Map<Status, Integer> counts,
        Map<Profile, Compliance> compliance,
        Map<String, String> labels,
        List<String> failed,
        Map<String, Status> statuses,
        String lastSeen,
        boolean stale) {

    public static NodeSummary of(NodeFacts facts, RequirementCatalog catalog) {
        Map<String, String> a = facts.ownedAnnotations();
        String agent = a.get(Keys.AGENT_RESULTS);
        if (agent == null) {
            return empty(facts, null);
        }
        Profile profile;
        List<CompactResults.Entry> agentEntries;
        List<CompactResults.Entry> clusterEntries;
        try {
            profile = Profile.fromWire(a.get(Keys.PROFILE));
            agentEntries = CompactResults.decode(agent);
            clusterEntries = CompactResults.decode(a.getOrDefault(Keys.CLUSTER_RESULTS, ""));
        } catch (IllegalArgumentException e) {
            return empty(facts, "unreadable collector annotations: " + e.getMessage());
        }
        Map<String, CompactResults.Entry> merged = new LinkedHashMap<>();
        agentEntries.forEach(e -> merged.put(e.id(), e));
        clusterEntries.forEach(e -> merged.put(e.id(), e));
        List<Verdict> verdicts = new ArrayList<>();
        for (CompactResults.Entry e : merged.values()) {
            verdicts.add(e.toVerdict(profile, catalog, Verdict.BY_AGENT));
        }
        Map<String, Status> statuses = new LinkedHashMap<>();
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        List<String> failed = new ArrayList<>();
        for (Verdict v : verdicts) {
            statuses.put(v.id(), v.status());
            counts.merge(v.status(), 1, Integer::sum);
            if (v.status() == Status.FAIL) {
                failed.add(v.id());
            }
        }
        Map<Profile, Compliance> compliance = new EnumMap<>(Profile.class);
        for (Profile p : Profile.values()) {
            compliance.put(p, ReportSummary.evaluate(verdicts, p).compliance());
        }
        return new NodeSummary(facts.name(), facts.pool(), true, null, profile, Judge.overall(counts),
                a.get(Keys.REPORTED_AT), Collections.unmodifiableMap(counts),
                Collections.unmodifiableMap(compliance), facts.ownedLabels(), List.copyOf(failed),
                Collections.unmodifiableMap(statuses), a.get(Keys.LAST_SEEN),
                Liveness.STALE_VALUE.equals(a.get(Keys.STALE)));
    }

    private static NodeSummary empty(NodeFacts facts, String problem) {
        return new NodeSummary(facts.name(), facts.pool(), false, problem, null, null, null, Map.of(), Map.of(),
                facts.ownedLabels(), List.of(), Map.of(), null, false);
    }
}
