package io.ra2check.agent.daemon;

import io.ra2check.agent.check.CheckOptions;
import io.ra2check.agent.testing.HostTree;
import io.ra2check.report.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentServiceTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scansOnStartAndOnIntervalPostsAndServesHealthAndMetrics() throws Exception {
        HostTree tree = HostTree.compliant(dir.resolve("host"));
        Path token = Files.writeString(dir.resolve("token"), "t");
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        JsonLog log = JsonLog.to(logs);
        AgentMetrics metrics = new AgentMetrics();
        ScheduledExecutorService posting = Executors.newSingleThreadScheduledExecutor();
        try (StubCollector collector = new StubCollector()) {
            ReportPoster poster = new ReportPoster(HttpClient.newHttpClient(), collector.url(), token,
                    new Backoff(Duration.ofMillis(50), Duration.ofMillis(100)), posting, metrics, log,
                    Clock.systemUTC(), () -> 0.5);
            AgentService agent = new AgentService(new AgentService.Options(tree.root().toString(), true,
                    Profile.NETWORK_INTENSIVE, "node-a", Duration.ofMillis(400),
                    new InetSocketAddress("127.0.0.1", 0)),
                    HostTree.scanner(CheckOptions.none()), poster, metrics, log, Clock.systemUTC());
            agent.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (collector.stored().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(collector.stored().size() >= 2, "a report at start and one after the interval");
            assertEquals(200, get(agent.port(), "/healthz").statusCode());
            assertEquals(200, get(agent.port(), "/readyz").statusCode());
            String m = get(agent.port(), "/metrics").body();
            assertTrue(m.contains("ra2check_agent_verdicts{status=\"PASS\"}"), m);
            assertTrue(m.matches("(?s).*ra2check_agent_scans_total [1-9].*"), m);
            assertTrue(get(agent.port(), "/report").body().contains("\"node\" : \"node-a\""));
            assertEquals(404, get(agent.port(), "/healthz/x").statusCode());
            agent.close();
            agent.awaitStop();
        } finally {
            posting.shutdownNow();
        }
        for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
            assertTrue(line.startsWith("{\"ts\":\"") && line.endsWith("}"), "a JSON log line: " + line);
        }
    }

    @Test
    void notReadyBeforeTheFirstScanAndAScanFailureIsCountedNotFatal() throws Exception {
        Path root = Files.createDirectories(dir.resolve("gone"));
        AgentMetrics metrics = new AgentMetrics();
        AgentService agent = new AgentService(new AgentService.Options(root.toString(), true, Profile.BASIC, "n",
                Duration.ofMillis(100), new InetSocketAddress("127.0.0.1", 0)),
                HostTree.scanner(CheckOptions.none()), null, metrics,
                JsonLog.to(new ByteArrayOutputStream()), Clock.systemUTC());
        Files.delete(root);
        agent.start();
        Thread.sleep(400);
        assertEquals(503, get(agent.port(), "/readyz").statusCode());
        assertTrue(metrics.render().matches("(?s).*ra2check_agent_scan_failures_total [1-9].*"));
        agent.close();
    }

    /** The real command in its own JVM: SIGTERM ends it within a second. */
    @Test
    void sigtermStopsTheAgentProcessWithinASecond() throws Exception {
        HostTree tree = HostTree.compliant(dir.resolve("host"));
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.ra2check.agent.cli.Main", "agent", "--root", tree.root().toString(), "--mounted",
                "--listen", "127.0.0.1:" + port, "--interval", "1h", "--node-name", "node-a"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = out.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lines.stream().noneMatch(l -> l.contains("\"msg\":\"scan done\"")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"msg\":\"scan done\"")), "the agent logged a scan: " + lines);
        assertEquals(200, get(port, "/readyz").statusCode());
        long t0 = System.nanoTime();
        // SIGTERM through the process handle: Process.destroy() would also close our end of its output
        p.toHandle().destroy();
        assertTrue(p.waitFor(1, TimeUnit.SECONDS), "exited within a second of SIGTERM");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        reader.join(2000);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"msg\":\"agent stopped\"")), String.valueOf(lines));
        assertTrue(ms < 1000, ms + " ms");
    }
}
