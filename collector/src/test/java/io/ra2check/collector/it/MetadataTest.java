package io.ra2check.collector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Quantity;
import io.ra2check.collector.Collector;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.testing.Eventually;
import io.ra2check.collector.testing.FakeCluster;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The labels and annotations the collector writes on Node objects, against the mock API server in CRUD mode. */
class MetadataTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private Map<String, String> labels(String node) {
        return f.metadata(node).get("labels");
    }

    private Map<String, String> annotations(String node) {
        return f.metadata(node).get("annotations");
    }

    private static void ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void labelsAreSetChangedAndRemovedAsTheVerdictsChange() {
        f.cluster.createNode("w1");
        Http http = f.http(f.startLeader(Fixture.config("a")));
        String token = f.cluster.agentToken("w1");

        ok(http.report("w1", token, TestReports.report("w1").json()));
        assertEquals("true", labels("w1").get("anuket.io/profile/basic"));
        assertEquals("true", labels("w1").get("anuket.io/profile/network-intensive"));
        assertEquals("PASS", annotations("w1").get(Keys.STATUS));
        assertEquals("basic=MEETS,network-intensive=MEETS", annotations("w1").get(Keys.COMPLIANCE));
        assertNull(annotations("w1").get(Keys.FAILED));

        // SR-IOV NICs missing: a must of network-intensive only
        ok(http.report("w1", token, TestReports.report("w1").outcome("ra2.ch.002", Outcome.FAIL).json()));
        assertEquals("true", labels("w1").get("anuket.io/profile/basic"));
        assertFalse(labels("w1").containsKey("anuket.io/profile/network-intensive"));
        assertEquals("FAIL", annotations("w1").get(Keys.STATUS));
        assertEquals("ra2.ch.002", annotations("w1").get(Keys.FAILED));
        assertEquals("basic=MEETS,network-intensive=DOES_NOT_MEET", annotations("w1").get(Keys.COMPLIANCE));

        // SMT off: a must of both
        ok(http.report("w1", token, TestReports.report("w1").outcome("ra2.ch.002", Outcome.FAIL)
                .outcome("ra2.ch.004", Outcome.FAIL).json()));
        assertFalse(labels("w1").containsKey("anuket.io/profile/basic"));
        assertFalse(labels("w1").containsKey("anuket.io/profile/network-intensive"));
        assertEquals("ra2.ch.002,ra2.ch.004", annotations("w1").get(Keys.FAILED));

        // a must that cannot be decided: no label either, and no FAIL
        ok(http.report("w1", token, TestReports.report("w1").outcome("ra2.ch.012", Outcome.UNKNOWN).json()));
        assertFalse(labels("w1").containsKey("anuket.io/profile/basic"));
        assertEquals("UNKNOWN", annotations("w1").get(Keys.STATUS));
        assertNull(annotations("w1").get(Keys.FAILED));
        assertEquals("basic=UNDETERMINED,network-intensive=UNDETERMINED", annotations("w1").get(Keys.COMPLIANCE));

        // fixed: both labels back; labels the collector does not own were never touched
        ok(http.report("w1", token, TestReports.report("w1").json()));
        assertEquals("true", labels("w1").get("anuket.io/profile/basic"));
        assertEquals("true", labels("w1").get("anuket.io/profile/network-intensive"));
        assertEquals("m5.metal", labels("w1").get("node.kubernetes.io/instance-type"));
        assertEquals("true", labels("w1").get("feature.node.kubernetes.io/cpu-cpuid.AVX512F"));
    }

    @Test
    void anUnchangedReportCostsZeroWrites() {
        f.cluster.createNode("w1");
        Http http = f.http(f.startLeader(Fixture.config("a")));
        String token = f.cluster.agentToken("w1");
        int getsBefore = f.cluster.requests("GET", "/api/v1/nodes/w1");
        HttpResponse<String> first = http.report("w1", token, TestReports.report("w1").json());
        ok(first);
        assertEquals(getsBefore, f.cluster.requests("GET", "/api/v1/nodes/w1"), "a patch needs no GET of the node");
        assertEquals(1, f.cluster.requests("PATCH", "/api/v1/nodes/w1/status"), "the Ra2Conformant condition");
        assertEquals(2, f.cluster.requests("PATCH", "/api/v1/nodes/w1"), "the metadata and the condition");
        assertTrue(first.body().contains("\"changed\":true"));
        String reportedAt = annotations("w1").get(Keys.REPORTED_AT);
        int patches = f.cluster.nodePatches();
        int writes = f.cluster.writes();
        int nodeGets = f.cluster.requests("GET", "/api/v1/nodes/w1");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> again = http.report("w1", token, TestReports.report("w1").json());
            ok(again);
            assertTrue(again.body().contains("\"changed\":false"), again.body());
        }
        // the agent's next periodic check, same results: still nothing to write
        ok(http.report("w1", token, TestReports.report("w1").generatedAt(Instant.parse("2026-11-22T10:00:00Z"))
                .json()));
        // the node is read from the informer's cache only: the collector needs no "get" on nodes
        assertEquals(nodeGets, f.cluster.requests("GET", "/api/v1/nodes/w1"), "GETs of the node");
        assertEquals(patches, f.cluster.nodePatches(), "PATCH requests for unchanged reports");
        assertEquals(writes, f.cluster.writes(), "write requests of any kind for unchanged reports");
        assertEquals(reportedAt, annotations("w1").get(Keys.REPORTED_AT));
    }

    @Test
    void staleOwnedKeysAreRemovedAndForeignOnesKept() {
        f.cluster.createNode("w1");
        // a node with collector keys but no report behind them (an older version, or set by hand)
        f.cluster.createNode(FakeCluster.goodNode("w2").editMetadata().addToLabels("anuket.io/profile/basic", "true")
                .addToAnnotations(Keys.STATUS, "PASS").addToAnnotations("other.io/keep", "me").endMetadata().build());
        Collector c = f.startLeader(Fixture.config("a"));
        Http http = f.http(c);
        Eventually.await("the leader cleaned w2", Duration.ofSeconds(10),
                () -> !labels("w2").containsKey("anuket.io/profile/basic")
                        && !annotations("w2").containsKey(Keys.STATUS));
        assertEquals("me", annotations("w2").get("other.io/keep"));

        ok(http.report("w1", f.cluster.agentToken("w1"), TestReports.report("w1").json()));
        Map<String, String> before = annotations("w1");
        // a pool of two is below the quorum of three: w1's ra2.os.004 is left to a person, which blocks nothing
        assertEquals("PASS", before.get(Keys.STATUS));
        assertTrue(before.get(Keys.COUNTS).contains("manual="), before.toString());
        // someone adds a key under the collector's prefix: the leader removes it, without a new report
        f.cluster.editNode("w1", n -> {
            n.getMetadata().getAnnotations().put("ra2check.io/obsolete", "x");
            n.getMetadata().getAnnotations().put("example.com/note", "kept");
            return n;
        });
        Eventually.await("the leader removed ra2check.io/obsolete", Duration.ofSeconds(10),
                () -> !annotations("w1").containsKey("ra2check.io/obsolete"));
        Map<String, String> after = new java.util.HashMap<>(annotations("w1"));
        assertEquals("kept", after.remove("example.com/note"));
        assertEquals(before, after);
    }

    @Test
    void annotationsStayUnderTwoKibOnANodeThatFailsEverything() {
        f.cluster.createNode(FakeCluster.goodNode("bad").editMetadata()
                .withLabels(Map.of("node.kubernetes.io/instance-type", "m5.metal")).endMetadata().editStatus()
                .withAllocatable(Map.of("cpu", new Quantity("0"))).editNodeInfo().withKubeletVersion("v1.20.0")
                .withContainerRuntimeVersion("docker://19.3").endNodeInfo().endStatus().build());
        Http http = f.http(f.startLeader(Fixture.config("a")));
        ok(http.report("bad", f.cluster.agentToken("bad"), TestReports.report("bad").failEverything()
                .fingerprint("hugepages", "2048kB=0,1048576kB=0").fingerprint("cgroup", "v1")
                .fingerprint("smt", "off").fingerprint("kubelet", "sha256:00112233445566ff")
                .fingerprint("kernelConfig", "sha256:8899aabbccddeeff").json()));
        Map<String, String> a = annotations("bad");
        int bytes = 0;
        for (Map.Entry<String, String> e : a.entrySet()) {
            if (Keys.ownedAnnotation(e.getKey())) {
                bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length
                        + e.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        assertTrue(bytes <= 2048, "owned annotations take " + bytes + " bytes");
        assertTrue(a.get(Keys.FAILED).split(",").length >= 20, a.get(Keys.FAILED));
        assertFalse(a.get(Keys.FAILED).contains("+"), "the failed list is complete: " + a.get(Keys.FAILED));
    }

    @Test
    void aRestartedCollectorRebuildsItsViewFromTheNodes() throws Exception {
        f.cluster.createNode("w1");
        f.cluster.createNode("w2");
        Collector first = f.startLeader(Fixture.config("first"));
        Http http = f.http(first);
        ok(http.report("w1", f.cluster.agentToken("w1"), TestReports.report("w1").json()));
        ok(http.report("w2", f.cluster.agentToken("w2"), TestReports.report("w2").outcome("ra2.ch.008",
                Outcome.FAIL).json()));
        f.stop(first);

        Collector second = f.startLeader(Fixture.config("second"));
        Http again = f.http(second);
        JsonNode nodes = new ObjectMapper().readTree(again.get("/api/v1/nodes").body()).get("nodes");
        JsonNode w2 = nodes.get(1);
        assertEquals("w2", w2.get("name").asText());
        assertEquals("FAIL", w2.get("status").asText());
        assertEquals("FAIL", w2.get("statuses").get("ra2.ch.008").asText());
        assertEquals("PASS", w2.get("statuses").get("ra2.ch.006").asText());
        assertFalse(w2.get("fullReport").asBoolean(), "the full report went away with the first collector");
        JsonNode detail = new ObjectMapper().readTree(again.get("/api/v1/nodes/w2").body());
        assertTrue(detail.get("report").isNull());
        assertTrue(detail.get("reportNote").asText().contains("does not hold the node's latest full report"));

        int patches = f.cluster.nodePatches();
        HttpResponse<String> r = again.report("w1", f.cluster.agentToken("w1"), TestReports.report("w1").json());
        ok(r);
        assertTrue(r.body().contains("\"changed\":false"), r.body());
        Thread.sleep(300); // give the new leader's pass over every node time to write, were it to
        assertEquals(patches, f.cluster.nodePatches(), "writes after the restart");
        assertFalse(new ObjectMapper().readTree(again.get("/api/v1/nodes/w1").body()).get("report").isNull());
    }
}
