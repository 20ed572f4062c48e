package io.ra2check.collector.it;

import io.ra2check.collector.Collector;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Outcome;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay and time: a node's reports are ordered by agent run and sequence (else generatedAt); an older one is refused
 * with 409 and writes nothing, also after a collector restart (the order is on the Node); a report dated beyond the
 * clock skew is refused; only application/json is read.
 */
class IntakeOrderTest {
    private static final Instant T0 = Instant.now().minusSeconds(3600);

    private static byte[] report(String run, long seq, Instant at, boolean fail) {
        TestReports.Builder b = TestReports.report("w1").generatedAt(at).origin(new NodeReport.Origin(run, seq));
        if (fail) {
            b.outcome("ra2.ch.004", Outcome.FAIL);
        }
        return b.json();
    }

    @Test
    void anOlderReportIsRefusedBeforeAndAfterARestart() {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            String token = f.cluster.agentToken("w1");
            Collector first = f.startLeader(Fixture.config("a"));
            Http http = f.http(first);
            byte[] oldPass = report("run-a", 1, T0, false);
            byte[] newFail = report("run-a", 2, T0.plusSeconds(600), true);
            assertEquals(200, http.report("w1", token, oldPass).statusCode());
            assertEquals(200, http.report("w1", token, newFail).statusCode());
            assertEquals("FAIL", f.metadata("w1").get("annotations").get(Keys.STATUS));
            assertEquals(T0.plusSeconds(600) + " run-a 2", f.metadata("w1").get("annotations").get(Keys.REPORT_ORDER));

            // the replayed PASS report: 409, nothing written
            f.assertNothingWritten("w1", () -> {
                HttpResponse<String> r = http.report("w1", token, oldPass);
                assertEquals(409, r.statusCode(), r.body());
                assertTrue(r.body().contains("is not newer than the newest one accepted for node w1"), r.body());
            });
            // the same run with a lower sequence loses even with a later clock (the agent's clock stepped)
            f.assertNothingWritten("w1", () -> assertEquals(409,
                    http.report("w1", token, report("run-a", 1, T0.plusSeconds(900), false)).statusCode()));
            // the same report sent again is fine and changes nothing
            f.assertNothingWritten("w1", () -> assertEquals(200, http.report("w1", token, newFail).statusCode()));
            // the same key with other content is not
            f.assertNothingWritten("w1", () -> assertEquals(409,
                    http.report("w1", token, report("run-a", 2, T0.plusSeconds(600), false)).statusCode()));

            // a new collector knows the order from the Node alone
            f.stop(first);
            Http second = f.http(f.startLeader(Fixture.config("b")));
            f.assertNothingWritten("w1", () -> assertEquals(409, second.report("w1", token, oldPass).statusCode()));
            // an agent restarted (new run) with a later clock is newer
            HttpResponse<String> restarted = second.report("w1", token, report("run-b", 1, T0.plusSeconds(1200),
                    false));
            assertEquals(200, restarted.statusCode(), restarted.body());
            assertEquals("PASS", f.metadata("w1").get("annotations").get(Keys.STATUS));
            // ... and one with an earlier clock is not
            f.assertNothingWritten("w1", () -> assertEquals(409,
                    second.report("w1", token, report("run-c", 1, T0.plusSeconds(1000), true)).statusCode()));
        }
    }

    @Test
    void unchangedReportsStillWriteNothing() {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            String token = f.cluster.agentToken("w1");
            Http http = f.http(f.startLeader(Fixture.config("a")));
            assertEquals(200, http.report("w1", token, report("run-a", 1, T0, false)).statusCode());
            String order = f.metadata("w1").get("annotations").get(Keys.REPORT_ORDER);
            for (int seq = 2; seq <= 5; seq++) {
                long s = seq;
                f.assertNothingWritten("w1", () -> assertEquals(200,
                        http.report("w1", token, report("run-a", s, T0.plusSeconds(60 * s), false)).statusCode()));
            }
            // the order on the Node stays that of the first report with these results
            assertEquals(order, f.metadata("w1").get("annotations").get(Keys.REPORT_ORDER));
            // a report between the recorded one and the newest, replayed: refused here (this replica knows better)
            f.assertNothingWritten("w1", () -> assertEquals(409,
                    http.report("w1", token, report("run-a", 3, T0.plusSeconds(180), false)).statusCode()));
        }
    }

    @Test
    void aReportFromTheFutureIsRefused() {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            String token = f.cluster.agentToken("w1");
            Http http = f.http(f.startLeader(Fixture.config("a")));
            f.assertNothingWritten("w1", () -> {
                HttpResponse<String> r = http.report("w1", token,
                        report("run-a", 1, Instant.parse("2099-01-01T00:00:00Z"), false));
                assertEquals(400, r.statusCode(), r.body());
                assertTrue(r.body().contains("generatedAt: 2099-01-01T00:00:00Z is later than the collector's clock "
                        + "allows (now plus 300 s)"), r.body());
            });
            // within the skew is fine
            assertEquals(200, http.report("w1", token, report("run-a", 1, Instant.now().plusSeconds(120), false))
                    .statusCode());
        }
    }

    @Test
    void onlyJsonIsRead() {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            String token = f.cluster.agentToken("w1");
            Http http = f.http(f.startLeader(Fixture.config("a")));
            byte[] body = report("run-a", 1, T0, false);
            int reviews = f.cluster.tokenReviews();
            for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded",
                    "application/json; charset=iso-8859-1", "application/jsonp"}) {
                f.assertNothingWritten("w1", () -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + http.port() + "/api/v1/reports/w1")).header("Authorization", "Bearer " + token)
                            .header("Content-Type", type).timeout(Duration.ofSeconds(10))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
                    assertEquals(415, r.statusCode(), type + ": " + r.body());
                    assertTrue(r.body().contains("Content-Type: expected application/json"), r.body());
                });
            }
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + http.port() + "/api/v1/reports/w1")).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            assertEquals(415, none.statusCode(), none.body());
            assertEquals(reviews, f.cluster.tokenReviews(), "refused before the token is looked at");
            HttpResponse<String> utf8 = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + http.port() + "/api/v1/reports/w1")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "Application/JSON; charset=UTF-8").timeout(Duration.ofSeconds(10))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            assertEquals(200, utf8.statusCode(), utf8.body());
        }
    }

    @Test
    void garbageTokensCostFewTokenReviews() {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            Http http = f.http(f.startLeader(Fixture.config("a")));
            byte[] body = report("run-a", 1, T0, false);
            int reviews = f.cluster.tokenReviews();
            Map<Integer, Integer> codes = new java.util.TreeMap<>();
            // one garbage token many times: one review, then the cached refusal (until the address is limited)
            for (int i = 0; i < 3000; i++) {
                String token = i % 2 == 0 ? "garbage-same" : "garbage-" + i;
                codes.merge(http.report("w1", token, body).statusCode(), 1, Integer::sum);
            }
            int spent = f.cluster.tokenReviews() - reviews;
            // 30 failures a minute per address: the reviews stop with the 31st failure
            assertTrue(spent <= 31, "TokenReviews for 3,000 garbage tokens: " + spent + " " + codes);
            assertTrue(codes.getOrDefault(429, 0) >= 2900, codes.toString());
            HttpResponse<String> limited = http.report("w1", "garbage-x", body);
            assertEquals(429, limited.statusCode());
            assertTrue(Integer.parseInt(limited.headers().firstValue("Retry-After").orElse("0")) >= 1);
            assertEquals(Map.of("labels", Map.of(), "annotations", Map.of()), f.metadata("w1").entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Map.copyOf(
                            e.getValue().entrySet().stream().filter(x -> x.getKey().startsWith("ra2check.io/")
                                    || x.getKey().startsWith("anuket.io/")).collect(java.util.stream.Collectors
                                    .toMap(Map.Entry::getKey, Map.Entry::getValue))))), "nothing written");
        }
    }
}
