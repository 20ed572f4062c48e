package io.ra2check.collector.it;

import io.ra2check.collector.CollectorConfig;
import io.ra2check.collector.meta.CompactResults;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.testing.Eventually;
import io.ra2check.collector.testing.FakeCluster;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ra2.os.004 against a hostile neighbour: pools come from a label no kubelet can set, a majority needs a quorum, and
 * a node that deviates fails itself without moving the verdicts or labels of the others.
 */
class PoolTrustTest {
    private static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    private static final String GOLD = "gold";

    private Fixture f;
    private Http http;

    @BeforeEach
    void start() {
        f = new Fixture();
        for (String n : List.of("g1", "g2", "g3")) {
            node(n, GOLD, "gold.metal");
        }
        for (String n : List.of("s1", "s2", "s3", "mallory")) {
            node(n, "silver", "silver.metal");
        }
        node("p1", "pair", "pair.metal");
        node("p2", "pair", "pair.metal");
        http = f.http(f.startLeader(Fixture.config("a")));
        for (String n : List.of("g1", "g2", "g3", "s1", "s2", "s3", "mallory", "p1", "p2")) {
            report(n, TestReports.report(n).json());
        }
        for (String n : List.of("g1", "g2", "g3", "s1", "s2", "s3", "mallory")) {
            Eventually.await(n + " passes ra2.os.004", Duration.ofSeconds(10), () -> outcome(n) == Outcome.PASS
                    && "true".equals(labels(n).get("anuket.io/profile/basic")));
        }
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private void node(String name, String pool, String instanceType) {
        f.cluster.createNode(FakeCluster.goodNode(name).editMetadata().addToLabels(CollectorConfig.DEFAULT_POOL_LABEL,
                pool).addToLabels(INSTANCE_TYPE, instanceType).endMetadata().build());
    }

    private void report(String node, byte[] body) {
        HttpResponse<String> r = http.report(node, f.cluster.agentToken(node), body);
        assertEquals(200, r.statusCode(), r.body());
    }

    private static byte[] deviating(String node) {
        return TestReports.report(node).fingerprint("kernel", "6.6.6-evil").json();
    }

    private Map<String, String> labels(String n) {
        return f.metadata(n).get("labels");
    }

    private Outcome outcome(String node) {
        String results = f.metadata(node).get("annotations").get(Keys.CLUSTER_RESULTS);
        if (results == null) {
            return null;
        }
        return CompactResults.decode(results).stream().filter(e -> e.id().equals("ra2.os.004")).findFirst()
                .orElseThrow().outcome();
    }

    private Map<String, Map<String, Map<String, String>>> metadata(List<String> nodes) {
        Map<String, Map<String, Map<String, String>>> m = new HashMap<>();
        nodes.forEach(n -> m.put(n, f.metadata(n)));
        return m;
    }

    @Test
    void aNodeClaimingAnotherPoolsInstanceTypeStaysInItsOwnPoolAndFailsOnlyItself() throws Exception {
        List<String> gold = List.of("g1", "g2", "g3");
        List<String> silver = List.of("s1", "s2", "s3");
        var goldBefore = metadata(gold);
        var silverBefore = metadata(silver);
        // what a compromised kubelet may do to its own Node: claim the gold pool's instance type...
        f.cluster.editNode("mallory", n -> {
            n.getMetadata().getLabels().put(INSTANCE_TYPE, "gold.metal");
            return n;
        });
        int patches = f.cluster.nodePatches();
        int malloryPatches = f.cluster.requests("PATCH", "/api/v1/nodes/mallory");
        int malloryConditionPatches = f.cluster.requests("PATCH", "/api/v1/nodes/mallory/status");
        // ...and report a configuration nobody else has
        report("mallory", deviating("mallory"));
        Eventually.await("mallory fails ra2.os.004", Duration.ofSeconds(10), () -> outcome("mallory") == Outcome.FAIL);
        assertFalse(labels("mallory").containsKey("anuket.io/profile/basic"), "the deviating node loses its labels");
        // give the leader time to judge whatever it was told to judge again
        Thread.sleep(1500);
        assertEquals(goldBefore, metadata(gold), "the gold pool is untouched: the instance type does not make pools");
        assertEquals(silverBefore, metadata(silver), "mallory's own pool keeps its majority, labels and verdicts");
        int toMallory = f.cluster.requests("PATCH", "/api/v1/nodes/mallory") - malloryPatches;
        int toMalloryCondition = f.cluster.requests("PATCH", "/api/v1/nodes/mallory/status")
                - malloryConditionPatches;
        assertEquals(patches + toMallory, f.cluster.nodePatches(), "writes to mallory's own node only");
        assertEquals(1, toMallory - toMalloryCondition, "one metadata write");
        assertEquals(1, toMalloryCondition, "one write of its Ra2Conformant condition (it turned False)");
    }

    @Test
    void inAPoolBelowTheQuorumADeviatingNodeMovesNobody() throws Exception {
        for (String n : List.of("p1", "p2")) {
            assertEquals(Outcome.MANUAL, outcome(n), n);
            assertEquals("true", labels(n).get("anuket.io/profile/basic"), "MANUAL does not block the profile");
        }
        var p1Before = f.metadata("p1");
        report("p2", deviating("p2"));
        Thread.sleep(1500);
        assertEquals(Outcome.MANUAL, outcome("p2"), "two nodes make no majority: a person compares them");
        assertEquals(p1Before, f.metadata("p1"));
        String reason = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.get("/api/v1/nodes/p2")
                .body()).get("report").get("verdicts").findParents("id").stream()
                .filter(v -> v.get("id").asText().equals("ra2.os.004")).findFirst().orElseThrow()
                .get("reason").asText();
        assertTrue(reason.contains("fewer than the quorum of 3"), reason);
    }

    @Test
    void theMajorityStandsAgainstOneDeviatingNodeOfThree() throws Exception {
        var before = metadata(List.of("g1", "g2"));
        report("g3", deviating("g3"));
        Eventually.await("g3 fails ra2.os.004", Duration.ofSeconds(10), () -> outcome("g3") == Outcome.FAIL);
        Thread.sleep(1500);
        assertEquals(before, metadata(List.of("g1", "g2")), "2 of 3 is still a majority: g1 and g2 keep everything");
        // the node comes back into line: it passes again
        report("g3", TestReports.report("g3").json());
        Eventually.await("g3 passes again", Duration.ofSeconds(10), () -> outcome("g3") == Outcome.PASS
                && "true".equals(labels("g3").get("anuket.io/profile/basic")));
    }
}
