package io.ra2check.collector.check;

import io.ra2check.report.Finding;
import io.ra2check.report.Compliance;
import io.ra2check.report.Evidence;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The checks that need the cluster's view, as pure functions of what the collector reads from the API server. Each
 * returns UNKNOWN with the reason when a fact it needs is missing: never a PASS or FAIL it cannot back.
 */
public final class ClusterChecks {
    /** Container runtimes known not to implement the OCI runtime specification, with the reason. */
    static final Map<String, String> NON_OCI_RUNTIMES = Map.of(
            "rkt", "rkt runs App Container (appc) pods, not OCI runtime bundles");
    /** The kubelet release that removed dockershim: from it on, the kubelet reaches every runtime through the CRI. */
    static final KubeVersion CRI_ONLY_SINCE = new KubeVersion(1, 24);

    private ClusterChecks() {
    }

    private static String src(NodeFacts n, String field) {
        return "node/" + n.name() + " " + field;
    }

    // ------------------------------------------------------------------------------------------- ra2.ch.001 (half)

    /** The cluster half of ra2.ch.001: the node advertises schedulable hugepages-2Mi and hugepages-1Gi. */
    public static Finding hugepagesSchedulable(NodeFacts n) {
        String expected = "schedulable hugepages-2Mi and hugepages-1Gi (status.allocatable > 0)";
        if (!n.allocatableKnown()) {
            return Finding.unknown(expected, "the node reports no status.allocatable (is its kubelet up?)", List.of());
        }
        List<Evidence> evidence = List.of(
                Evidence.of(src(n, "status.allocatable.hugepages-2Mi"), quantity(n.hugepages2MiBytes())),
                Evidence.of(src(n, "status.allocatable.hugepages-1Gi"), quantity(n.hugepages1GiBytes())));
        List<String> missing = new ArrayList<>();
        if (n.hugepages2MiBytes() == null || n.hugepages2MiBytes() == 0) {
            missing.add("hugepages-2Mi");
        }
        if (n.hugepages1GiBytes() == null || n.hugepages1GiBytes() == 0) {
            missing.add("hugepages-1Gi");
        }
        String actual = "allocatable hugepages-2Mi " + quantity(n.hugepages2MiBytes()) + ", hugepages-1Gi "
                + quantity(n.hugepages1GiBytes());
        return missing.isEmpty() ? Finding.pass(expected, actual, evidence)
                : Finding.fail(expected, actual + " (none schedulable: " + String.join(", ", missing) + ")", evidence);
    }

    /**
     * ra2.ch.001 as a whole: the agent's half (the host supports and can allocate both page sizes) and the cluster's
     * (the kubelet advertises both as schedulable resources). Both must hold.
     *
     * @param agentHalf the agent's ra2.ch.001 verdict, or null when the report has none
     */
    public static Finding hugepages(Verdict agentHalf, Finding schedulable) {
        Outcome a = agentHalf == null ? Outcome.UNKNOWN : agentHalf.outcome();
        String agentReason = agentHalf == null ? "the report has no ra2.ch.001 verdict" : agentHalf.reason();
        Outcome s = schedulable.outcome();
        List<Evidence> evidence = new ArrayList<>();
        if (agentHalf != null) {
            evidence.addAll(agentHalf.evidence());
        }
        evidence.addAll(schedulable.evidence());
        String expected = join(agentHalf == null ? "" : agentHalf.expected(), schedulable.expected());
        String actual = join(agentHalf == null ? "no node verdict" : agentHalf.actual(), schedulable.actual());
        Outcome outcome;
        String reason = null;
        if (a == Outcome.FAIL || s == Outcome.FAIL) {
            outcome = Outcome.FAIL;
        } else if (a == Outcome.UNKNOWN || s == Outcome.UNKNOWN) {
            outcome = Outcome.UNKNOWN;
            List<String> reasons = new ArrayList<>();
            if (a == Outcome.UNKNOWN) {
                reasons.add("node: " + (agentReason == null ? "not decided" : agentReason));
            }
            if (s == Outcome.UNKNOWN) {
                reasons.add("cluster: " + schedulable.reason());
            }
            reason = String.join("; ", reasons);
        } else if (a == Outcome.MANUAL) {
            outcome = Outcome.MANUAL;
            reason = agentReason == null ? "the node half needs a person" : agentReason;
        } else if (a == Outcome.NOT_APPLICABLE) {
            outcome = Outcome.NOT_APPLICABLE;
            reason = agentReason == null ? "does not apply to this node" : agentReason;
        } else {
            outcome = Outcome.PASS;
        }
        return new Finding(outcome, expected, actual, reason, evidence);
    }

