package io.ra2check.e2e;

import io.fabric8.kubernetes.api.model.Node;
import io.ra2check.agent.testing.HostTree;
import io.ra2check.collector.Collector;
import io.ra2check.collector.CollectorConfig;
import io.ra2check.collector.testing.Eventually;
import io.ra2check.collector.testing.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product end to end over loopback: the real agent jar, in its own JVM, checks a fixture host root and posts to a
 * collector whose Kubernetes API is fabric8's mock server (with TokenReviews). The node's labels and annotations
 * appear; then the collector goes away while the host changes, the agent keeps retrying, and once a collector is
 * back on the same address the newer report lands.
 */
class AgentToCollectorTest {
    private static final String NODE = "node-a";

    @TempDir
    Path dir;
    Fixture fixture;
    Process agent;
    // read by the test thread while the agent's output thread appends: streams over it must not see a change mid-way
    final List<String> agentLog = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.toHandle().destroy();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static Path agentJar() {
        Path jar = Path.of(System.getProperty("ra2check.agentJar", "../agent/target/ra2check.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: the agent module is packaged before this one");
        return jar;
    }

    private Map<String, String> annotations() {
        Node n = fixture.cluster.node(NODE);
        return n.getMetadata().getAnnotations() == null ? Map.of() : n.getMetadata().getAnnotations();
    }

    private Map<String, String> labels() {
        Node n = fixture.cluster.node(NODE);
        return n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
    }

    private void startAgent(HostTree host, Path token, int collectorPort) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", agentJar().toString(), "agent",
                "--root", host.root().toString(), "--node-name", NODE, "--interval", "2s",
                "--collector-url", "http://127.0.0.1:" + collectorPort, "--token-file", token.toString(),
                "--listen", "127.0.0.1:0");
        agent = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(agent.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    agentLog.add(l);
                }
            } catch (IOException e) {
                // the agent ended
            }
        }, "agent-log");
        reader.setDaemon(true);
        reader.start();
    }

    @Test
    void reportsBecomeNodeMetadataAndSurviveACollectorOutage() throws Exception {
        fixture = new Fixture();
        fixture.cluster.createNode(NODE);
        Path token = Files.writeString(dir.resolve("token"), fixture.cluster.agentToken(NODE));
        Collector first = fixture.startLeader(Fixture.config("collector-1"));
        int port = first.port();
        HostTree host = HostTree.compliant(dir.resolve("host"));
        startAgent(host, token, port);

        // the compliant host, and a node that passes every cluster check: both profile labels and the annotations
        Eventually.await("labels set: " + agentLog, Duration.ofSeconds(60),
                () -> "true".equals(labels().get("anuket.io/profile/network-intensive")));
        assertEquals("true", labels().get("anuket.io/profile/basic"));
        Map<String, String> a = annotations();
        assertTrue(a.containsKey("ra2check.io/status") && a.containsKey("ra2check.io/digest"), a.toString());
        assertEquals("", a.getOrDefault("ra2check.io/failed", ""), a.toString());
        String firstDigest = a.get("ra2check.io/digest");

        // the collector goes away; the host loses a socket; the agent's posts fail and it keeps retrying
        fixture.stop(first);
        host.cpus(1, 20, 2, false).delete("/sys/firmware/dmi/tables");
        long failuresBefore = agentLog.stream().filter(l -> l.contains("report not delivered, retrying")).count();
        Eventually.await("the agent retries: " + agentLog, Duration.ofSeconds(60),
                () -> agentLog.stream().filter(l -> l.contains("report not delivered, retrying")).count()
                        >= failuresBefore + 2);
        assertEquals(firstDigest, annotations().get("ra2check.io/digest"), "nothing lands while no collector runs");

        // a collector is back on the same address: the newer report lands and the labels follow it
        CollectorConfig sameAddress = withListen(Fixture.config("collector-2"), port);
        fixture.startLeader(sameAddress);
        Eventually.await("newer report lands: " + annotations(), Duration.ofSeconds(60),
                () -> annotations().getOrDefault("ra2check.io/failed", "").contains("ra2.ch.008"));
        assertFalse(labels().containsKey("anuket.io/profile/basic"), "the basic profile is no longer met");
        assertFalse(labels().containsKey("anuket.io/profile/network-intensive"));
        // the agent logs the collector's answer after the collector has written the node, so wait for it too
        Eventually.await("the agent logs the stored report: " + agentLog, Duration.ofSeconds(30),
                () -> agentLog.stream().anyMatch(l -> l.contains("\"msg\":\"report stored\"")));
    }

    private static CollectorConfig withListen(CollectorConfig c, int port) {
        return c.withListen(new InetSocketAddress("127.0.0.1", port));
    }
}
