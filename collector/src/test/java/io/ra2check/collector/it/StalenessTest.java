package io.ra2check.collector.it;

import io.ra2check.collector.CollectorConfig;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.testing.Eventually;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.SettableClock;
import io.ra2check.collector.testing.TestReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node whose agent stops reporting loses its profile labels after the configured missed intervals and gets them
 * back with its next report; steady unchanged reports cost a write only once per staleness threshold.
 */
class StalenessTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void stop() {
        f.close();
    }

    private void report(Http http, String node) {
        HttpResponse<String> r = http.report(node, f.cluster.agentToken(node), TestReports.report(node).json());
        assertEquals(200, r.statusCode(), r.body());
    }

    private Map<String, String> labels(String n) {
        return f.metadata(n).get("labels");
    }

    private Map<String, String> annotations(String n) {
        return f.metadata(n).get("annotations");
    }

    @Test
    void aSilentNodeLosesItsLabelsAndGetsThemBackWhenItReports() {
        f.cluster.createNodeInPool("quiet", "a");
        f.cluster.createNodeInPool("busy", "b");
        // agents every 300 ms, stale after 2 missed: marked between 0.6 and 1.2 s of silence
        CollectorConfig config = Fixture.config("s").withTrust(CollectorConfig.Trust.defaults()
                .withStaleness(Duration.ofMillis(300), 2));
        Http http = f.http(f.startLeader(config));
        report(http, "quiet");
        report(http, "busy");
        assertEquals("true", labels("quiet").get("anuket.io/profile/basic"));
        assertNotNull(annotations("quiet").get(Keys.LAST_SEEN));

        // "busy" keeps reporting, "quiet" stops
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"true".equals(annotations("quiet").get(Keys.STALE)) && System.nanoTime() < end) {
            report(http, "busy");
            sleep(150);
        }
        assertEquals("true", annotations("quiet").get(Keys.STALE), "quiet is stale: " + annotations("quiet"));
        assertFalse(labels("quiet").containsKey("anuket.io/profile/basic"), "its labels are withdrawn");
        assertFalse(labels("quiet").containsKey("anuket.io/profile/network-intensive"));
        assertEquals("PASS", annotations("quiet").get(Keys.STATUS), "its last verdicts stay");
        assertNull(annotations("busy").get(Keys.STALE), "a node that reports is never stale");
        assertEquals("true", labels("busy").get("anuket.io/profile/basic"));
        assertTrue(http.get("/api/v1/nodes/quiet").body().contains("\"stale\":true"));

        // quiet's agent is back: labels restored at once
        report(http, "quiet");
        assertNull(annotations("quiet").get(Keys.STALE));
        assertEquals("true", labels("quiet").get("anuket.io/profile/basic"));
        assertEquals("true", labels("quiet").get("anuket.io/profile/network-intensive"));
        Eventually.await("still labelled after the leader looked again", Duration.ofSeconds(2),
                () -> "true".equals(labels("quiet").get("anuket.io/profile/basic")));
    }

    @Test
    void steadyReportsAtTheDefaultIntervalCostAboutTwoWritesPerHour() {
        f.cluster.createNodeInPool("steady", "a");
        SettableClock clock = new SettableClock(Instant.parse("2026-12-07T00:00:00Z"));
        // the defaults: agents every 10 minutes, stale after 3 missed (tokens cached for the whole simulated day, so
        // that the run is not a TokenReview per report)
        Http http = f.http(f.startLeader(Fixture.config("w").withTokenCacheTtl(Duration.ofDays(1)), clock));
        report(http, "steady");
        int before = f.cluster.nodePatches();
        int hours = 6;
        // the agent's interval is a fixed delay after a scan that takes a few seconds
        Duration period = Duration.ofMinutes(10).plusSeconds(5);
        int reports = 0;
        for (Duration t = Duration.ZERO; t.compareTo(Duration.ofHours(hours)) < 0; t = t.plus(period)) {
            clock.advance(period);
            report(http, "steady");
            reports++;
        }
        int writes = f.cluster.nodePatches() - before;
        double simulatedHours = period.multipliedBy(reports).toMillis() / 3_600_000.0;
        double perHour = writes / simulatedHours;
        System.out.printf("staleness bookkeeping: %d unchanged reports every %s over %.2f simulated hours, %d node "
                + "writes, %.2f writes per hour per node%n", reports, period, simulatedHours, writes, perHour);
        assertTrue(perHour <= 2.0, perHour + " writes per hour");
        assertTrue(writes > 0, "last-seen is refreshed");
        assertNull(annotations("steady").get(Keys.STALE));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
