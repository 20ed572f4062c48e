package io.ra2check.agent.daemon;

import io.ra2check.agent.testing.HostTree;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportPosterTest {
    @TempDir
    Path dir;
    StubCollector collector;
    ScheduledExecutorService executor;
    AgentMetrics metrics = new AgentMetrics();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    Path token;
    NodeReport report;

    @BeforeEach
    void setUp() throws Exception {
        collector = new StubCollector();
        executor = Executors.newSingleThreadScheduledExecutor();
        token = Files.writeString(dir.resolve("token"), "token-1\n");
        report = HostTree.compliant(dir.resolve("host")).report(Profile.BASIC);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        collector.close();
    }

    private ReportPoster poster(URI url) {
        return new ReportPoster(HttpClient.newHttpClient(), url, token,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), executor, metrics,
                JsonLog.to(logs), Clock.systemUTC(), () -> 0.5);
    }

    private static NodeReport at(NodeReport r, String instant) {
        return new NodeReport(r.tool(), r.node(), Instant.parse(instant), r.durationMs(), r.root(), r.profile(),
                r.inventory(), r.fingerprint(), r.verdicts());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void putsTheReportWithTheTokenUnderTheNodesPath() throws Exception {
        ReportPoster p = poster(collector.url());
        p.submit(report);
        await(() -> !collector.stored().isEmpty());
        StubCollector.Request r = collector.stored().get(0);
        assertEquals("/api/v1/reports/node-a", r.path());
        assertEquals("Bearer token-1", r.authorization());
        assertTrue(r.body().contains("\"apiVersion\" : \"ra2check.io/v1\""));
        await(() -> !p.hasPending());
        assertTrue(metrics.render().contains("ra2check_agent_posts_total{outcome=\"stored\"} 1"));
    }

    @Test
    void retriesWithBackoffAndReadsTheRotatedTokenEachTime() throws Exception {
        collector.answer(503, 401);
        ReportPoster p = poster(collector.url());
        p.submit(report);
        await(() -> collector.requests.size() >= 1);
        Files.writeString(token, "token-2\n");
        await(() -> !collector.stored().isEmpty());
        assertEquals(3, collector.requests.size());
        assertEquals("Bearer token-2", collector.stored().get(0).authorization());
        assertTrue(metrics.render().contains("ra2check_agent_posts_total{outcome=\"retry\"} 2"));
        assertTrue(logs.toString().contains("\"msg\":\"report not delivered, retrying\""));
    }

    @Test
    void theNewestReportWinsWhileTheCollectorIsDown() throws Exception {
        collector.otherwise(503);
        ReportPoster p = poster(collector.url());
        NodeReport older = at(report, "2026-11-21T10:00:00Z");
        NodeReport newer = at(report, "2026-11-21T10:10:00Z");
        p.submit(older);
        await(() -> collector.requests.size() >= 2);
        p.submit(newer);
        collector.otherwise(200);
        await(() -> !collector.stored().isEmpty());
        await(() -> !p.hasPending());
        Thread.sleep(300);
        assertEquals(1, collector.stored().size(), "only one report lands");
        assertTrue(collector.stored().get(0).body().contains("2026-11-21T10:10:00Z"), "and it is the newer one");
    }

    @Test
    void aReportTheCollectorRejectsIsNotSentAgain() throws Exception {
        collector.answer(400);
        ReportPoster p = poster(collector.url());
        p.submit(report);
        await(() -> !p.hasPending());
        Thread.sleep(300);
        assertEquals(1, collector.requests.size());
        assertTrue(metrics.render().contains("ra2check_agent_posts_total{outcome=\"rejected\"} 1"));
    }

    @Test
    void accepted202IsSentAgainAfterRetryAfterUntilStored() throws Exception {
        collector.retryAfter("1").answer(202, 202);
        ReportPoster p = poster(collector.url());
        long t0 = System.nanoTime();
        p.submit(report);
        await(() -> !collector.stored().isEmpty());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(3, collector.requests.size());
        assertTrue(ms >= 1900, "Retry-After honoured twice: " + ms + " ms");
        // the very same report each time: the collector answers a report it already holds without a second write
        assertEquals(collector.requests.get(0).body(), collector.stored().get(0).body());
        await(() -> !p.hasPending());
        assertTrue(metrics.render().contains("ra2check_agent_posts_total{outcome=\"accepted\"} 2"));
        assertTrue(metrics.render().contains("ra2check_agent_posts_total{outcome=\"stored\"} 1"));
    }

    @Test
    void conflict409DropsTheReport() throws Exception {
        collector.answer(409);
        ReportPoster p = poster(collector.url());
        p.submit(report);
        await(() -> !p.hasPending());
        Thread.sleep(300);
        assertEquals(1, collector.requests.size(), "not sent again");
        assertTrue(metrics.render().contains("ra2check_agent_posts_total{outcome=\"superseded\"} 1"));
        assertTrue(logs.toString().contains("collector holds a newer report"));
    }

    @Test
    void unavailable503WaitsAtLeastRetryAfter() throws Exception {
        collector.retryAfter("1").answer(503);
        ReportPoster p = poster(collector.url());
        long t0 = System.nanoTime();
        p.submit(report);
        await(() -> !collector.stored().isEmpty());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // the backoff alone would retry after 25 ms
        assertTrue(ms >= 950, "waited " + ms + " ms");
    }

    @Test
    void retryAfterIsReadAsBoundedSeconds() {
        assertEquals(Duration.ofSeconds(5), ReportPoster.retryAfter(" 5 "));
        assertEquals(Duration.ofMinutes(5), ReportPoster.retryAfter("999999"), "capped");
        assertEquals(null, ReportPoster.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(null, ReportPoster.retryAfter("-1"));
        assertEquals(null, ReportPoster.retryAfter(null));
    }

    @Test
    void anUnreachableCollectorIsRetried() throws Exception {
        URI dead = collector.url();
        collector.close();
        ReportPoster p = poster(dead);
        p.submit(report);
        await(() -> metrics.render().contains("ra2check_agent_posts_total{outcome=\"retry\"} 2"));
        assertTrue(p.hasPending());
        assertFalse(logs.toString().contains("\"msg\":\"report stored\""));
    }

    @Test
    void backoffGrowsToItsCapWithJitter() {
        Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));
        assertEquals(Duration.ofSeconds(1), b.delay(0, () -> 0.5));
        assertEquals(Duration.ofSeconds(4), b.delay(2, () -> 0.5));
        assertEquals(Duration.ofSeconds(150), b.delay(40, () -> 0.5), "capped at 5 minutes");
        assertEquals(Duration.ofMillis(200), b.delay(5, () -> 0.0), "never zero");
        assertEquals(Duration.ofSeconds(16), b.delay(5, () -> 0.25));
    }
}