    // -------------------------------------------------------------------------------------------------- ra2.ch.006

    /**
     * ra2.ch.006: the CPU requests, and the CPU limits, of the pods on the node each sum to less than its allocatable
     * CPU.
     *
     * @param countUnsetLimits a container without a CPU limit may use all of the node's CPU, so by default it makes
     *                         the limits sum unbounded; false sums only the limits that are set
     */
    public static Finding cpuAllocation(NodeFacts n, PodView pods, boolean countUnsetLimits) {
        String expected = "sum of pod CPU requests < allocatable CPU and sum of pod CPU limits < allocatable CPU";
        if (n.allocatableCpuMillis() == null) {
            return Finding.unknown(expected, "the node reports no allocatable CPU", List.of());
        }
        if (pods.unknownReason() != null) {
            return Finding.unknown(expected, pods.unknownReason(), List.of());
        }
        CpuTotals t = pods.totals();
        long alloc = n.allocatableCpuMillis();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of(src(n, "status.allocatable.cpu"), cpu(alloc)));
        evidence.add(Evidence.of("pods on node " + n.name() + " (not finished)", t.pods()));
        evidence.add(Evidence.of("sum of effective CPU requests", cpu(t.requestMillis())));
        evidence.add(Evidence.of("sum of CPU limits set", cpu(t.limitMillis())));
        if (t.unlimitedContainers() > 0) {
            evidence.add(Evidence.of("containers without a CPU limit", t.unlimitedContainers() + " (e.g. "
                    + String.join(", ", t.unlimitedPods()) + ")"));
        }
        boolean requestsOk = t.requestMillis() < alloc;
        boolean unbounded = countUnsetLimits && t.unlimitedContainers() > 0;
        boolean limitsOk = !unbounded && t.limitMillis() < alloc;
        StringBuilder actual = new StringBuilder();
        actual.append("requests ").append(cpu(t.requestMillis())).append(", limits ");
        if (unbounded) {
            actual.append("unbounded (").append(t.unlimitedContainers())
                    .append(t.unlimitedContainers() == 1 ? " container sets" : " containers set")
                    .append(" no CPU limit, e.g. ").append(String.join(", ", t.unlimitedPods())).append(")");
        } else {
            actual.append(cpu(t.limitMillis()));
        }
        actual.append(" of ").append(cpu(alloc)).append(" allocatable, ").append(t.pods()).append(" pods");
        return requestsOk && limitsOk ? Finding.pass(expected, actual.toString(), evidence)
                : Finding.fail(expected, actual.toString(), evidence);
    }

    // -------------------------------------------------------------------------------------------------- ra2.ch.018

    /** ra2.ch.018: Node Feature Discovery advertises the node's capabilities as labels. */
    public static Finding nodeFeatureDiscovery(NodeFacts n) {
        String expected = "Node Feature Discovery labels (" + NodeFacts.NFD_LABEL_PREFIX + "*) on the node";
        List<Evidence> evidence = List.of(Evidence.of(src(n, "metadata.labels " + NodeFacts.NFD_LABEL_PREFIX + "*"),
                n.nfdLabels()));
        return n.nfdLabels() > 0
                ? Finding.pass(expected, n.nfdLabels() + " " + NodeFacts.NFD_LABEL_PREFIX + "* labels", evidence)
                : Finding.fail(expected, "no " + NodeFacts.NFD_LABEL_PREFIX + "* labels", evidence);
    }

    // ------------------------------------------------------------------------------------------------- ra2.k8s.005

    /** ra2.k8s.005: the node's kubelet is at most {@code maxMinorSkew} minor releases behind the control plane. */
    public static Finding versionSkew(NodeFacts n, ControlPlane cp, long maxMinorSkew) {
        String expected = "kubelet at most " + maxMinorSkew
                + " minor releases older than the control plane, and not newer";
        if (cp.unknownReason() != null) {
            return Finding.unknown(expected, "control plane version unknown: " + cp.unknownReason(), List.of());
        }
        if (n.kubeletVersion() == null) {
            return Finding.unknown(expected, "the node reports no kubelet version", List.of());
        }
        List<Evidence> evidence = List.of(Evidence.of("API server /version gitVersion", cp.version()),
                Evidence.of(src(n, "status.nodeInfo.kubeletVersion"), n.kubeletVersion()));
        Optional<KubeVersion> control = KubeVersion.parse(cp.version());
        Optional<KubeVersion> kubelet = KubeVersion.parse(n.kubeletVersion());
        if (control.isEmpty()) {
            return Finding.unknown(expected, "cannot read a release from the control plane version '" + cp.version()
                    + "'", evidence);
        }
        if (kubelet.isEmpty()) {
            return Finding.unknown(expected, "cannot read a release from the kubelet version '" + n.kubeletVersion()
                    + "'", evidence);
        }
        KubeVersion c = control.get();
        KubeVersion k = kubelet.get();
        String actual = "kubelet " + k + ", control plane " + c;
        if (c.major() != k.major()) {
            return Finding.fail(expected, actual + ": different major releases", evidence);
        }
        int skew = c.minor() - k.minor();
        if (skew < 0) {
            return Finding.fail(expected, actual + ": the kubelet is newer than the control plane, which the "
                    + "Kubernetes version skew policy does not allow", evidence);
        }
        if (skew > maxMinorSkew) {
            return Finding.fail(expected, actual + ": " + skew + " minor releases behind", evidence);
        }
        return Finding.pass(expected, actual + (skew == 0 ? ": same release" : ": " + skew + " minor release"
                + (skew == 1 ? "" : "s") + " behind"), evidence);
    }

    // ------------------------------------------------------------------------------------------- ra2.crt.001 / 002

    /** The runtime name of a {@code containerRuntimeVersion} ({@code containerd://1.7.2} gives containerd). */
    static Optional<String> runtimeName(String runtimeVersion) {
        int i = runtimeVersion.indexOf("://");
        if (i <= 0) {
            return Optional.empty();
        }
        return Optional.of(runtimeVersion.substring(0, i).toLowerCase(Locale.ROOT));
    }

    /** ra2.crt.001: the runtime's low-level runtime implements the OCI 1.0 runtime specification. */
    public static Finding ociRuntime(NodeFacts n, List<String> ociRuntimes) {
        String expected = "a container runtime implementing the OCI 1.0 runtime specification (one of "
                + String.join(", ", ociRuntimes) + ")";
        if (n.containerRuntimeVersion() == null) {
            return Finding.unknown(expected, "the node reports no container runtime", List.of());
        }
        List<Evidence> evidence = List.of(Evidence.of(src(n, "status.nodeInfo.containerRuntimeVersion"),
                n.containerRuntimeVersion()));
        Optional<String> name = runtimeName(n.containerRuntimeVersion());
        if (name.isEmpty()) {
            return Finding.unknown(expected, "cannot read the runtime from '" + n.containerRuntimeVersion() + "'",
                    evidence);
        }
        if (ociRuntimes.contains(name.get())) {
            return Finding.pass(expected, n.containerRuntimeVersion() + ", whose low-level runtimes (runc, crun) "
                    + "implement the OCI runtime specification", evidence);
        }
        String why = NON_OCI_RUNTIMES.get(name.get());
        if (why != null) {
            return Finding.fail(expected, n.containerRuntimeVersion() + ": " + why, evidence);
        }
        return Finding.unknown(expected, "'" + name.get() + "' is not a runtime ra2check knows to implement the OCI "
                + "runtime specification: check its low-level runtime by hand", evidence);
    }

    /** ra2.crt.002: the kubelet reaches the container runtime through the Container Runtime Interface. */
    public static Finding criRuntime(NodeFacts n, List<String> criRuntimes) {
        String expected = "a container runtime reached through the Kubernetes CRI (e.g. "
                + String.join(", ", criRuntimes) + ")";
        if (n.containerRuntimeVersion() == null) {
            return Finding.unknown(expected, "the node reports no container runtime", List.of());
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of(src(n, "status.nodeInfo.containerRuntimeVersion"), n.containerRuntimeVersion()));
        if (n.kubeletVersion() != null) {
            evidence.add(Evidence.of(src(n, "status.nodeInfo.kubeletVersion"), n.kubeletVersion()));
        }
        Optional<String> name = runtimeName(n.containerRuntimeVersion());
        if (name.isEmpty()) {
            return Finding.unknown(expected, "cannot read the runtime from '" + n.containerRuntimeVersion() + "'",
                    evidence);
        }
        if (criRuntimes.contains(name.get())) {
            return Finding.pass(expected, n.containerRuntimeVersion() + ", a CRI implementation", evidence);
        }
        Optional<KubeVersion> kubelet = KubeVersion.parse(n.kubeletVersion());
        if (kubelet.isPresent() && atLeast(kubelet.get(), CRI_ONLY_SINCE)) {
            return Finding.pass(expected, n.containerRuntimeVersion() + " behind kubelet " + kubelet.get()
                    + ", which has no built-in runtime (dockershim was removed in " + CRI_ONLY_SINCE
                    + ") and reaches every runtime through the CRI", evidence);
        }
        if (kubelet.isPresent() && "docker".equals(name.get())) {
            return Finding.fail(expected, n.containerRuntimeVersion() + " behind kubelet " + kubelet.get()
                    + ": the kubelet's built-in dockershim, not a CRI runtime", evidence);
        }
        return Finding.unknown(expected, "cannot tell whether the kubelet reaches '" + name.get()
                + "' through the CRI: " + (kubelet.isEmpty() ? "kubelet version unknown"
                : "kubelet " + kubelet.get() + " predates " + CRI_ONLY_SINCE), evidence);
    }

    private static boolean atLeast(KubeVersion v, KubeVersion min) {
        return v.major() > min.major() || (v.major() == min.major() && v.minor() >= min.minor());
    }

    // -------------------------------------------------------------------------------------------------- ra2.os.004

    /**
     * ra2.os.004: the node's OS, kernel and kubelet configuration fingerprint is the pool's reference: the one more
     * than half of the pool's reporting nodes share, once at least {@code quorum} of them report. Only the node's own
     * fingerprint decides between PASS and FAIL for it: a node that differs from the reference fails itself, and the
     * others keep the reference as long as it holds more than half of the reports (in a pool whose nodes agree, any
     * one node can deviate without moving the others, from {@code quorum} 3 on). Where no reference can be named, no
     * node is failed for it: a pool smaller than the quorum is left to a person (MANUAL), and a pool still waiting
     * for reports or split without a majority is UNKNOWN.
     *
     * @param own    the node's compact fingerprint ({@link Fingerprints#encode}), or null when its report has none
     * @param quorum the fewest reporting nodes a pool needs before a majority is called (at least 2)
     */
    public static Finding osConsistency(String own, PoolView pool, int quorum) {
        String expected = "the same OS, kernel and kubelet configuration fingerprint as more than half of the "
                + "reporting nodes of pool '" + pool.pool() + "' (at least " + quorum + " reporting)";
        if (own == null) {
            return Finding.unknown(expected, "the report carries no fingerprint", List.of());
        }
        int reporting = pool.reporting();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of("pool " + pool.pool(), pool.nodes() + " node" + (pool.nodes() == 1 ? "" : "s")
                + ", " + reporting + " reporting, " + pool.fingerprints().size() + " distinct fingerprint"
                + (pool.fingerprints().size() == 1 ? "" : "s")));
        evidence.add(Evidence.of("fingerprint of this node", own));
        if (pool.nodes() < quorum) {
            return Finding.manual(expected, "pool '" + pool.pool() + "' has " + pool.nodes() + " node"
                            + (pool.nodes() == 1 ? "" : "s"),
                    "pool '" + pool.pool() + "' has " + pool.nodes() + (pool.nodes() == 1 ? " node" : " nodes")
                            + ", fewer than the quorum of " + quorum + " needed to call a majority: compare its "
                            + "nodes' configuration by hand (or put them in a larger pool)", evidence);
        }
        if (reporting < quorum) {
            return Finding.unknown(expected, reporting + " of the " + pool.nodes() + " nodes of pool '" + pool.pool()
                    + "' have reported; a majority needs at least " + quorum + " reports", evidence);
        }
        String reference = null;
        int referenceCount = 0;
        for (Map.Entry<String, Integer> e : pool.fingerprints().entrySet()) {
            if (2L * e.getValue() > reporting) {
                reference = e.getKey();
                referenceCount = e.getValue();
            }
        }
        if (reference == null) {
            return Finding.unknown(expected, "pool '" + pool.pool() + "' has no majority configuration: its "
                    + reporting + " reporting nodes are split over " + pool.fingerprints().size()
                    + " fingerprints, none shared by more than half; no node can be called the reference", evidence);
        }
        if (own.equals(reference)) {
            return Finding.pass(expected, referenceCount == reporting
                    ? "identical on all " + reporting + " reporting nodes of the pool"
                    : "shared by " + referenceCount + " of " + reporting
                    + " reporting nodes of the pool (the others differ)", evidence);
        }
        evidence.add(Evidence.of("reference fingerprint of the pool (" + referenceCount + " of " + reporting
                + " nodes)", reference));
        return Finding.fail(expected, "differs from the configuration " + referenceCount + " of " + reporting
                + " reporting nodes of the pool share, in: " + String.join(", ",
                Fingerprints.differingKeys(own, reference)), evidence);
    }

    // ------------------------------------------------------------------------------------------------- ra2.k8s.011

    /**
     * ra2.k8s.011: the node carries {@code anuket.io/profile/<p>=true} exactly for the profiles it meets.
     *
     * @param compliance    the node's compliance with each profile, ra2.k8s.011 itself left out
     * @param manageLabels  whether the collector sets the labels (then they follow the compliance by construction)
     * @param currentLabels the node's labels under {@code anuket.io/profile/} now
     */
    public static Finding profileLabels(Map<Profile, Compliance> compliance, boolean manageLabels,
                                        Map<String, String> currentLabels) {
        String expected = "anuket.io/profile/<profile>=true exactly for the profiles the node meets";
        List<Evidence> evidence = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Profile p : Profile.values()) {
            String key = "anuket.io/profile/" + p.wireName();
            boolean meets = compliance.get(p) == Compliance.MEETS;
            String now = currentLabels.get(key);
            evidence.add(Evidence.of("compliance with " + p.wireName(), compliance.get(p)));
            if (manageLabels) {
                shown.add(key + (meets ? "=true" : " absent"));
            } else {
                evidence.add(Evidence.of("label " + key, now == null ? "(absent)" : now));
                shown.add(key + (now == null ? " absent" : "=" + now));
                if (meets != "true".equals(now)) {
                    wrong.add(key + (meets ? " should be true" : " should be absent"));
                }
            }
        }
        if (manageLabels) {
            return Finding.pass(expected, "set by the collector: " + String.join(", ", shown), evidence);
        }
        return wrong.isEmpty() ? Finding.pass(expected, String.join(", ", shown), evidence)
                : Finding.fail(expected, String.join(", ", wrong) + " (labels are not managed by the collector)",
                evidence);
    }

    // ------------------------------------------------------------------------------------------------------ format

    private static String join(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b;
        }
        return b == null || b.isEmpty() ? a : a + "; " + b;
    }

    /** Millicores as CPUs: 2500 gives 2.5. */
    static String cpu(long millis) {
        if (millis % 1000 == 0) {
            return Long.toString(millis / 1000);
        }
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    static String quantity(Long bytes) {
        if (bytes == null) {
            return "not advertised";
        }
        long gi = 1L << 30;
        long mi = 1L << 20;
        if (bytes != 0 && bytes % gi == 0) {
            return bytes / gi + "Gi";
        }
        if (bytes != 0 && bytes % mi == 0) {
            return bytes / mi + "Mi";
        }
        return Long.toString(bytes);
    }
}
