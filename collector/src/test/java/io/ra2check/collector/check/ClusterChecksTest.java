package io.ra2check.collector.check;

import io.ra2check.report.Finding;
import io.ra2check.report.Compliance;
import io.ra2check.report.Level;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterChecksTest {
    /** The catalog's default ra2.ch.001 hugepageSizesKiB. */
    private static final List<Long> SIZES = List.of(2048L, 1048576L);

    private static void outcome(Outcome expected, Finding f) {
        assertEquals(expected, f.outcome(), () -> "finding: " + f);
        if (expected == Outcome.UNKNOWN) {
            assertNotNull(f.reason());
        }
    }

    @Nested
    class Hugepages {
        @Test
        void passesWhenBothSizesAreSchedulable() {
            Finding f = HugepagesCheck.schedulable(Nodes.good(), SIZES);
            outcome(Outcome.PASS, f);
            assertEquals("allocatable hugepages-2Mi 2Gi, hugepages-1Gi 16Gi", f.actual());
        }

        @Test
        void failsWhenOneSizeIsNotAdvertised() {
            Finding f = HugepagesCheck.schedulable(Nodes.hugepages(2L << 30, null), SIZES);
            outcome(Outcome.FAIL, f);
            assertTrue(f.actual().contains("none schedulable: hugepages-1Gi"), f.actual());
        }

        @Test
        void failsWhenASizeHasNothingAllocated() {
            outcome(Outcome.FAIL, HugepagesCheck.schedulable(Nodes.hugepages(0L, 1L << 30), SIZES));
        }

        @Test
        void theSizesComeFromTheCatalogSoAnOverrideChangesTheClusterHalfToo() {
            io.ra2check.report.RequirementCatalog catalog = io.ra2check.report.RequirementCatalog.builtIn();
            NodeContext c = new NodeContext(Nodes.hugepages(Map.of("hugepages-2Mi", 2L << 30)), Map.of(), null,
                    null, null, null, true, true, 3, null);
            Finding both = new HugepagesCheck().evaluate(c, catalog.get("ra2.ch.001"));
            assertTrue(both.expected().contains("schedulable hugepages-2Mi and hugepages-1Gi"), both.expected());
            outcome(Outcome.FAIL, both);
            io.ra2check.report.RequirementCatalog twoMiOnly = catalog.withThresholds(Map.of("ra2.ch.001",
                    Map.of("hugepageSizesKiB", List.of(2048L))));
            Finding f = HugepagesCheck.schedulable(c.node(), twoMiOnly.get("ra2.ch.001")
                    .stringListThreshold("hugepageSizesKiB").stream().map(Long::parseLong).toList());
            outcome(Outcome.PASS, f);
            assertEquals("allocatable hugepages-2Mi 2Gi", f.actual());
            assertEquals("hugepages-64Ki", Quantities.hugepageResource(64));
            assertEquals("hugepages-32Mi", Quantities.hugepageResource(32 * 1024));
        }

        @Test
        void unknownWithoutAllocatable() {
            outcome(Outcome.UNKNOWN, HugepagesCheck.schedulable(Nodes.noAllocatable(), SIZES));
        }

        private Verdict agent(Outcome o) {
            return new Verdict("ra2.ch.001", "Huge pages", o, Status.PASS, Map.of(Profile.BASIC, Level.MUST,
                    Profile.NETWORK_INTENSIVE, Level.MUST), null, "2M and 1G pages supported", "both",
                    o == Outcome.UNKNOWN ? "cannot read /sys/kernel/mm/hugepages" : null, List.of(), null, false,
                    Verdict.BY_AGENT);
        }

        @Test
        void wholeRequirementNeedsBothHalves() {
            Finding pass = HugepagesCheck.schedulable(Nodes.good(), SIZES);
            Finding fail = HugepagesCheck.schedulable(Nodes.hugepages(null, null), SIZES);
            outcome(Outcome.PASS, HugepagesCheck.hugepages(agent(Outcome.PASS), pass));
            outcome(Outcome.FAIL, HugepagesCheck.hugepages(agent(Outcome.PASS), fail));
            outcome(Outcome.FAIL, HugepagesCheck.hugepages(agent(Outcome.FAIL), pass));
            Finding u = HugepagesCheck.hugepages(agent(Outcome.UNKNOWN), pass);
            outcome(Outcome.UNKNOWN, u);
            assertTrue(u.reason().startsWith("node: cannot read"), u.reason());
            outcome(Outcome.UNKNOWN, HugepagesCheck.hugepages(null, pass));
            outcome(Outcome.FAIL, HugepagesCheck.hugepages(agent(Outcome.UNKNOWN), fail));
        }
    }

    @Nested
    class CpuAllocation {
        private PodView pods(long req, long lim, int unlimited) {
            return PodView.of(new CpuTotals(5, req, lim, unlimited, unlimited > 0 ? List.of("kube-system/proxy")
                    : List.of()));
        }

        @Test
        void passesBelowAllocatable() {
            Finding f = CpuAllocationCheck.cpuAllocation(Nodes.good(), pods(32_000, 48_000, 0), true);
            outcome(Outcome.PASS, f);
            assertEquals("requests 32, limits 48 of 64 allocatable, 5 pods", f.actual());
        }

        @Test
        void failsWhenRequestsReachAllocatable() {
            // "less than": equal is not enough
            outcome(Outcome.FAIL, CpuAllocationCheck.cpuAllocation(Nodes.good(), pods(64_000, 10_000, 0), true));
        }

        @Test
        void failsWhenLimitsExceedAllocatable() {
            outcome(Outcome.FAIL, CpuAllocationCheck.cpuAllocation(Nodes.good(), pods(1_000, 64_500, 0), true));
        }

        @Test
        void anUnsetLimitMakesLimitsUnboundedUnlessToldOtherwise() {
            Finding strict = CpuAllocationCheck.cpuAllocation(Nodes.good(), pods(1_000, 2_000, 2), true);
            outcome(Outcome.FAIL, strict);
            assertTrue(strict.actual().contains("limits unbounded (2 containers set no CPU limit, e.g. "
                    + "kube-system/proxy)"), strict.actual());
            outcome(Outcome.PASS, CpuAllocationCheck.cpuAllocation(Nodes.good(), pods(1_000, 2_000, 2), false));
        }

        @Test
        void unknownWhenPodsOrAllocatableAreNotKnown() {
            outcome(Outcome.UNKNOWN, CpuAllocationCheck.cpuAllocation(Nodes.good(), PodView.unknown("no pods"), true));
            outcome(Outcome.UNKNOWN, CpuAllocationCheck.cpuAllocation(Nodes.noAllocatable(), pods(0, 0, 0), true));
        }
    }

    @Nested
    class VersionSkew {
        private Finding skew(String kubelet, String control) {
            return VersionSkewCheck.versionSkew(Nodes.runtime(kubelet, "containerd://1.7"), ControlPlane.of(control), 3);
        }

        @Test
        void passesUpToThreeMinorsBehind() {
            outcome(Outcome.PASS, skew("v1.30.2", "v1.30.4"));
            outcome(Outcome.PASS, skew("v1.27.9-eks-5e0fdde", "v1.30.4"));
        }

        @Test
        void failsFourBehindOrNewer() {
            Finding behind = skew("v1.26.1", "v1.30.0");
            outcome(Outcome.FAIL, behind);
            assertTrue(behind.actual().endsWith("4 minor releases behind"), behind.actual());
            Finding newer = skew("v1.31.0", "v1.30.0");
            outcome(Outcome.FAIL, newer);
            assertTrue(newer.actual().contains("newer than the control plane"), newer.actual());
        }

        @Test
        void unknownWhenAVersionCannotBeRead() {
            outcome(Outcome.UNKNOWN, skew("garbage", "v1.30.0"));
            outcome(Outcome.UNKNOWN, skew("v1.30.0", "weird"));
            outcome(Outcome.UNKNOWN, VersionSkewCheck.versionSkew(Nodes.runtime(null, "containerd://1"),
                    ControlPlane.of("v1.30.0"), 3));
            outcome(Outcome.UNKNOWN, VersionSkewCheck.versionSkew(Nodes.good(), ControlPlane.unknown("down"), 3));
        }
    }

    @Nested
    class Runtimes {
        private final List<String> known = List.of("containerd", "cri-o");

        @Test
        void ociPassesForKnownRuntimesAndFailsForRkt() {
            outcome(Outcome.PASS, OciRuntimeCheck.ociRuntime(Nodes.runtime("v1.30.0", "cri-o://1.29.1"), known));
            outcome(Outcome.FAIL, OciRuntimeCheck.ociRuntime(Nodes.runtime("v1.10.0", "rkt://1.30.0"), known));
        }

        @Test
        void ociUnknownForRuntimesItCannotVouchFor() {
            outcome(Outcome.UNKNOWN, OciRuntimeCheck.ociRuntime(Nodes.runtime("v1.30.0", "docker://24.0.7"), known));
            outcome(Outcome.UNKNOWN, OciRuntimeCheck.ociRuntime(Nodes.runtime("v1.30.0", null), known));
            outcome(Outcome.UNKNOWN, OciRuntimeCheck.ociRuntime(Nodes.runtime("v1.30.0", "containerd"), known));
        }

        @Test
        void criPassesForCriRuntimesAndForAnyRuntimeBehindAKubeletWithoutDockershim() {
            outcome(Outcome.PASS, CriRuntimeCheck.criRuntime(Nodes.runtime("v1.22.0", "containerd://1.5"), known));
            outcome(Outcome.PASS, CriRuntimeCheck.criRuntime(Nodes.runtime("v1.30.0", "docker://24.0.7"), known));
        }

        @Test
        void criFailsForDockershim() {
            Finding f = CriRuntimeCheck.criRuntime(Nodes.runtime("v1.23.17", "docker://20.10.7"), known);
            outcome(Outcome.FAIL, f);
            assertTrue(f.actual().contains("dockershim"), f.actual());
        }

        @Test
        void criUnknownWhenItCannotTell() {
            outcome(Outcome.UNKNOWN, CriRuntimeCheck.criRuntime(Nodes.runtime("weird", "frakti://1"), known));
            outcome(Outcome.UNKNOWN, CriRuntimeCheck.criRuntime(Nodes.runtime("v1.30.0", null), known));
        }
    }

    @Nested
    class OsConsistency {
        private final String a = "kernel=11111111,os=22222222";
        private final String b = "kernel=33333333,os=22222222";
        private final String c = "kernel=44444444,os=55555555";

        private Finding judge(String own, int nodes, Map<String, Integer> fingerprints) {
            return OsConsistencyCheck.osConsistency(own, new PoolView("p", nodes, fingerprints), 3);
        }

        @Test
        void passesWhenTheNodeHasThePoolsMajorityFingerprint() {
            Finding f = judge(a, 3, Map.of(a, 3));
            outcome(Outcome.PASS, f);
            assertEquals("identical on all 3 reporting nodes of the pool", f.actual());
            outcome(Outcome.PASS, judge(a, 4, Map.of(a, 3, b, 1)));
            outcome(Outcome.PASS, judge(a, 5, Map.of(a, 3, b, 1, c, 1)));
        }

        @Test
        void failsWhenTheNodeDiffersFromThePoolsMajority() {
            Finding f = judge(b, 4, Map.of(a, 3, b, 1));
            outcome(Outcome.FAIL, f);
            assertTrue(f.actual().endsWith("in: kernel"), f.actual());
        }

        @Test
        void oneDeviatingNodeFailsItselfAndNotTheOthers() {
            // three nodes agreed; one reports another configuration: it fails, the two others still pass
            Map<String, Integer> after = Map.of(a, 2, c, 1);
            outcome(Outcome.FAIL, judge(c, 3, after));
            outcome(Outcome.PASS, judge(a, 3, after));
        }

        @Test
        void aSplitPoolFailsNobodyButIsUnknown() {
            Finding f = judge(a, 4, Map.of(a, 2, b, 2));
            outcome(Outcome.UNKNOWN, f);
            assertTrue(f.reason().contains("none shared by more than half"), f.reason());
            outcome(Outcome.UNKNOWN, judge(c, 5, Map.of(a, 2, b, 2, c, 1)));
            // a plurality is not a majority
            outcome(Outcome.UNKNOWN, judge(a, 5, Map.of(a, 2, b, 1, c, 1)));
        }

        @Test
        void poolsBelowTheQuorumAreLeftToAPerson() {
            Finding two = judge(a, 2, Map.of(a, 1, b, 1));
            outcome(Outcome.MANUAL, two);
            assertTrue(two.reason().contains("fewer than the quorum of 3"), two.reason());
            outcome(Outcome.MANUAL, judge(b, 2, Map.of(a, 1, b, 1)));
            outcome(Outcome.MANUAL, judge(a, 1, Map.of(a, 1)));
        }

        @Test
        void tooFewReportsOrNoFingerprintIsUnknown() {
            Finding f = judge(a, 5, Map.of(a, 2));
            outcome(Outcome.UNKNOWN, f);
            assertTrue(f.reason().startsWith("2 of the 5 nodes"), f.reason());
            outcome(Outcome.UNKNOWN, judge(null, 5, Map.of(a, 3)));
        }

        @Test
        void theQuorumIsConfigurable() {
            outcome(Outcome.PASS, OsConsistencyCheck.osConsistency(a, new PoolView("p", 2, Map.of(a, 2)), 2));
            outcome(Outcome.UNKNOWN, OsConsistencyCheck.osConsistency(a, new PoolView("p", 2, Map.of(a, 1, b, 1)), 2));
            outcome(Outcome.MANUAL, OsConsistencyCheck.osConsistency(a, new PoolView("p", 4, Map.of(a, 4)), 5));
        }
    }

    @Nested
    class ProfileLabels {
        private final Map<Profile, Compliance> basicOnly = Map.of(Profile.BASIC, Compliance.MEETS,
                Profile.NETWORK_INTENSIVE, Compliance.DOES_NOT_MEET);

        @Test
        void managedLabelsFollowTheCompliance() {
            Finding f = ProfileLabelsCheck.profileLabels(basicOnly, true, Map.of());
            outcome(Outcome.PASS, f);
            assertTrue(f.actual().contains("anuket.io/profile/basic=true"), f.actual());
        }

        @Test
        void unmanagedLabelsAreJudgedAsFound() {
            outcome(Outcome.PASS, ProfileLabelsCheck.profileLabels(basicOnly, false,
                    Map.of("anuket.io/profile/basic", "true")));
            Finding wrong = ProfileLabelsCheck.profileLabels(basicOnly, false,
                    Map.of("anuket.io/profile/network-intensive", "true"));
            outcome(Outcome.FAIL, wrong);
            assertTrue(wrong.actual().contains("anuket.io/profile/basic should be true"), wrong.actual());
            assertTrue(wrong.actual().contains("anuket.io/profile/network-intensive should be absent"),
                    wrong.actual());
        }
    }

    @Test
    void formatsCpusAndQuantities() {
        assertEquals("2.5", Quantities.cpu(2500));
        assertEquals("0.125", Quantities.cpu(125));
        assertEquals("7", Quantities.cpu(7000));
        assertEquals("512Mi", Quantities.quantity(512L << 20));
        assertEquals("not advertised", Quantities.quantity(null));
        assertEquals("0", Quantities.quantity(0L));
    }
}
