package io.ra2check.collector.meta;

import io.ra2check.report.Profile;
import io.ra2check.report.ReportSummary;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;

import java.util.List;
import java.util.Map;

/**
 * A node judged as a whole: the collector's verdicts, the agent's merged with them, and the Node metadata that follows.
 *
 * @param clusterVerdicts the collector's verdicts (judgedBy collector), in catalog order
 * @param merged          the agent's verdicts with the collector's in place of the cluster-scope ones
 * @param labels          the profile labels the node should carry: key to {@code "true"}, or to null for "absent";
 *                        empty when the collector does not manage labels
 * @param annotations     the {@code ra2check.io/} annotations the node should carry (absent keys: none)
 */
public record Judgement(
        Profile profile,
        List<Verdict> clusterVerdicts,
        List<Verdict> merged,
        Map<Profile, ReportSummary.ProfileResult> compliance,
        Status status,
        Map<Status, Integer> counts,
        List<String> failed,
        Map<String, String> labels,
        Map<String, String> annotations) {
    /** The same judgement with other Node metadata (liveness adjusts what the verdicts alone would write). */
    public Judgement withMetadata(Map<String, String> newLabels, Map<String, String> newAnnotations) {
        return new Judgement(profile, clusterVerdicts, merged, compliance, status, counts, failed,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(newLabels)),
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(newAnnotations)));
    }
}
