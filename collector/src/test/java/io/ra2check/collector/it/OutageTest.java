package io.ra2check.collector.it;

import io.ra2check.collector.Collector;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.testing.Eventually;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.Outcome;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API server failing and recovering: reports are accepted (202) with nothing written while writes fail, and the
 * collector's own retry lands the newest once the API server is back.
 */
class OutageTest {
    @Test
    void writesFailingThenRecovering() {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            Http http = f.http(f.startLeader(Fixture.config("a")));
            String token = f.cluster.agentToken("w1");
            assertEquals(200, http.report("w1", token, TestReports.report("w1").json()).statusCode());
            byte[] changed = TestReports.report("w1").outcome("ra2.ch.004", Outcome.FAIL).json();
            Map<String, Map<String, String>> before = f.metadata("w1");

            f.cluster.failWrites(true);
            for (int attempt = 0; attempt < 3; attempt++) {
                HttpResponse<String> r = http.report("w1", token, changed);
                assertEquals(202, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"stored\":false"), r.body());
            }
            assertEquals(before, f.metadata("w1"), "nothing stored while writes fail");
            assertTrue(http.get("/api/v1/nodes/w1").body().contains("\"status\":\"PASS\""));

            f.cluster.failWrites(false);
            Eventually.await("the retried write lands", Duration.ofSeconds(15),
                    () -> "FAIL".equals(f.metadata("w1").get("annotations").get(Keys.STATUS)));
            HttpResponse<String> retry = http.report("w1", token, changed);
            assertEquals(200, retry.statusCode(), retry.body());
            assertEquals("FAIL", f.metadata("w1").get("annotations").get(Keys.STATUS));
            assertEquals("ra2.ch.004", f.metadata("w1").get("annotations").get(Keys.FAILED));
        }
    }

    @Test
    void aCollectorStartingWithoutItsViewRefusesReportsUntilItHasIt() throws Exception {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            String token = f.cluster.agentToken("w1");
            f.cluster.failAll(true);
            io.fabric8.kubernetes.client.KubernetesClient client = f.cluster.newClient();
            try (Collector c = Collector.start(Fixture.config("a"), client)) {
                Http http = f.http(c);
                HttpResponse<String> early = http.report("w1", token, TestReports.report("w1").json());
                assertEquals(503, early.statusCode(), early.body());
                assertTrue(early.body().contains("the collector is starting (nodes not listed yet, pods not listed"
                        + " yet, control plane version not read yet)"), early.body());
                assertEquals(503, http.get("/readyz").statusCode());
                f.cluster.failAll(false);
                assertTrue(c.awaitReady(Duration.ofSeconds(30)), () -> "not ready: " + c.notReady());
                HttpResponse<String> ok = http.report("w1", token, TestReports.report("w1").json());
                assertEquals(200, ok.statusCode(), ok.body());
            } finally {
                client.close();
            }
        }
    }

    @Test
    void apiServerStoppedAndRestarted() {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            Collector c = f.startLeader(Fixture.config("a"));
            Http http = f.http(c);
            String token = f.cluster.agentToken("w1");
            assertEquals(200, http.report("w1", token, TestReports.report("w1").json()).statusCode());

            f.cluster.stop();
            byte[] changed = TestReports.report("w1").outcome("ra2.ch.008", Outcome.FAIL).json();
            HttpResponse<String> down = http.report("w1", token, changed);
            assertEquals(202, down.statusCode(), down.body());
            Eventually.await("not ready while the API server is down", Duration.ofSeconds(15),
                    () -> http.get("/readyz").statusCode() == 503);
            assertEquals(200, http.get("/healthz").statusCode(), "alive all along");

            f.cluster.restart();
            Eventually.await("ready again", Duration.ofSeconds(30), () -> http.get("/readyz").statusCode() == 200);
            Eventually.await("the retried write lands", Duration.ofSeconds(40),
                    () -> "ra2.ch.008".equals(f.metadata("w1").get("annotations").get(Keys.FAILED)));
            HttpResponse<String> retry = http.report("w1", token, changed);
            assertEquals(200, retry.statusCode(), retry.body());
            assertEquals("ra2.ch.008", f.metadata("w1").get("annotations").get(Keys.FAILED));
        }
    }
}
