package io.ra2check.collector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ra2check.collector.Collector;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Outcome;
import io.ra2check.report.ReportJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read API, the page's assets, health, readiness and metrics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadApiTest {
    private Fixture f;
    private Http http;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    void start() {
        f = new Fixture();
        f.cluster.createNode("a1");
        f.cluster.createNode("a2");
        // a1 and a2 form a pool below the quorum (ra2.os.004 MANUAL), so a1 passes without waiting for "silent"
        f.cluster.createNodeInPool("silent", "other");
        Collector c = f.startLeader(Fixture.config("a"));
        http = f.http(c);
        assertEquals(200, http.report("a1", f.cluster.agentToken("a1"), TestReports.report("a1").json()).statusCode());
        assertEquals(200, http.report("a2", f.cluster.agentToken("a2"), TestReports.report("a2")
                .outcome("ra2.ch.013", Outcome.FAIL).json()).statusCode());
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void listsEveryNodeWithItsStatusPerRequirement() throws Exception {
        HttpResponse<String> r = http.get("/api/v1/nodes");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = mapper.readTree(r.body());
        assertTrue(body.get("leader").asBoolean());
        assertEquals(0, body.get("notReady").size(), "a ready replica has no reasons");
        assertEquals(TestReports.CATALOG.all().size(), body.get("requirements").size());
        JsonNode nodes = body.get("nodes");
        assertEquals(3, nodes.size());
        JsonNode a2 = nodes.get(1);
        assertEquals("a2", a2.get("name").asText());
        assertEquals("FAIL", a2.get("status").asText());
        assertEquals("FAIL", a2.get("statuses").get("ra2.ch.013").asText());
        assertEquals("DOES_NOT_MEET", a2.get("compliance").get("basic").asText());
        assertEquals("ra2.ch.013", a2.get("failed").get(0).asText());
        assertTrue(a2.get("fullReport").asBoolean());
        JsonNode silent = nodes.get(2);
        assertFalse(silent.get("reported").asBoolean());
        assertFalse(silent.has("statuses"));
    }

    @Test
    void listsTheClusterWideVerdictsBesideTheNodes() throws Exception {
        // the cluster view is read at start on its own thread
        io.ra2check.collector.testing.Eventually.await("the first cluster judgement", java.time.Duration.ofSeconds(30),
                () -> {
                    try {
                        return mapper.readTree(http.get("/api/v1/nodes").body()).path("cluster").has("readAt");
                    } catch (Exception e) {
                        return false;
                    }
                });
        JsonNode cluster = mapper.readTree(http.get("/api/v1/nodes").body()).get("cluster");
        long collectorClusterIds = TestReports.CATALOG.all().stream().filter(r -> !r.perNode()
                && r.disposition() == io.ra2check.report.Requirement.Disposition.COLLECTOR).count();
        assertEquals(collectorClusterIds, cluster.get("verdicts").size());
        for (JsonNode v : cluster.get("verdicts")) {
            assertTrue(v.get("status").has("basic") && v.get("status").has("network-intensive"), v.toString());
            if (v.get("outcome").asText().equals("UNKNOWN")) {
                assertFalse(v.path("reason").asText().isBlank(), "an UNKNOWN says why: " + v);
            }
        }
        // the fake API server serves no discovery documents: the API checks cannot PASS
        JsonNode beta = null;
        for (JsonNode v : cluster.get("verdicts")) {
            if (v.get("id").asText().equals("ra2.k8s.019")) {
                beta = v;
            }
        }
        assertEquals("UNKNOWN", beta.get("outcome").asText(), beta.toString());
    }

    @Test
    void givesANodesLastFullReportMergedWithTheCollectorsVerdicts() throws Exception {
        JsonNode body = mapper.readTree(http.get("/api/v1/nodes/a2").body());
        assertEquals("FAIL", body.get("summary").get("status").asText());
        JsonNode report = body.get("report");
        // the report is a valid ra2check report with the collector's verdicts in it
        NodeReport r = new ReportJson()
                .read(mapper.writeValueAsBytes(report));
        assertEquals("a2", r.node());
        assertEquals("collector", r.verdict("ra2.ch.006").orElseThrow().judgedBy());
        assertEquals("agent", r.verdict("ra2.ch.013").orElseThrow().judgedBy());
        assertEquals("expected of ra2.ch.013", r.verdict("ra2.ch.013").orElseThrow().expected());

        JsonNode silent = mapper.readTree(http.get("/api/v1/nodes/silent").body());
        assertTrue(silent.get("report").isNull());
        assertEquals("the node has not reported yet", silent.get("reportNote").asText());

        HttpResponse<String> missing = http.get("/api/v1/nodes/nope");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"no node named nope in the cluster\"}", missing.body().strip());
    }

    @Test
    void healthReadinessAndMetrics() {
        assertEquals("{\"status\":\"ok\"}", http.get("/healthz").body().strip());
        assertEquals("{\"ready\":true,\"notReady\":[]}", http.get("/readyz").body().strip());
        String m = http.get("/metrics").body();
        for (String s : new String[] {"ra2check_collector_reports_total{outcome=\"stored_changed\"} 2.0",
            "ra2check_collector_nodes{status=\"PASS\"}", "ra2check_collector_nodes{status=\"FAIL\"} 1.0",
            "ra2check_collector_nodes{status=\"none\"} 1.0", "ra2check_collector_node_patch_seconds_count",
            "ra2check_collector_node_patches_total{result=\"ok\"}", "ra2check_collector_token_reviews_total",
            "ra2check_collector_intake_seconds_bucket", "ra2check_collector_leader 1.0"}) {
            assertTrue(m.contains(s), s + " in\n" + m);
        }
    }

    @Test
    void servesThePageWithoutExternalAssets() {
        HttpResponse<String> page = http.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no external URL");
        String js = http.get("/app.js").body();
        assertFalse(js.contains("innerHTML"), "report text is only ever set as text");
        assertFalse(js.contains("http://") || js.contains("https://"));
        assertEquals(200, http.get("/style.css").statusCode());
        assertEquals(404, http.get("/nothing-here").statusCode());
        HttpResponse<String> post = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + http.port() + "/api/v1/nodes"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x", StandardCharsets.UTF_8)).build());
        assertEquals(405, post.statusCode());
    }
}
