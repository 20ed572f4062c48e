package io.ra2check.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped jars' logging: one JSON shape from one stack (logback), and nothing in the way of a command's output. */
class LoggingTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(Path jar, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("ra2check-out", ".txt");
        Path err = Files.createTempFile("ra2check-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Path jar(String property, String dflt) {
        Path jar = Path.of(System.getProperty(property, dflt));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: it is packaged before this module");
        return jar;
    }

    @Test
    void factsOnTheLiveHostIsJsonOnStandardOutputWithNoLoggingNoise() throws Exception {
        Run r = run(jar("ra2check.agentJar", "../agent/target/ra2check.jar"), "facts");
        assertEquals(0, r.exit(), r.err());
        JsonNode facts = new ObjectMapper().readTree(r.out());
        assertTrue(facts.has("oshi"), "the live host's facts include OSHI's view");
        assertFalse(r.err().contains("SLF4J"), "no SLF4J provider warning: " + r.err());
        for (String line : r.err().lines().toList()) {
            JsonNode l = new ObjectMapper().readTree(line);
            assertTrue(l.has("ts") && l.has("level") && l.has("logger") && l.has("msg"), line);
        }
    }

    @Test
    void theCollectorLogsTheSameShapeForItselfAndItsLibraries() throws Exception {
        Path jar = jar("ra2check.collectorJar", "../collector/target/ra2check-collector.jar");
        // an API server that is not there: the collector starts, logs, and its client (fabric8) complains
        Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
                + "    server: http://127.0.0.1:1\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\n"
                + "current-context: c\nusers:\n- name: u\n  user: {token: t}\n");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--kubeconfig", kubeconfig.toString(), "--listen", "127.0.0.1:0", "--log-level",
                "debug", "--api-timeout", "1s");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.stream().noneMatch(l -> !l.contains("\"logger\":\"io.ra2check")) && lines.size() < 50
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(kubeconfig);
        }
        assertFalse(lines.isEmpty(), "the collector logged nothing");
        boolean own = false;
        for (String line : lines) {
            assertFalse(line.contains("SLF4J"), line);
            JsonNode l = new ObjectMapper().readTree(line);
            assertEquals(List.of("ts", "msg", "logger", "level"), first4(l), line);
            own |= l.get("logger").asText().startsWith("io.ra2check.collector");
        }
        assertTrue(own, "its own loggers, at debug: " + lines);
    }

    private static List<String> first4(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(f -> {
            if (out.size() < 4) {
                out.add(f);
            }
        });
        return out;
    }
}
