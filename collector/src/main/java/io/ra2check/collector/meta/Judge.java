package io.ra2check.collector.meta;

import io.ra2check.collector.check.ControlPlane;
import io.ra2check.collector.check.NodeCheck;
import io.ra2check.collector.check.NodeContext;
import io.ra2check.report.Finding;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.check.PodView;
import io.ra2check.collector.check.PoolView;
import io.ra2check.report.Compliance;
import io.ra2check.report.Level;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.ReportSummary;
import io.ra2check.report.Requirement;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import io.ra2check.report.Verdicts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judges a node from what the agent said and what the cluster shows: runs the cluster checks, merges their verdicts
 * into the agent's, evaluates the profiles and computes the labels and annotations the Node should carry. Pure: the
 * same inputs give the same judgement, whichever replica computes it and whether the agent's side comes from a report
 * or from the annotations.
 */
public final class Judge {
    public static final String HUGEPAGES = "ra2.ch.001";
    public static final String CPU_ALLOCATION = "ra2.ch.006";
    public static final String NFD = "ra2.ch.018";
    public static final String OS_CONSISTENCY = "ra2.os.004";
    public static final String VERSION_SKEW = "ra2.k8s.005";
    public static final String PROFILE_LABELS = "ra2.k8s.011";
    public static final String OCI_RUNTIME = "ra2.crt.001";
    public static final String CRI_RUNTIME = "ra2.crt.002";

    /**
     * @param countUnsetCpuLimits for ra2.ch.006: a container without a CPU limit makes the limits sum unbounded
     * @param manageLabels        the collector sets and removes the {@code anuket.io/profile/*} labels
     * @param poolQuorum          for ra2.os.004: the fewest reporting nodes a pool needs before its majority counts
     */
    public record Options(boolean countUnsetCpuLimits, boolean manageLabels, int poolQuorum) {
        public static final int DEFAULT_POOL_QUORUM = 3;

        public Options {
            if (poolQuorum < 2) {
                throw new IllegalArgumentException("pool quorum must be at least 2, got " + poolQuorum);
            }
        }

        public Options(boolean countUnsetCpuLimits, boolean manageLabels) {
            this(countUnsetCpuLimits, manageLabels, DEFAULT_POOL_QUORUM);
        }
    }

    private final RequirementCatalog catalog;
    private final Options options;
    /** The IDs the collector decides, in catalog order: the cluster-scope ones and ra2.ch.001 (its cluster half). */
    private final List<String> collectorIds;
    private final Map<String, NodeCheck> checks = new LinkedHashMap<>();

    public Judge(RequirementCatalog catalog, Options options) {
        this.catalog = catalog;
        this.options = options;
        Set<String> ids = new LinkedHashSet<>();
        for (Requirement r : catalog.all()) {
            if (r.scope() == Requirement.Scope.CLUSTER || r.id().equals(HUGEPAGES)) {
                ids.add(r.id());
            }
        }
        this.collectorIds = List.copyOf(ids);
        for (NodeCheck c : NodeCheck.all()) {
            checks.put(c.id(), c);
        }
    }

    public RequirementCatalog catalog() {
        return catalog;
    }

    public Options options() {
        return options;
    }

    public List<String> collectorIds() {
        return collectorIds;
    }

    public Judgement judge(AgentSide agent, NodeFacts node, PodView pods, ControlPlane controlPlane, PoolView pool) {
        Profile profile = agent.profile();
        Map<String, Verdict> agentVerdicts = new LinkedHashMap<>();
        for (Verdict v : agent.verdicts()) {
            agentVerdicts.putIfAbsent(v.id(), v);
        }
        NodeContext context = new NodeContext(node, agentVerdicts, agent.fingerprint(), pods, controlPlane, pool,
                options.countUnsetCpuLimits(), options.manageLabels(), options.poolQuorum(), null);
        Map<String, Verdict> cluster = new LinkedHashMap<>();
        for (String id : collectorIds) {
            if (!id.equals(PROFILE_LABELS)) {
                cluster.put(id, verdict(id, finding(id, context), agent, profile));
            }
        }
        // ra2.k8s.011 is about the labels, which follow from the compliance without it
        List<Verdict> withoutLabels = merge(agent.verdicts(), cluster);
        Map<Profile, Compliance> beforeLabels = new EnumMap<>(Profile.class);
        for (Profile p : Profile.values()) {
            beforeLabels.put(p, ReportSummary.evaluate(withoutLabels, p).compliance());
        }
        if (collectorIds.contains(PROFILE_LABELS)) {
            cluster.put(PROFILE_LABELS, verdict(PROFILE_LABELS, finding(PROFILE_LABELS,
                    context.withCompliance(beforeLabels)), agent, profile));
        }
        List<Verdict> clusterVerdicts = new ArrayList<>();
        for (String id : collectorIds) {
            clusterVerdicts.add(cluster.get(id));
        }
        List<Verdict> merged = merge(agent.verdicts(), cluster);

        Map<Profile, ReportSummary.ProfileResult> compliance = new EnumMap<>(Profile.class);
        for (Profile p : Profile.values()) {
            compliance.put(p, ReportSummary.evaluate(merged, p));
        }
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        List<String> failed = new ArrayList<>();
        for (Verdict v : merged) {
            counts.merge(v.status(), 1, Integer::sum);
            if (v.status() == Status.FAIL) {
                failed.add(v.id());
            }
        }
        Status overall = overall(counts);

        Map<String, String> labels = new LinkedHashMap<>();
        if (options.manageLabels()) {
            for (Profile p : Profile.values()) {
                labels.put(Keys.profileLabel(p), beforeLabels.get(p) == Compliance.MEETS ? "true" : null);
            }
        }
        Map<String, String> annotations = annotations(agent, clusterVerdicts, compliance, overall, counts, failed);
        return new Judgement(profile, List.copyOf(clusterVerdicts), List.copyOf(merged),
                Collections.unmodifiableMap(compliance), overall, Collections.unmodifiableMap(counts),
                List.copyOf(failed), Collections.unmodifiableMap(labels), Collections.unmodifiableMap(annotations));
    }

