package io.ra2check.collector.it;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.ra2check.collector.Collector;
import io.ra2check.collector.testing.FakeCluster;
import io.ra2check.collector.testing.Eventually;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.collector.meta.Keys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every answer of {@code PUT /api/v1/reports/{node}}, over HTTP on loopback against the mock API server in CRUD
 * mode; every refusal leaves the node as it was and sends no write to the API server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeTest {
    private Fixture f;
    private Http http;

    @BeforeAll
    void start() {
        f = new Fixture();
        // each node in a pool of its own: a report for one never makes the leader judge another again mid-test
        for (String n : List.of("w1", "w2", "w3")) {
            f.cluster.createNodeInPool(n, "pool-" + n);
        }
        Collector c = f.startLeader(Fixture.config("a").withMaxBodyBytes(64 * 1024));
        http = f.http(c);
        // w1 starts with a stored report: refusals must leave it exactly as it is
        assertEquals(200, http.report("w1", f.cluster.agentToken("w1"), TestReports.report("w1").json())
                .statusCode());
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private void refused(int status, String messageStart, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"error\":\"" + messageStart), r.body());
        assertEquals(1, r.body().strip().lines().count(), "one line");
        assertFalse(r.body().contains("Exception"), "no stack trace or exception name: " + r.body());
    }

    private byte[] w1Report() {
        return TestReports.report("w1").outcome("ra2.ch.004", io.ra2check.report.Outcome.FAIL).json();
    }

    @Test
    void ok200StoresTheReportOnTheNode() {
        HttpResponse<String> r = http.report("w2", f.cluster.agentToken("w2"), TestReports.report("w2").json());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"node\":\"w2\",\"state\":\"stored\",\"stored\":true,\"changed\":true,\"status\":\"PASS\",\"compliance\":{\"basic\":"
                + "\"MEETS\",\"network-intensive\":\"MEETS\"},\"failed\":[]}", r.body().strip());
        Map<String, Map<String, String>> m = f.metadata("w2");
        assertEquals("true", m.get("labels").get("anuket.io/profile/basic"));
        assertEquals("PASS", m.get("annotations").get(Keys.STATUS));
    }

    @Test
    void bad400ForMalformedJson() {
        f.assertNothingWritten("w1", () -> refused(400, "not valid JSON",
                http.report("w1", f.cluster.agentToken("w1"), "{\"apiVersion\": ".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void bad400ForTheWrongSchemaVersion() {
        byte[] body = new String(w1Report(), StandardCharsets.UTF_8).replace("ra2check.io/v1", "ra2check.io/v2")
                .getBytes(StandardCharsets.UTF_8);
        f.assertNothingWritten("w1", () -> refused(400,
                "unsupported apiVersion 'ra2check.io/v2' (expected ra2check.io/v1)",
                http.report("w1", f.cluster.agentToken("w1"), body)));
    }

    @Test
    void bad400ForAnInvalidFieldNamingIt() {
        byte[] body = new String(w1Report(), StandardCharsets.UTF_8).replaceFirst("\"outcome\" : \"PASS\"",
                "\"outcome\" : \"GREAT\"").getBytes(StandardCharsets.UTF_8);
        f.assertNothingWritten("w1", () -> refused(400, "verdicts[0].outcome: expected one of",
                http.report("w1", f.cluster.agentToken("w1"), body)));
    }

    @Test
    void bad400WhenTheReportIsForAnotherNode() {
        f.assertNothingWritten("w1", () -> refused(400, "node: the report is for 'w2' but was posted for 'w1'",
                http.report("w1", f.cluster.agentToken("w1"), TestReports.report("w2").json())));
    }

    @Test
    void bad400ForAnInvalidNodeNameInThePath() {
        refused(400, "node: 'Not_A_Node' is not a valid node name",
                http.report("Not_A_Node", f.cluster.agentToken("w1"), w1Report()));
    }

    @Test
    void bad400ForARequirementTheCollectorDoesNotKnow() {
        byte[] body = new String(w1Report(), StandardCharsets.UTF_8).replace("\"ra2.ch.017\"", "\"ra2.ch.099\"")
                .getBytes(StandardCharsets.UTF_8);
        f.assertNothingWritten("w1", () -> refused(400, "verdicts[16].id: ra2.ch.099 is not a requirement this "
                + "collector knows", http.report("w1", f.cluster.agentToken("w1"), body)));
    }

    @Test
    void unauthorized401WithoutOrWithABadToken() {
        f.assertNothingWritten("w1", () -> {
            HttpResponse<String> none = http.report("w1", null, w1Report());
            refused(401, "missing bearer token", none);
            assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
            refused(401, "the API server did not accept the token for audience ra2check-collector",
                    http.report("w1", "forged-token", w1Report()));
        });
    }

    @Test
    void unauthorized401ForATokenOfAnotherAudience() {
        f.cluster.token("api-token", new FakeCluster.TokenInfo(FakeCluster.AGENT_SA,
                List.of("https://kubernetes.default.svc"),
                Map.of("authentication.kubernetes.io/node-name", List.of("w1"))));
        f.assertNothingWritten("w1", () -> refused(401, "the API server did not accept the token",
                http.report("w1", "api-token", w1Report())));
    }

    @Test
    void forbidden403ForAnotherServiceAccount() {
        f.cluster.token("other-sa", new FakeCluster.TokenInfo("system:serviceaccount:default:builder",
                List.of(FakeCluster.AUDIENCE), Map.of("authentication.kubernetes.io/node-name", List.of("w1"))));
        f.assertNothingWritten("w1", () -> refused(403, "caller system:serviceaccount:default:builder is not the "
                + "agent ServiceAccount system:serviceaccount:ra2check:ra2check-agent",
                http.report("w1", "other-sa", w1Report())));
    }

    @Test
    void forbidden403ForAnotherNodesAgent() {
        f.assertNothingWritten("w1", () -> refused(403, "the token is bound to a pod on node w3, not w1",
                http.report("w1", f.cluster.agentToken("w3"), w1Report())));
    }

    @Test
    void forbidden403ForATokenNotBoundToAPod() {
        f.cluster.token("legacy", new FakeCluster.TokenInfo(FakeCluster.AGENT_SA, List.of(FakeCluster.AUDIENCE),
                Map.of()));
        f.assertNothingWritten("w1", () -> refused(403, "the token is not bound to a pod",
                http.report("w1", "legacy", w1Report())));
    }

    @Test
    void withoutNodeNameThePodNamedInTheTokenDecides() {
        String uid = f.cluster.client().pods().inNamespace("ra2check").resource(new PodBuilder().withNewMetadata()
                .withNamespace("ra2check").withName("agent-x").withUid("uid-x").endMetadata().withNewSpec()
                .withNodeName("w3").addNewContainer().withName("a").withImage("i").endContainer().endSpec().build())
                .create().getMetadata().getUid();
        f.cluster.token("pod-bound", new FakeCluster.TokenInfo(FakeCluster.AGENT_SA, List.of(FakeCluster.AUDIENCE),
                Map.of("authentication.kubernetes.io/pod-name", List.of("agent-x"),
                        "authentication.kubernetes.io/pod-uid", List.of(uid))));
        f.assertNothingWritten("w1", () -> refused(403, "the token is bound to a pod on node w3, not w1",
                http.report("w1", "pod-bound", w1Report())));
        HttpResponse<String> ok = http.report("w3", "pod-bound", TestReports.report("w3").json());
        assertEquals(200, ok.statusCode(), ok.body());

        f.cluster.token("pod-replaced", new FakeCluster.TokenInfo(FakeCluster.AGENT_SA, List.of(FakeCluster.AUDIENCE),
                Map.of("authentication.kubernetes.io/pod-name", List.of("agent-x"),
                        "authentication.kubernetes.io/pod-uid", List.of("uid-old"))));
        refused(403, "the token's pod ra2check/agent-x has been replaced",
                http.report("w3", "pod-replaced", TestReports.report("w3").json()));
        f.cluster.token("pod-gone", new FakeCluster.TokenInfo(FakeCluster.AGENT_SA, List.of(FakeCluster.AUDIENCE),
                Map.of("authentication.kubernetes.io/pod-name", List.of("agent-gone"))));
        refused(403, "the token's pod ra2check/agent-gone does not exist",
                http.report("w3", "pod-gone", TestReports.report("w3").json()));
    }

    @Test
    void notFound404ForANodeTheClusterDoesNotHave() {
        int patches = f.cluster.nodePatches();
        refused(404, "no node named ghost in the cluster",
                http.report("ghost", f.cluster.agentToken("ghost"), TestReports.report("ghost").json()));
        assertEquals(patches, f.cluster.nodePatches());
        assertEquals(null, f.cluster.node("ghost"));
    }

    /**
     * The collector answers 413 and closes without reading the rest of the body; a body still in flight then can make
     * TCP reset the connection before the client has read the answer (the client's race, not the collector's). Such a
     * reset is sent again, at most twice: the answer asserted is still the collector's own.
     */
    private static HttpResponse<String> oversized(java.util.function.Supplier<HttpResponse<String>> send) {
        java.io.UncheckedIOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return send.get();
            } catch (java.io.UncheckedIOException e) {
                last = e;
            }
        }
        throw last;
    }

    @Test
    void tooLarge413BeforeReadingTheBody() {
        byte[] big = new byte[64 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        f.assertNothingWritten("w1", () -> {
            int reviews = f.cluster.tokenReviews();
            // no token at all: the size is refused before the caller is even looked at
            refused(413, "the report is larger than 65536 bytes", oversized(() -> http.report("w1", null, big)));
            assertEquals(reviews, f.cluster.tokenReviews());
            // a body without Content-Length (chunked) is cut off at the limit
            HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/api/v1/"
                    + "reports/w1")).header("Authorization", "Bearer " + f.cluster.agentToken("w1"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
            refused(413, "the report is larger than 65536 bytes", oversized(() -> http.send(chunked)));
        });
    }

    @Test
    void accepted202WhileTheApiServerCannotBeWrittenThenStoredOnceItCan() {
        Map<String, Map<String, String>> before = f.metadata("w1");
        byte[] report = w1Report();
        f.cluster.failWrites(true);
        try {
            HttpResponse<String> r = http.report("w1", f.cluster.agentToken("w1"), report);
            assertEquals(202, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"stored\":false") && r.body().contains("the test made writes fail"),
                    r.body());
            assertEquals("5", r.headers().firstValue("Retry-After").orElse(""));
            assertEquals(before, f.metadata("w1"), "nothing written while writes fail");
            // the same report again: where it stands, and no second write queued
            HttpResponse<String> again = http.report("w1", f.cluster.agentToken("w1"), report);
            assertEquals(202, again.statusCode(), again.body());
            assertTrue(again.body().contains("\"state\":\"retrying\""), again.body());
        } finally {
            f.cluster.failWrites(false);
        }
        // the collector keeps at it: the report lands without the agent sending it again
        Eventually.await("the retried write lands", Duration.ofSeconds(15),
                () -> "ra2.ch.004".equals(f.metadata("w1").get("annotations").get(Keys.FAILED)));
        // until the retried write has also published the node's condition, the same report gets that write's
        // answer (changed); then it is the unchanged report it is
        Eventually.await("the same report again is stored and unchanged", Duration.ofSeconds(15), () -> {
            HttpResponse<String> confirmed = http.report("w1", f.cluster.agentToken("w1"), report);
            return confirmed.statusCode() == 200 && confirmed.body().contains("\"changed\":false");
        });
        assertEquals("False", f.cluster.node("w1").getStatus().getConditions().stream()
                .filter(c -> "Ra2Conformant".equals(c.getType())).findFirst().orElseThrow().getStatus(),
                "the condition written once writes work again");
    }

    @Test
    void unavailable503WhenTheTokenCannotBeReviewed() {
        f.cluster.failAll(true);
        HttpResponse<String> r;
        try {
            r = http.report("w1", "never-seen-token", w1Report());
        } finally {
            f.cluster.failAll(false);
        }
        refused(503, "cannot verify the token now", r);
    }

    @Test
    void methodNotAllowed405() {
        HttpResponse<String> r = http.get("/api/v1/reports/w1");
        refused(405, "use PUT to post a report", r);
        assertEquals("PUT", r.headers().firstValue("Allow").orElse(""));
    }
}
