package io.ra2check.e2e;

import io.fabric8.kubernetes.api.model.Node;
import io.ra2check.collector.testing.FakeCluster;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collector jar in its own process against the fake API server, through the faults of issue 12: slow clients,
 * a slow API server (PATCHes slower than the collector's API timeout, which still land), one failing with 500 and
 * then 409, a SIGKILL mid-write and a restart on the same address, and replayed reports. The test posts as agents do
 * (the same report again after 202 or 503, until 200 or 409); after every fault each Node shows exactly its newest
 * report.
 */
class CollectorFaultsTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3", "n4");
    private static final Instant T0 = Instant.now().minusSeconds(7200);
    private static final String RUN = "e2e-agent";

    @TempDir
    Path dir;
    FakeCluster cluster;
    final List<CollectorProcess> collectors = new ArrayList<>();
    final Map<String, Long> newest = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        collectors.forEach(CollectorProcess::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Report {@code seq} of a node: its own kernel (so a distinct digest) and, for odd ones, a failing check. */
    private static byte[] report(String node, long seq) {
        TestReports.Builder b = TestReports.report(node).generatedAt(T0.plusSeconds(seq * 60))
                .origin(new NodeReport.Origin(RUN, seq)).fingerprint("kernel", "6.1.0-" + seq);
        if (seq % 2 == 1) {
            b.outcome("ra2.ch.004", Outcome.FAIL);
        }
        return b.json();
    }

    private static String order(long seq) {
        return T0.plusSeconds(seq * 60) + " " + RUN + " " + seq;
    }

    /** One post; status 0 when the connection failed. */
    private static int post(int port, String node, byte[] body, String token) {
        try {
            return new Http(port).report(node, token, body).statusCode();
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    /** As the agent delivers: the same report until 200 (stored) or 409 (a newer one is there). */
    private int deliver(int[] port, String node, long seq) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            int s = post(port[0], node, report(node, seq), cluster.agentToken(node));
            if (s == 200 || s == 409) {
                return s;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(node + " seq " + seq + " not delivered in 90 s");
    }

    /** The metadata PATCH count once it has not moved for 1.5 s (at most 20 s). */
    private int quietMetadataPatches() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int last = metadataPatches();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1500);
            int now = metadataPatches();
            if (now == last) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the collector kept writing node metadata for 20 s with no report arriving");
    }

    /** PATCHes of the nodes' metadata (their status subresource left out). */
    private int metadataPatches() {
        int sum = 0;
        for (String n : NODES) {
            sum += cluster.requests("PATCH", "/api/v1/nodes/" + n) - cluster.requests("PATCH", "/api/v1/nodes/" + n
                    + "/status");
        }
        return sum;
    }

    private Map<String, String> annotations(String node) {
        Node n = cluster.node(node);
        return n.getMetadata().getAnnotations() == null ? Map.of() : n.getMetadata().getAnnotations();
    }

    /**
     * Every node shows exactly its newest report: its order at once, and the status that report gives once the
     * leader has judged the pool again (a node's first judgement after its pool changed can be UNKNOWN for
     * ra2.os.004 until the other members' reports are counted: that is the leader's to settle, within seconds).
     */
    private void assertNewestEverywhere(String after) throws InterruptedException {
        Map<String, String> wantOrder = new TreeMap<>();
        Map<String, String> gotOrder = new TreeMap<>();
        for (String n : NODES) {
            wantOrder.put(n, order(newest.get(n)));
            gotOrder.put(n, annotations(n).get("ra2check.io/report-order"));
        }
        assertEquals(wantOrder, gotOrder, "after " + after + ": the newest report's order");
        Map<String, String> want = new TreeMap<>();
        Map<String, String> got = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        do {
            want.clear();
            got.clear();
            for (String n : NODES) {
                long seq = newest.get(n);
                want.put(n, order(seq) + " " + (seq % 2 == 1 ? "FAIL" : "PASS"));
                Map<String, String> a = annotations(n);
                got.put(n, a.get("ra2check.io/report-order") + " " + a.get("ra2check.io/status"));
            }
            if (want.equals(got)) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertEquals(want, got, "after " + after);
    }

    /** Sends reports {@code from..to} of every node at once, quickly (no waiting for 200), then delivers the last. */
    private long burst(int[] port, long from, long to, AtomicLong slowestAnswerMs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(NODES.size());
        try {
            List<Future<?>> all = new ArrayList<>();
            for (String n : NODES) {
                all.add(pool.submit(() -> {
                    for (long seq = from; seq <= to; seq++) {
                        long t0 = System.nanoTime();
                        int s = post(port[0], n, report(n, seq), cluster.agentToken(n));
                        slowestAnswerMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                        assertTrue(s == 200 || s == 202 || s == 409 || s == 0, n + " " + seq + ": " + s);
                    }
                    newest.put(n, to);
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return to;
    }

    private static long healthMs(int port) {
        long t0 = System.nanoTime();
        assertEquals(200, new Http(port).get("/healthz").statusCode());
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void afterEveryFaultEachNodeShowsItsNewestReport() throws Exception {
        cluster = new FakeCluster();
        NODES.forEach(cluster::createNode);
        Path kubeconfig = CollectorProcess.kubeconfig(dir, cluster.port());
        int[] port = {CollectorProcess.freePort()};
        int healthPort = CollectorProcess.freePort();
        String[] flags = {"--api-timeout", "2s", "--answer-within", "1s", "--header-timeout", "2s",
                "--body-timeout", "3s"};
        CollectorProcess first = CollectorProcess.start(kubeconfig, "c1", port[0], healthPort, flags);
        collectors.add(first);

        // normal
        for (String n : NODES) {
            assertEquals(200, deliver(port, n, 2));
            newest.put(n, 2L);
        }
        assertNewestEverywhere("normal delivery");

        // slow clients: 20 connections trickling headers; health answers at once on both listeners
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket s = new Socket("127.0.0.1", port[0]);
            s.getOutputStream().write("PUT /api/v1/reports/n1 HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.add(s);
        }
        long worstHealth = 0;
        for (int round = 0; round < 8; round++) {
            for (Socket s : slow) {
                try {
                    s.getOutputStream().write('x');
                } catch (IOException e) {
                    // closed by the header deadline
                }
            }
            worstHealth = Math.max(worstHealth, Math.max(healthMs(port[0]), healthMs(healthPort)));
            Thread.sleep(250);
        }
        for (Socket s : slow) {
            s.close();
        }
        assertTrue(worstHealth < 1000, "slowest /healthz among 20 tricklers: " + worstHealth + " ms");

        // a slow API server: every PATCH takes 3 s (the collector gives up after 2 s; the write lands anyway)
        cluster.slowWrites(Duration.ofSeconds(3));
        AtomicLong slowestAnswer = new AtomicLong();
        long healthDuringSlowApi = 0;
        Future<Long> writing = Executors.newSingleThreadExecutor().submit(() -> burst(port, 3, 6, slowestAnswer));
        while (!writing.isDone()) {
            healthDuringSlowApi = Math.max(healthDuringSlowApi, Math.max(healthMs(port[0]), healthMs(healthPort)));
            Thread.sleep(200);
        }
        writing.get();
        assertTrue(healthDuringSlowApi < 1000, "slowest /healthz while the API server is slow: "
                + healthDuringSlowApi + " ms");
        assertTrue(slowestAnswer.get() < 3000, "slowest intake answer while PATCHes take 3 s: "
                + slowestAnswer.get() + " ms");
        cluster.slowWrites(Duration.ZERO);
        for (String n : NODES) {
            assertEquals(200, deliver(port, n, 6));
        }
        assertNewestEverywhere("a slow API server");

        // failing writes: 500, then 409 Conflict; the reports are accepted and land once the API server recovers
        cluster.failWritesWith(500);
        burst(port, 7, 7, new AtomicLong());
        cluster.failWritesWith(409);
        burst(port, 8, 9, new AtomicLong());
        assertEquals("6", annotations("n1").get("ra2check.io/report-order").split(" ")[2], "nothing lands meanwhile");
        cluster.failWritesWith(0);
        for (String n : NODES) {
            assertEquals(200, deliver(port, n, 9));
        }
        assertNewestEverywhere("a failing API server");

        // SIGKILL while writes are in flight, and a new collector on the same address
        cluster.slowWrites(Duration.ofSeconds(3));
        burst(port, 10, 11, new AtomicLong());
        first.kill();
        cluster.slowWrites(Duration.ZERO);
        CollectorProcess second = CollectorProcess.start(kubeconfig, "c2", port[0], healthPort, flags);
        collectors.add(second);
        for (String n : NODES) {
            assertEquals(200, deliver(port, n, 11));
        }
        assertNewestEverywhere("SIGKILL and restart");

        // replay: every older report is refused by the new collector, which knows the order from the Nodes alone
        // the new leader first settles what it judges again after the restart (pools, the Ra2Conformant condition on
        // nodes/status, which is not counted): the replay starts once its writes have stopped
        int patches = quietMetadataPatches();
        for (String n : NODES) {
            for (long seq : new long[] {2, 7, 10}) {
                assertEquals(409, post(port[0], n, report(n, seq), cluster.agentToken(n)), n + " seq " + seq);
            }
        }
        assertEquals(patches, metadataPatches(), "a refused replay writes nothing");
        assertNewestEverywhere("replay");
        System.out.println("CollectorFaultsTest: slowest /healthz with 20 tricklers " + worstHealth
                + " ms, while PATCHes take 3 s " + healthDuringSlowApi + " ms; slowest intake answer then "
                + slowestAnswer.get() + " ms");
    }
}