    private Finding finding(String id, NodeContext context) {
        Requirement r = catalog.get(id);
        NodeCheck check = checks.get(id);
        if (check == null) {
            return Finding.unknown(r.title(), "this collector version cannot judge " + id + ": update the collector",
                    List.of());
        }
        try {
            return check.evaluate(context, r);
        } catch (RuntimeException e) {
            // a check bug must not take the node's other verdicts down, nor pass for a finding
            return Finding.unknown(r.title(), "internal error in the collector's check: " + e, List.of());
        }
    }

    /** A collector verdict: levels, condition and ignored as the agent reported them, else from the catalog. */
    private Verdict verdict(String id, Finding f, AgentSide agent, Profile profile) {
        Requirement r = catalog.get(id);
        Verdict placeholder = agent.verdict(id).orElse(null);
        Map<Profile, Level> levels = placeholder != null ? placeholder.levels() : r.levels();
        boolean ignored = placeholder != null && placeholder.ignored();
        String condition = placeholder != null ? placeholder.condition() : null;
        return Verdicts.of(r, f, levels, condition, ignored, profile, Verdict.BY_COLLECTOR);
    }

    /** The agent's verdicts with the collector's in their place; collector verdicts the agent lacks go last. */
    static List<Verdict> merge(List<Verdict> agent, Map<String, Verdict> cluster) {
        List<Verdict> out = new ArrayList<>(agent.size() + cluster.size());
        Set<String> used = new java.util.HashSet<>();
        for (Verdict v : agent) {
            Verdict c = cluster.get(v.id());
            if (c != null) {
                out.add(c);
                used.add(v.id());
            } else if (!cluster.containsKey(v.id()) && !isCollectorOnly(v.id())) {
                out.add(v);
            }
        }
        for (Map.Entry<String, Verdict> e : cluster.entrySet()) {
            if (!used.contains(e.getKey())) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** ra2.k8s.011 while it is not judged yet: the agent's placeholder must not count in the labels' compliance. */
    private static boolean isCollectorOnly(String id) {
        return id.equals(PROFILE_LABELS);
    }

    /** The worst status present: FAIL, UNKNOWN, WARN, PASS, then MANUAL and SKIP when nothing else is. */
    public static Status overall(Map<Status, Integer> counts) {
        for (Status s : List.of(Status.FAIL, Status.UNKNOWN, Status.WARN, Status.PASS, Status.MANUAL)) {
            if (counts.getOrDefault(s, 0) > 0) {
                return s;
            }
        }
        return Status.SKIP;
    }

    private static Map<String, String> annotations(AgentSide agent, List<Verdict> clusterVerdicts,
                                                   Map<Profile, ReportSummary.ProfileResult> compliance,
                                                   Status overall, Map<Status, Integer> counts, List<String> failed) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(Keys.STATUS, overall.name());
        a.put(Keys.PROFILE, agent.profile().wireName());
        StringBuilder c = new StringBuilder();
        for (Map.Entry<Status, Integer> e : counts.entrySet()) {
            if (c.length() > 0) {
                c.append(',');
            }
            c.append(e.getKey().name().toLowerCase(Locale.ROOT)).append('=').append(e.getValue());
        }
        a.put(Keys.COUNTS, c.toString());
        StringBuilder p = new StringBuilder();
        for (ReportSummary.ProfileResult r : compliance.values()) {
            if (p.length() > 0) {
                p.append(',');
            }
            p.append(r.profile().wireName()).append('=').append(r.compliance().name());
        }
        a.put(Keys.COMPLIANCE, p.toString());
        a.put(Keys.REPORTED_AT, agent.reportedAt());
        if (agent.order() != null) {
            a.put(Keys.REPORT_ORDER, agent.order());
        }
        a.put(Keys.DIGEST, agent.digest());
        a.put(Keys.AGENT_RESULTS, agent.encoded());
        a.put(Keys.CLUSTER_RESULTS, CompactResults.encode(clusterVerdicts));
        if (agent.fingerprint() != null) {
            a.put(Keys.FINGERPRINT, agent.fingerprint());
        }
        if (!failed.isEmpty()) {
            a.put(Keys.FAILED, String.join(",", failed));
            // the catalog bounds every other annotation; should the failed list ever push the total past the
            // budget, it is shortened (the results annotations still hold every ID)
            int over = size(a) + Keys.LIVENESS_BYTES - Keys.MAX_ANNOTATION_BYTES;
            if (over > 0) {
                a.put(Keys.FAILED, shorten(failed, a.get(Keys.FAILED).length() - over));
            }
        }
        return a;
    }

    private static String shorten(List<String> ids, int room) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            String more = ",+" + (ids.size() - i);
            String next = (sb.length() > 0 ? "," : "") + ids.get(i);
            if (sb.length() + next.length() + more.length() > room) {
                return sb + (sb.length() > 0 ? "," : "") + "+" + (ids.size() - i);
            }
            sb.append(next);
        }
        return sb.toString();
    }

    /** Keys plus values in UTF-8 bytes. */
    public static int size(Map<String, String> annotations) {
        int n = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            n += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            if (e.getValue() != null) {
                n += e.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }
}
