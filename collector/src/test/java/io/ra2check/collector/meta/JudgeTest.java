package io.ra2check.collector.meta;

import io.fabric8.kubernetes.api.model.Node;
import io.ra2check.collector.check.ControlPlane;
import io.ra2check.collector.check.CpuTotals;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.check.PodView;
import io.ra2check.collector.check.PoolView;
import io.ra2check.collector.testing.FakeCluster;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.Compliance;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.ReportJson;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JudgeTest {
    private static final String POOL_LABEL = "node.kubernetes.io/instance-type";
    private final Judge judge = new Judge(TestReports.CATALOG, new Judge.Options(true, true));
    private final ReportJson json = new ReportJson();

    private NodeFacts facts(Node n) {
        return io.ra2check.collector.kube.NodeFactsReader.from(n, POOL_LABEL);
    }

    private Judgement judge(Judge j, NodeReport r, NodeFacts f, PodView pods) {
        AgentSide a = AgentSide.fromReport(r, TestReports.CATALOG, ReportDigest.of(r, json), r.generatedAt().toString());
        // a pool of three nodes that agree: enough for a majority
        return j.judge(a, f, pods, ControlPlane.of("v1.30.2"), new PoolView(f.pool(), 3,
                a.fingerprint() == null ? Map.of() : Map.of(a.fingerprint(), 3)));
    }

    private Judgement judge(NodeReport r, NodeFacts f) {
        return judge(judge, r, f, PodView.of(CpuTotals.of(List.of()), FakeCluster.NFD_RUNNING));
    }

    @Test
    void aNodeMeetingBothProfilesGetsBothLabels() {
        Judgement j = judge(TestReports.report("n1").build(), facts(FakeCluster.goodNode("n1").build()));
        assertEquals(Compliance.MEETS, j.compliance().get(Profile.BASIC).compliance());
        assertEquals(Compliance.MEETS, j.compliance().get(Profile.NETWORK_INTENSIVE).compliance());
        assertEquals("true", j.labels().get("anuket.io/profile/basic"));
        assertEquals("true", j.labels().get("anuket.io/profile/network-intensive"));
        assertEquals(Status.PASS, j.status());
        assertEquals(List.of(), j.failed());
        assertEquals("PASS", j.annotations().get(Keys.STATUS));
        assertNull(j.annotations().get(Keys.FAILED));
    }

    @Test
    void collectorVerdictsReplaceTheAgentsPlaceholders() {
        Judgement j = judge(TestReports.report("n1").build(), facts(FakeCluster.goodNode("n1").build()));
        assertEquals(judge.collectorIds(), j.clusterVerdicts().stream().map(Verdict::id).toList());
        for (String id : judge.collectorIds()) {
            Verdict v = j.merged().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertEquals(Verdict.BY_COLLECTOR, v.judgedBy(), id);
            assertEquals(Outcome.PASS, v.outcome(), id + ": " + v.actual() + " " + v.reason());
        }
        assertEquals(TestReports.CATALOG.perNode().size(), j.merged().size());
        assertTrue(j.merged().stream().noneMatch(v -> v.outcome() == Outcome.MANUAL && v.reason() != null
                && v.reason().contains("decided by the collector")));
    }

    @Test
    void aFailingMustRemovesTheLabelsOfTheProfilesThatNeedIt() {
        // ra2.ch.002 (SR-IOV NICs) is a must of network-intensive only
        Judgement j = judge(TestReports.report("n1").outcome("ra2.ch.002", Outcome.FAIL).build(),
                facts(FakeCluster.goodNode("n1").build()));
        assertEquals("true", j.labels().get("anuket.io/profile/basic"));
        assertTrue(j.labels().containsKey("anuket.io/profile/network-intensive"));
        assertNull(j.labels().get("anuket.io/profile/network-intensive"));
        assertEquals("basic=MEETS,network-intensive=DOES_NOT_MEET", j.annotations().get(Keys.COMPLIANCE));
        assertEquals("ra2.ch.002", j.annotations().get(Keys.FAILED));
    }

    @Test
    void anUndecidedMustLeavesTheProfileUndeterminedAndUnlabelled() {
        Judgement j = judge(judge, TestReports.report("n1").build(), facts(FakeCluster.goodNode("n1").build()),
                PodView.unknown("pods not listed"));
        assertEquals(Compliance.UNDETERMINED, j.compliance().get(Profile.BASIC).compliance());
        assertNull(j.labels().get("anuket.io/profile/basic"));
        assertEquals(Status.UNKNOWN, j.status());
    }

    @Test
    void aClusterCheckFailureCounts() {
        Node busy = FakeCluster.goodNode("n1").editMetadata().removeFromLabels("feature.node.kubernetes.io/cpu-cpuid"
                + ".AVX512F").removeFromLabels("feature.node.kubernetes.io/kernel-version.major").endMetadata().build();
        Judgement j = judge(TestReports.report("n1").build(), facts(busy));
        assertEquals(List.of("ra2.ch.018"), j.failed());
        assertEquals(Compliance.DOES_NOT_MEET, j.compliance().get(Profile.BASIC).compliance());
        assertTrue(j.annotations().get(Keys.CLUSTER_RESULTS).contains("ch.018=Fmm"));
    }

    @Test
    void anIgnoredClusterRequirementStaysIgnored() {
        Node noNfd = FakeCluster.goodNode("n1").editMetadata().withLabels(Map.of("node.kubernetes.io/instance-type",
                "m5.metal")).endMetadata().build();
        Judgement j = judge(TestReports.report("n1").ignore("ra2.ch.018").build(), facts(noNfd));
        Verdict v = j.merged().stream().filter(x -> x.id().equals("ra2.ch.018")).findFirst().orElseThrow();
        assertEquals(Outcome.FAIL, v.outcome());
        assertEquals(Status.SKIP, v.status());
        assertTrue(v.ignored());
        assertEquals(Compliance.MEETS, j.compliance().get(Profile.BASIC).compliance());
    }

    @Test
    void unmanagedLabelsMakeProfileLabelsFailWhenWrong() {
        Judge unmanaged = new Judge(TestReports.CATALOG, new Judge.Options(true, false));
        Judgement j = judge(unmanaged, TestReports.report("n1").build(), facts(FakeCluster.goodNode("n1").build()),
                PodView.of(CpuTotals.of(List.of()), FakeCluster.NFD_RUNNING));
        assertTrue(j.labels().isEmpty(), "labels are not written");
        assertEquals(List.of("ra2.k8s.011"), j.failed());
        // the labels' own compliance is computed without ra2.k8s.011
        assertEquals(Compliance.DOES_NOT_MEET, j.compliance().get(Profile.BASIC).compliance());
    }

    @Test
    void annotationsStayUnderTwoKibEvenWhenEverythingFails() {
        Node bad = FakeCluster.goodNode("n1").editMetadata().withLabels(Map.of()).endMetadata().editStatus()
                .withAllocatable(Map.of("cpu", new io.fabric8.kubernetes.api.model.Quantity("1"))).editNodeInfo()
                .withKubeletVersion("v1.23.0").withContainerRuntimeVersion("docker://20.10").endNodeInfo()
                .endStatus().build();
        NodeReport r = TestReports.report("n1").failEverything()
                .fingerprint("hugepages", "2048kB=1024,1048576kB=16").fingerprint("cgroup", "v2")
                .fingerprint("smt", "on").fingerprint("kubelet", "sha256:0011223344556677")
                .fingerprint("kernelConfig", "sha256:8899aabbccddeeff").build();
        AgentSide a = AgentSide.fromReport(r, TestReports.CATALOG, ReportDigest.of(r, json),
                r.generatedAt().toString());
        Judgement j = judge.judge(a, facts(bad), PodView.of(new CpuTotals(9, 8000, 9000, 3, List.of("a/b"))),
                ControlPlane.of("v1.30.2"), new PoolView("p", 3, Map.of(a.fingerprint(), 1, "kernel=00000000", 2)));
        int size = Judge.size(j.annotations());
        assertTrue(size <= Keys.MAX_ANNOTATION_BYTES, "annotations take " + size + " bytes");
        assertTrue(j.failed().size() >= 25, "failed: " + j.failed());
        assertEquals(String.join(",", j.failed()), j.annotations().get(Keys.FAILED), "not shortened");
        assertTrue(j.annotations().keySet().stream().allMatch(Keys::ownedAnnotation));
        assertTrue(j.labels().keySet().stream().allMatch(Keys::ownedLabel));
    }

    @Test
    void judgingFromTheAnnotationsGivesTheSameMetadataAsFromTheReport() {
        NodeReport r = TestReports.report("n1").outcome("ra2.ch.013", Outcome.UNKNOWN).ignore("ra2.ch.009").build();
        NodeFacts f = facts(FakeCluster.goodNode("n1").build());
        Judgement fromReport = judge(r, f);
        AgentSide fromAnnotations = AgentSide.fromAnnotations(fromReport.annotations(), TestReports.CATALOG);
        Judgement again = judge.judge(fromAnnotations, f, PodView.of(CpuTotals.of(List.of()), FakeCluster.NFD_RUNNING),
                ControlPlane.of("v1.30.2"), new PoolView(f.pool(), 3, Map.of(fromAnnotations.fingerprint(), 3)));
        assertEquals(fromReport.annotations(), again.annotations());
        assertEquals(fromReport.labels(), again.labels());
    }

    @Test
    void malformedAnnotationsAreNamed() {
        Judgement j = judge(TestReports.report("n1").build(), facts(FakeCluster.goodNode("n1").build()));
        Map<String, String> a = new java.util.HashMap<>(j.annotations());
        a.put(Keys.AGENT_RESULTS, "ch.001=Zmm");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AgentSide.fromAnnotations(a, TestReports.CATALOG));
        assertTrue(e.getMessage().startsWith(Keys.AGENT_RESULTS + ": bad outcome"), e.getMessage());
        a.put(Keys.AGENT_RESULTS, j.annotations().get(Keys.AGENT_RESULTS));
        a.remove(Keys.DIGEST);
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AgentSide.fromAnnotations(a, TestReports.CATALOG));
        assertEquals(Keys.DIGEST + ": missing", e.getMessage());
    }

    @Test
    void aNodeScopeVerdictCannotClaimToBeTheCollectors() {
        NodeReport r = TestReports.report("n1").build();
        List<Verdict> forged = r.verdicts().stream().map(v -> new Verdict(v.id(), v.title(), v.outcome(), v.status(),
                v.levels(), v.condition(), v.expected(), v.actual(), v.reason(), v.evidence(), v.remediation(),
                v.ignored(), Verdict.BY_COLLECTOR)).toList();
        NodeReport f = new NodeReport(r.tool(), r.node(), r.generatedAt(), r.durationMs(), r.root(), r.profile(),
                r.inventory(), r.fingerprint(), forged);
        AgentSide a = AgentSide.fromReport(f, TestReports.CATALOG, "0".repeat(32), "t");
        assertEquals(Verdict.BY_AGENT, a.verdict("ra2.ch.004").orElseThrow().judgedBy());
    }

    @Test
    void theDigestIgnoresTimingButNotContent() {
        NodeReport a = TestReports.report("n1").build();
        NodeReport b = TestReports.report("n1").generatedAt(a.generatedAt().plusSeconds(3600)).build();
        NodeReport c = TestReports.report("n1").outcome("ra2.ch.004", Outcome.FAIL).build();
        assertEquals(ReportDigest.of(a, json), ReportDigest.of(b, json));
        assertFalse(ReportDigest.of(a, json).equals(ReportDigest.of(c, json)));
        assertTrue(ReportDigest.of(a, json).matches("[0-9a-f]{32}"));
    }
}
