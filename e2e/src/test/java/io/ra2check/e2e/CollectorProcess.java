package io.ra2check.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector jar in its own JVM, against a kubeconfig pointing at the fake API server. */
final class CollectorProcess implements AutoCloseable {
    final int port;
    final int healthPort;
    final Process process;
    final List<String> log = new CopyOnWriteArrayList<>();

    private CollectorProcess(int port, int healthPort, Process process) {
        this.port = port;
        this.healthPort = healthPort;
        this.process = process;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("ra2check.collectorJar", "../collector/target/ra2check-collector.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: the collector module is packaged before this one");
        return jar;
    }

    static Path kubeconfig(Path dir, int apiPort) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: fake
                  cluster: {server: "http://127.0.0.1:%d"}
                users:
                - name: test
                  user: {token: test-admin}
                contexts:
                - name: fake
                  context: {cluster: fake, user: test, namespace: ra2check}
                current-context: fake
                """.formatted(apiPort));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a collector on the given ports and waits until it is ready. */
    static CollectorProcess start(Path kubeconfig, String identity, int port, int healthPort, String... extra)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar().toString(),
                "--kubeconfig", kubeconfig.toString(), "--namespace", "ra2check", "--identity", identity,
                "--listen", "127.0.0.1:" + port, "--health-listen", "127.0.0.1:" + healthPort,
                "--lease-duration", "4s", "--renew-deadline", "3s", "--retry-period", "1s"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CollectorProcess c = new CollectorProcess(port, healthPort, p);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    c.log.add(l);
                }
            } catch (IOException e) {
                // ended
            }
        }, "collector-log-" + identity);
        reader.setDaemon(true);
        reader.start();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (System.nanoTime() < end) {
            assertTrue(p.isAlive(), () -> "the collector exited: " + c.log);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort
                        + "/readyz")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return c;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        c.close();
        throw new AssertionError("the collector did not become ready: " + c.log);
    }

    /** SIGKILL: no shutdown hook, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(10),
                    java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
