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
            Finding f = ClusterChecks.hugepagesSchedulable(Nodes.good());
            outcome(Outcome.PASS, f);
            assertEquals("allocatable hugepages-2Mi 2Gi, hugepages-1Gi 16Gi", f.actual());
        }

        @Test
        void failsWhenOneSizeIsNotAdvertised() {
            Finding f = ClusterChecks.hugepagesSchedulable(Nodes.hugepages(2L << 30, null));
            outcome(Outcome.FAIL, f);
            assertTrue(f.actual().contains("none schedulable: hugepages-1Gi"), f.actual());
        }

        @Test
        void failsWhenASizeHasNothingAllocated() {
            outcome(Outcome.FAIL, ClusterChecks.hugepagesSchedulable(Nodes.hugepages(0L, 1L << 30)));
        }

        @Test
        void unknownWithoutAllocatable() {
            outcome(Outcome.UNKNOWN, ClusterChecks.hugepagesSchedulable(Nodes.noAllocatable()));
        }

        private Verdict agent(Outcome o) {
            return new Verdict("ra2.ch.001", "Huge pages", o, Status.PASS, Map.of(Profile.BASIC, Level.MUST,
                    Profile.NETWORK_INTENSIVE, Level.MUST), null, "2M and 1G pages supported", "both",
                    o == Outcome.UNKNOWN ? "cannot read /sys/kernel/mm/hugepages" : null, List.of(), null, false,
                    Verdict.BY_AGENT);
        }

        @Test
        void wholeRequirementNeedsBothHalves() {
            Finding pass = ClusterChecks.hugepagesSchedulable(Nodes.good());
            Finding fail = ClusterChecks.hugepagesSchedulable(Nodes.hugepages(null, null));
            outcome(Outcome.PASS, ClusterChecks.hugepages(agent(Outcome.PASS), pass));
            outcome(Outcome.FAIL, ClusterChecks.hugepages(agent(Outcome.PASS), fail));
            outcome(Outcome.FAIL, ClusterChecks.hugepages(agent(Outcome.FAIL), pass));
            Finding u = ClusterChecks.hugepages(agent(Outcome.UNKNOWN), pass);
            outcome(Outcome.UNKNOWN, u);
            assertTrue(u.reason().startsWith("node: cannot read"), u.reason());
            outcome(Outcome.UNKNOWN, ClusterChecks.hugepages(null, pass));
            outcome(Outcome.FAIL, ClusterChecks.hugepages(agent(Outcome.UNKNOWN), fail));
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
            Finding f = ClusterChecks.cpuAllocation(Nodes.good(), pods(32_000, 48_000, 0), true);
            outcome(Outcome.PASS, f);
            assertEquals("requests 32, limits 48 of 64 allocatable, 5 pods", f.actual());
        }

        @Test
        void failsWhenRequestsReachAllocatable() {
            // "less than": equal is not enough
            outcome(Outcome.FAIL, ClusterChecks.cpuAllocation(Nodes.good(), pods(64_000, 10_000, 0), true));
        }

        @Test
        void failsWhenLimitsExceedAllocatable() {
            outcome(Outcome.FAIL, ClusterChecks.cpuAllocation(Nodes.good(), pods(1_000, 64_500, 0), true));
        }

        @Test
        void anUnsetLimitMakesLimitsUnboundedUnlessToldOtherwise() {
            Finding strict = ClusterChecks.cpuAllocation(Nodes.good(), pods(1_000, 2_000, 2), true);
            outcome(Outcome.FAIL, strict);
            assertTrue(strict.actual().contains("limits unbounded (2 containers set no CPU limit, e.g. "
                    + "kube-system/proxy)"), strict.actual());
            outcome(Outcome.PASS, ClusterChecks.cpuAllocation(Nodes.good(), pods(1_000, 2_000, 2), false));
        }

        @Test
        void unknownWhenPodsOrAllocatableAreNotKnown() {
            outcome(Outcome.UNKNOWN, ClusterChecks.cpuAllocation(Nodes.good(), PodView.unknown("no pods"), true));
            outcome(Outcome.UNKNOWN, ClusterChecks.cpuAllocation(Nodes.noAllocatable(), pods(0, 0, 0), true));
        }
    }

    @Test
    void nfdNeedsFeatureLabels() {
        outcome(Outcome.PASS, ClusterChecks.nodeFeatureDiscovery(Nodes.nfd(3)));
        outcome(Outcome.FAIL, ClusterChecks.nodeFeatureDiscovery(Nodes.nfd(0)));
    }

    @Nested
    class VersionSkew {
        private Finding skew(String kubelet, String control) {
            return ClusterChecks.versionSkew(Nodes.runtime(kubelet, "containerd://1.7"), ControlPlane.of(control), 3);
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
            outcome(Outcome.UNKNOWN, ClusterChecks.versionSkew(Nodes.runtime(null, "containerd://1"),
                    ControlPlane.of("v1.30.0"), 3));
            outcome(Outcome.UNKNOWN, ClusterChecks.versionSkew(Nodes.good(), ControlPlane.unknown("down"), 3));
        }
    }

    @Nested
    class Runtimes {
        private final List<String> known = List.of("containerd", "cri-o");

        @Test
        void ociPassesForKnownRuntimesAndFailsForRkt() {
            outcome(Outcome.PASS, ClusterChecks.ociRuntime(Nodes.runtime("v1.30.0", "cri-o://1.29.1"), known));
            outcome(Outcome.FAIL, ClusterChecks.ociRuntime(Nodes.runtime("v1.10.0", "rkt://1.30.0"), known));
        }

        @Test
        void ociUnknownForRuntimesItCannotVouchFor() {
            outcome(Outcome.UNKNOWN, ClusterChecks.ociRuntime(Nodes.runtime("v1.30.0", "docker://24.0.7"), known));
            outcome(Outcome.UNKNOWN, ClusterChecks.ociRuntime(Nodes.runtime("v1.30.0", null), known));
            outcome(Outcome.UNKNOWN, ClusterChecks.ociRuntime(Nodes.runtime("v1.30.0", "containerd"), known));
        }

        @Test
        void criPassesForCriRuntimesAndForAnyRuntimeBehindAKubeletWithoutDockershim() {
            outcome(Outcome.PASS, ClusterChecks.criRuntime(Nodes.runtime("v1.22.0", "containerd://1.5"), known));
            outcome(Outcome.PASS, ClusterChecks.criRuntime(Nodes.runtime("v1.30.0", "docker://24.0.7"), known));
        }

        @Test
        void criFailsForDockershim() {
            Finding f = ClusterChecks.criRuntime(Nodes.runtime("v1.23.17", "docker://20.10.7"), known);
            outcome(Outcome.FAIL, f);
            assertTrue(f.actual().contains("dockershim"), f.actual());
        }

        @Test
        void criUnknownWhenItCannotTell() {
            outcome(Outcome.UNKNOWN, ClusterChecks.criRuntime(Nodes.runtime("weird", "frakti://1"), known));
            outcome(Outcome.UNKNOWN, ClusterChecks.criRuntime(Nodes.runtime("v1.30.0", null), known));
        }
    }

    @Nested
    class OsConsistency {
        private final String a = "kernel=11111111,os=22222222";
        private final String b = "kernel=33333333,os=22222222";
        private final String c = "kernel=44444444,os=55555555";

        private Finding judge(String own, int nodes, Map<String, Integer> fingerprints) {
            return ClusterChecks.osConsistency(own, new PoolView("p", nodes, fingerprints), 3);
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
            outcome(Outcome.PASS, ClusterChecks.osConsistency(a, new PoolView("p", 2, Map.of(a, 2)), 2));
            outcome(Outcome.UNKNOWN, ClusterChecks.osConsistency(a, new PoolView("p", 2, Map.of(a, 1, b, 1)), 2));
            outcome(Outcome.MANUAL, ClusterChecks.osConsistency(a, new PoolView("p", 4, Map.of(a, 4)), 5));
        }
    }

    @Nested
    class ProfileLabels {
        private final Map<Profile, Compliance> basicOnly = Map.of(Profile.BASIC, Compliance.MEETS,
                Profile.NETWORK_INTENSIVE, Compliance.DOES_NOT_MEET);

        @Test
        void managedLabelsFollowTheCompliance() {
            Finding f = ClusterChecks.profileLabels(basicOnly, true, Map.of());
            outcome(Outcome.PASS, f);
            assertTrue(f.actual().contains("anuket.io/profile/basic=true"), f.actual());
        }

        @Test
        void unmanagedLabelsAreJudgedAsFound() {
            outcome(Outcome.PASS, ClusterChecks.profileLabels(basicOnly, false,
                    Map.of("anuket.io/profile/basic", "true")));
            Finding wrong = ClusterChecks.profileLabels(basicOnly, false,
                    Map.of("anuket.io/profile/network-intensive", "true"));
            outcome(Outcome.FAIL, wrong);
            assertTrue(wrong.actual().contains("anuket.io/profile/basic should be true"), wrong.actual());
            assertTrue(wrong.actual().contains("anuket.io/profile/network-intensive should be absent"),
                    wrong.actual());
        }
    }

    @Test
    void formatsCpusAndQuantities() {
        assertEquals("2.5", ClusterChecks.cpu(2500));
        assertEquals("0.125", ClusterChecks.cpu(125));
        assertEquals("7", ClusterChecks.cpu(7000));
        assertEquals("512Mi", ClusterChecks.quantity(512L << 20));
        assertEquals("not advertised", ClusterChecks.quantity(null));
        assertEquals("0", ClusterChecks.quantity(0L));
    }
}
