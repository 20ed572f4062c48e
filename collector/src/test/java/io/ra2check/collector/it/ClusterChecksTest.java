package io.ra2check.collector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.ra2check.collector.Collector;
import io.ra2check.collector.meta.CompactResults;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.testing.Eventually;
import io.ra2check.collector.testing.FakeCluster;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each cluster check on its passing and failing side, through the whole collector: nodes and pods in the mock API
 * server, reports over HTTP, verdicts read back from the Node's annotations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterChecksTest {
    private Fixture f;
    private Http http;

    private void node(String name, UnaryOperator<NodeBuilder> edit) {
        f.cluster.createNode(edit.apply(FakeCluster.goodNode(name)).build());
    }

    private static Pod pod(String name, String node, String cpuRequest, String cpuLimit) {
        return new PodBuilder().withNewMetadata().withNamespace("apps").withName(name).endMetadata().withNewSpec()
                .withNodeName(node).addNewContainer().withName("c").withImage("i").withNewResources()
                .addToRequests("cpu", new Quantity(cpuRequest)).addToLimits("cpu", new Quantity(cpuLimit))
                .endResources().endContainer().endSpec().withNewStatus().withPhase("Running").endStatus().build();
    }

    @BeforeAll
    void start() {
        f = new Fixture();
        node("good-a", b -> b);
        node("good-b", b -> b);
        node("drift", b -> b);
        node("nohuge", b -> b.editStatus().removeFromAllocatable("hugepages-1Gi").endStatus());
        node("busy", b -> b);
        node("nonfd", b -> b.editMetadata().withLabels(Map.of("node.kubernetes.io/instance-type", "m5.metal"))
                .endMetadata());
        node("old", b -> b.editStatus().editNodeInfo().withKubeletVersion("v1.26.15").endNodeInfo().endStatus());
        node("dockershim", b -> b.editStatus().editNodeInfo().withKubeletVersion("v1.23.17")
                .withContainerRuntimeVersion("docker://20.10.24").endNodeInfo().endStatus());
        node("rkt", b -> b.editStatus().editNodeInfo().withContainerRuntimeVersion("rkt://1.30.0").endNodeInfo()
                .endStatus());
        f.cluster.client().pods().inNamespace("apps").resource(pod("big", "busy", "40", "40")).create();
        f.cluster.client().pods().inNamespace("apps").resource(pod("bigger", "busy", "30", "30")).create();
        f.cluster.client().pods().inNamespace("apps").resource(pod("small", "good-a", "2", "4")).create();
        Collector c = f.startLeader(Fixture.config("a"));
        http = f.http(c);
        for (String n : new String[] {"good-a", "good-b", "nohuge", "busy", "nonfd", "old", "dockershim", "rkt"}) {
            report(n, TestReports.report(n).json());
        }
        report("drift", TestReports.report("drift").fingerprint("kernel", "5.15.0-91-generic").json());
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private void report(String node, byte[] body) {
        HttpResponse<String> r = http.report(node, f.cluster.agentToken(node), body);
        assertEquals(200, r.statusCode(), r.body());
    }

    /** The collector's outcome for one requirement, as written on the node. */
    private Outcome outcome(String node, String id) {
        String results = f.metadata(node).get("annotations").get(Keys.CLUSTER_RESULTS);
        return CompactResults.decode(results).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow()
                .outcome();
    }

    private JsonNode verdict(String node, String id) throws Exception {
        JsonNode report = new ObjectMapper().readTree(http.get("/api/v1/nodes/" + node).body()).get("report");
        for (JsonNode v : report.get("verdicts")) {
            if (v.get("id").asText().equals(id)) {
                return v;
            }
        }
        throw new AssertionError(id + " missing");
    }

    @Test
    void aGoodNodePassesEveryClusterCheck() {
        for (String id : new String[] {"ra2.ch.001", "ra2.ch.006", "ra2.ch.018", "ra2.os.004", "ra2.k8s.005",
            "ra2.k8s.011", "ra2.crt.001", "ra2.crt.002"}) {
            Eventually.await(id + " passes on good-a", Duration.ofSeconds(5),
                    () -> outcome("good-a", id) == Outcome.PASS);
        }
        assertEquals("true", f.metadata("good-a").get("labels").get("anuket.io/profile/basic"));
    }

    @Test
    void hugepagesMustBeSchedulable() throws Exception {
        assertEquals(Outcome.FAIL, outcome("nohuge", "ra2.ch.001"));
        JsonNode v = verdict("nohuge", "ra2.ch.001");
        assertEquals("collector", v.get("judgedBy").asText());
        assertTrue(v.get("actual").asText().contains("none schedulable: hugepages-1Gi"), v.toString());
        assertFalse(f.metadata("nohuge").get("labels").containsKey("anuket.io/profile/basic"));
    }

    @Test
    void podCpuMustStayBelowAllocatable() throws Exception {
        assertEquals(Outcome.FAIL, outcome("busy", "ra2.ch.006"));
        assertTrue(verdict("busy", "ra2.ch.006").get("actual").asText().startsWith("requests 70, limits 70 of 64"));
        assertEquals(Outcome.PASS, outcome("good-a", "ra2.ch.006"));
    }

    @Test
    void nodeFeatureDiscoveryLabelsMustBePresent() {
        assertEquals(Outcome.FAIL, outcome("nonfd", "ra2.ch.018"));
        assertEquals(Outcome.PASS, outcome("good-b", "ra2.ch.018"));
    }

    @Test
    void kubeletsMayLagTheControlPlaneByThreeReleases() throws Exception {
        assertEquals(Outcome.FAIL, outcome("old", "ra2.k8s.005"));
        assertTrue(verdict("old", "ra2.k8s.005").get("actual").asText().endsWith("4 minor releases behind"));
        assertEquals(Outcome.PASS, outcome("good-b", "ra2.k8s.005"));
    }

    @Test
    void runtimesMustBeOciAndCri() {
        assertEquals(Outcome.FAIL, outcome("rkt", "ra2.crt.001"));
        assertEquals(Outcome.FAIL, outcome("dockershim", "ra2.crt.002"));
        assertEquals(Outcome.PASS, outcome("good-b", "ra2.crt.001"));
        assertEquals(Outcome.PASS, outcome("good-b", "ra2.crt.002"));
    }

    @Test
    void theOddNodeOfAPoolFailsOsConsistency() throws Exception {
        Eventually.await("pool judged", Duration.ofSeconds(5), () -> outcome("drift", "ra2.os.004") == Outcome.FAIL
                && outcome("good-b", "ra2.os.004") == Outcome.PASS);
        assertTrue(verdict("drift", "ra2.os.004").get("actual").asText().endsWith("reporting nodes of the pool "
                + "share, in: kernel"));
    }

    @Test
    void theLeaderJudgesAgainWhenTheClusterChangesWithoutANewReport() {
        Eventually.await("good-b labelled", Duration.ofSeconds(5),
                () -> "true".equals(f.metadata("good-b").get("labels").get("anuket.io/profile/basic")));
        f.cluster.client().pods().inNamespace("apps").resource(pod("hog", "good-b", "100", "100")).create();
        Eventually.await("ra2.ch.006 fails on good-b", Duration.ofSeconds(10),
                () -> outcome("good-b", "ra2.ch.006") == Outcome.FAIL);
        assertFalse(f.metadata("good-b").get("labels").containsKey("anuket.io/profile/basic"));
        f.cluster.client().pods().inNamespace("apps").withName("hog").delete();
        Eventually.await("ra2.ch.006 passes on good-b again", Duration.ofSeconds(10),
                () -> outcome("good-b", "ra2.ch.006") == Outcome.PASS
                        && "true".equals(f.metadata("good-b").get("labels").get("anuket.io/profile/basic")));

        // NFD labels removed from the node: ra2.ch.018 fails, again without a report
        f.cluster.editNode("good-b", n -> {
            n.getMetadata().getLabels().keySet().removeIf(k -> k.startsWith("feature.node.kubernetes.io/"));
            return n;
        });
        Eventually.await("ra2.ch.018 fails on good-b", Duration.ofSeconds(10),
                () -> outcome("good-b", "ra2.ch.018") == Outcome.FAIL);
    }

    @Test
    void nfdLabelsWithoutARunningWorkerFailAndTheLeaderSeesTheWorkerComeBack() {
        try (Fixture g = new Fixture()) {
            g.cluster.createNode("w1");
            Http h = g.http(g.startLeader(Fixture.config("nfd")));
            assertEquals(200, h.report("w1", g.cluster.agentToken("w1"), TestReports.report("w1").json())
                    .statusCode());
            assertTrue(g.metadata("w1").get("annotations").get(Keys.CLUSTER_RESULTS).contains("ch.018=Pmm"));
            // NFD's DaemonSet pod goes (evicted, NFD uninstalled): the labels stay, ra2.ch.018 fails without a report
            g.cluster.client().pods().inNamespace(FakeCluster.NFD_NAMESPACE).withName("nfd-worker-w1").delete();
            Eventually.await("ra2.ch.018 fails on w1", Duration.ofSeconds(10), () -> g.metadata("w1")
                    .get("annotations").get(Keys.CLUSTER_RESULTS).contains("ch.018=Fmm"));
            assertFalse(g.metadata("w1").get("labels").containsKey("anuket.io/profile/basic"));
            g.cluster.client().pods().inNamespace(FakeCluster.NFD_NAMESPACE).resource(FakeCluster.nfdWorker("w1"))
                    .create();
            Eventually.await("ra2.ch.018 passes on w1 again", Duration.ofSeconds(10), () -> g.metadata("w1")
                    .get("annotations").get(Keys.CLUSTER_RESULTS).contains("ch.018=Pmm"));
        }
    }

    @Test
    void aControlPlaneUpgradeIsJudgedOnEveryNodeWithoutNewReports() {
        try (Fixture g = new Fixture()) {
            g.cluster.createNode("w1");
            Http h = g.http(g.startLeader(Fixture.config("v").withVersionInterval(Duration.ofMillis(300))));
            assertEquals(200, h.report("w1", g.cluster.agentToken("w1"), TestReports.report("w1").json())
                    .statusCode());
            assertTrue(g.metadata("w1").get("annotations").get(Keys.CLUSTER_RESULTS).contains("k8s.005=Pmm"));
            g.cluster.setVersion("v1.34.1");
            Eventually.await("ra2.k8s.005 fails on w1 (kubelet 1.30, control plane 1.34)", Duration.ofSeconds(10),
                    () -> g.metadata("w1").get("annotations").get(Keys.CLUSTER_RESULTS).contains("k8s.005=Fmm"));
            assertFalse(g.metadata("w1").get("labels").containsKey("anuket.io/profile/basic"));
        }
    }

    @Test
    void unmanagedLabelsAreJudgedForRa2K8s011() {
        try (Fixture g = new Fixture()) {
            g.cluster.createNode(FakeCluster.goodNode("right").editMetadata()
                    .addToLabels("anuket.io/profile/basic", "true")
                    .addToLabels("anuket.io/profile/network-intensive", "true").endMetadata().build());
            g.cluster.createNode(FakeCluster.goodNode("wrong").editMetadata().withName("wrong").endMetadata()
                    .build());
            Http h = g.http(g.startLeader(Fixture.config("u").withManageLabels(false)));
            assertEquals(200, h.report("right", g.cluster.agentToken("right"), TestReports.report("right").json())
                    .statusCode());
            assertEquals(200, h.report("wrong", g.cluster.agentToken("wrong"), TestReports.report("wrong").json())
                    .statusCode());
            // "right" reported first: until "wrong" did, its pool could not be compared (ra2.os.004 UNKNOWN), it
            // did not meet the profiles, and its labels were wrong; the leader judges it again
            Eventually.await("right's labels judged right", Duration.ofSeconds(10), () -> g.metadata("right")
                    .get("annotations").get(Keys.CLUSTER_RESULTS).contains("k8s.011=Pmm"));
            Map<String, String> wrong = g.metadata("wrong").get("annotations");
            assertTrue(wrong.get(Keys.CLUSTER_RESULTS).contains("k8s.011=Fmm"), wrong.toString());
            assertFalse(g.metadata("wrong").get("labels").containsKey("anuket.io/profile/basic"),
                    "the collector does not set labels it does not manage");
        }
    }
}
