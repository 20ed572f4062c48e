package io.ra2check.collector.meta;

import io.ra2check.collector.check.cluster.LiveWorkloads;
import io.ra2check.report.Finding;
import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;
import io.ra2check.report.Verdict;
import io.ra2check.report.Verdicts;
import io.ra2check.workload.KubeObject;
import io.ra2check.workload.WorkloadCheck;
import io.ra2check.workload.WorkloadFinding;
import io.ra2check.workload.WorkloadReport;
import io.ra2check.workload.WorkloadRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Judges the live objects of each selected namespace with the workload rules, one verdict per rule per namespace,
 * as {@code ra2check workload} judges manifests. Pure. A rule that reads a kind not read completely in a namespace
 * (forbidden, too many objects) is UNKNOWN there with the reason: judging it on part of the objects would pass a
 * namespace for what was not read.
 */
public final class LiveWorkloadJudge {
    private static final List<String> PODS = LiveWorkloads.WORKLOAD_KINDS;

    /**
     * The kinds each rule reads (WorkloadRules): pod rules read the workload kinds; the others also, or only, read
     * the kinds named. A rule missing here is UNKNOWN ("update the collector") rather than judged on a guess.
     */
    static final Map<String, List<String>> READS = Map.ofEntries(
            Map.entry("ra2.app.007", PODS), Map.entry("ra2.app.016", PODS), Map.entry("ra2.app.025", PODS),
            Map.entry("ra2.app.026", PODS), Map.entry("ra2.app.027", PODS), Map.entry("ra2.app.028", PODS),
            Map.entry("ra2.app.029", PODS), Map.entry("ra2.app.030", PODS), Map.entry("ra2.app.031", PODS),
            Map.entry("ra2.app.032", plus("Namespace", "LimitRange", "ResourceQuota")),
            Map.entry("ra2.app.033", PODS), Map.entry("ra2.app.034", PODS), Map.entry("ra2.app.035", PODS),
            Map.entry("ra2.app.036", List.of("Service")), Map.entry("ra2.app.037", List.of("ConfigMap")),
            Map.entry("ra2.app.038", plus("HorizontalPodAutoscaler")), Map.entry("ra2.app.039", PODS),
            Map.entry("ra2.app.040", PODS), Map.entry("ra2.app.041", PODS), Map.entry("ra2.app.042", PODS),
            Map.entry("ra2.app.043", PODS), Map.entry("ra2.app.044", PODS), Map.entry("ra2.app.045", PODS),
            Map.entry("ra2.app.046", PODS), Map.entry("ra2.app.047", PODS), Map.entry("ra2.app.048", PODS));

    /** ra2.app.016 asks which API version a workload is written against; the API server answers in any asked. */
    static final String ALPHA_API_RULE = "ra2.app.016";

    /** The kinds a rule reads, or null for a rule this collector does not know. */
    public static List<String> readsOf(String ruleId) {
        return READS.get(ruleId);
    }

    private static List<String> plus(String... kinds) {
        return Stream.concat(PODS.stream(), Stream.of(kinds)).toList();
    }

    /** Objects named per rule as failing; {@link NamespaceVerdicts#problemCount} says how many there are. */
    public static final int NAMED_PROBLEMS = 20;

    /**
     * One namespace's judgement.
     *
     * @param objects  how many objects were judged (the controllers and bare pods, Services, ...)
     * @param problems by rule ID, the first {@link #NAMED_PROBLEMS} objects on which it fails (or warns), unexcused
     */
    public record NamespaceVerdicts(String namespace, int objects, List<Verdict> verdicts,
                                    Map<String, List<String>> problems, Map<String, Integer> problemCount) {
        public NamespaceVerdicts {
            verdicts = List.copyOf(verdicts);
            problems = Map.copyOf(problems);
            problemCount = Map.copyOf(problemCount);
        }

        public List<String> problems(String ruleId) {
            return problems.getOrDefault(ruleId, List.of());
        }

        public int problemCount(String ruleId) {
            return problemCount.getOrDefault(ruleId, 0);
        }
    }

    private LiveWorkloadJudge() {
    }

    public static List<NamespaceVerdicts> judge(LiveWorkloads live) {
        List<NamespaceVerdicts> out = new ArrayList<>();
        for (LiveWorkloads.Namespace ns : live.namespaces()) {
            out.add(judge(ns));
        }
        return out;
    }

    static NamespaceVerdicts judge(LiveWorkloads.Namespace ns) {
        List<KubeObject> objects = ns.objects();
        WorkloadReport report = WorkloadCheck.checkObjects(objects, Set.of());
        List<Verdict> judged = report.ruleVerdicts();
        List<Verdict> out = new ArrayList<>();
        Map<String, List<String>> problems = new java.util.LinkedHashMap<>();
        Map<String, Integer> problemCount = new java.util.LinkedHashMap<>();
        for (Verdict v : judged) {
            WorkloadRule rule = WorkloadCheck.rules().stream().filter(r -> r.id().equals(v.id())).findFirst()
                    .orElseThrow();
            List<String> reads = READS.get(v.id());
            String unread = reads == null ? "this collector version does not know what " + v.id() + " reads: update "
                    + "the collector" : ns.unread(reads);
            if (unread != null) {
                out.add(verdict(rule, Finding.unknown(v.expected(), unread,
                        List.of())));
            } else if (v.id().equals(ALPHA_API_RULE) && v.outcome() != io.ra2check.report.Outcome.NOT_APPLICABLE) {
                out.add(verdict(rule, Finding.manual(v.expected(), "not visible in the cluster", "the API server "
                        + "returns every object in whichever version is asked, so the live objects do not show the "
                        + "version the workload's manifests use: check the charts with ra2check workload", List.of())));
            } else {
                out.add(bounded(rule, v));
                List<String> failing = report.forRule(v.id()).stream().filter(WorkloadFinding::isProblem)
                        .map(f -> f.object().display()).toList();
                if (!failing.isEmpty()) {
                    problems.put(v.id(), failing.stream().limit(NAMED_PROBLEMS).toList());
                    problemCount.put(v.id(), failing.size());
                }
            }
        }
        return new NamespaceVerdicts(ns.name(), (int) objects.stream().filter(o -> !o.kind().equals("Namespace"))
                .count(), out, problems, problemCount);
    }

    /** Evidence lines kept per verdict: one per object would be 2,000 per rule per namespace, held until the next read. */
    public static final int MAX_EVIDENCE = 100;

    /** The verdict with its first {@link #MAX_EVIDENCE} evidence lines and a count of the rest. */
    static Verdict bounded(WorkloadRule rule, Verdict v) {
        if (v.evidence().size() <= MAX_EVIDENCE) {
            return v;
        }
        List<io.ra2check.report.Evidence> ev = new ArrayList<>(v.evidence().subList(0, MAX_EVIDENCE));
        ev.add(io.ra2check.report.Evidence.of("(not shown)", (v.evidence().size() - MAX_EVIDENCE)
                + " more evidence lines"));
        return verdict(rule, new Finding(v.outcome(), v.expected(), v.actual(), v.reason(), ev));
    }

    private static Verdict verdict(WorkloadRule rule, Finding f) {
        Requirement r = rule.requirement();
        return Verdicts.of(r, f, r.levels(), null, false, Profile.BASIC, WorkloadCheck.JUDGED_BY);
    }
}
