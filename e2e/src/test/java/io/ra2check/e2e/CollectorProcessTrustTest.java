package io.ra2check.e2e;

import io.fabric8.kubernetes.api.model.Node;
import io.ra2check.collector.CollectorConfig;
import io.ra2check.collector.testing.Eventually;
import io.ra2check.collector.testing.FakeCluster;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collector jar in its own JVM, with its default flags but for the ones named, against fabric8's mock API server:
 * a hostile neighbour cannot move another pool, a silent node loses its labels and gets them back, and the read API
 * wants a token.
 */
class CollectorProcessTrustTest {
    private static final Pattern PORT = Pattern.compile("\"msg\":\"collector started\".*\"port\":(\\d+)|"
            + "\"port\":(\\d+).*\"msg\":\"collector started\"");

    @TempDir
    Path dir;
    final FakeCluster cluster = new FakeCluster();
    final List<String> log = new CopyOnWriteArrayList<>();
    Process collector;
    Http http;

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.toHandle().destroy();
        }
        cluster.close();
    }

    private static Path collectorJar() {
        Path jar = Path.of(System.getProperty("ra2check.collectorJar", "../collector/target/ra2check-collector.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: the collector module is packaged before this one");
        return jar;
    }

    private void startCollector(String... flags) throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: admin, user: {token: admin}}]
                contexts: [{name: mock, context: {cluster: mock, user: admin, namespace: ra2check}}]
                current-context: mock
                """.formatted(cluster.port()));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", collectorJar().toString(),
                "--kubeconfig", kubeconfig.toString(), "--listen", "127.0.0.1:0", "--namespace", "ra2check",
                "--lease-duration", "3s", "--renew-deadline", "2s", "--retry-period", "500ms"));
        cmd.addAll(List.of(flags));
        collector = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(collector.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    log.add(l);
                }
            } catch (IOException e) {
                // the collector ended
            }
        }, "collector-log");
        reader.setDaemon(true);
        reader.start();
        Eventually.await("the collector listens: " + log, Duration.ofSeconds(60), () -> port() > 0);
        http = new Http(port());
        Eventually.await("the collector is ready and leads: " + log, Duration.ofSeconds(60),
                () -> http.get("/readyz").statusCode() == 200 && log.stream().anyMatch(l -> l.contains("leading")));
    }

    private int port() {
        for (String l : log) {
            Matcher m = PORT.matcher(l);
            if (m.find()) {
                return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return -1;
    }

    private void node(String name, String pool, String instanceType) {
        cluster.createNode(FakeCluster.goodNode(name).editMetadata().addToLabels(CollectorConfig.DEFAULT_POOL_LABEL,
                pool).addToLabels("node.kubernetes.io/instance-type", instanceType).endMetadata().build());
    }

    private void report(String node, byte[] body) {
        HttpResponse<String> r = http.report(node, cluster.agentToken(node), body);
        assertEquals(200, r.statusCode(), r.body());
    }

    private Map<String, String> labels(String n) {
        Node node = cluster.node(n);
        return node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    }

    private Map<String, String> annotations(String n) {
        Node node = cluster.node(n);
        return node.getMetadata().getAnnotations() == null ? Map.of() : node.getMetadata().getAnnotations();
    }

    private Map<String, Object> metadata(List<String> nodes) {
        Map<String, Object> m = new HashMap<>();
        nodes.forEach(n -> m.put(n, List.of(labels(n), annotations(n))));
        return m;
    }

    @Test
    void aNeighbourClaimingAnotherPoolChangesNothingButItselfAndReadsNeedAToken() throws Exception {
        for (String n : List.of("g1", "g2", "g3")) {
            node(n, "gold", "gold.metal");
        }
        for (String n : List.of("s1", "s2", "mallory")) {
            node(n, "silver", "silver.metal");
        }
        startCollector();
        List<String> all = List.of("g1", "g2", "g3", "s1", "s2", "mallory");
        all.forEach(n -> report(n, TestReports.report(n).json()));
        for (String n : all) {
            Eventually.await(n + " labelled", Duration.ofSeconds(20),
                    () -> "true".equals(labels(n).get("anuket.io/profile/basic"))
                            && annotations(n).getOrDefault("ra2check.io/cluster-results", "").contains("os.004=P"));
        }
        List<String> others = List.of("g1", "g2", "g3", "s1", "s2");
        Map<String, Object> before = metadata(others);

        // the compromised node claims the gold pool's instance type and reports a configuration nobody else has
        cluster.editNode("mallory", n -> {
            n.getMetadata().getLabels().put("node.kubernetes.io/instance-type", "gold.metal");
            return n;
        });
        report("mallory", TestReports.report("mallory").fingerprint("kernel", "6.6.6-evil").json());
        Eventually.await("mallory fails itself", Duration.ofSeconds(20), () -> annotations("mallory")
                .getOrDefault("ra2check.io/cluster-results", "").contains("os.004=F"));
        assertFalse(labels("mallory").containsKey("anuket.io/profile/basic"));
        Thread.sleep(2000);
        assertEquals(before, metadata(others), "no other node's labels or annotations moved");

        // the read API, on by default, wants a token the API server accepts and a grant
        assertEquals(401, http.get("/api/v1/nodes").statusCode());
        assertEquals(403, http.get("/api/v1/nodes", cluster.userToken("system:serviceaccount:ops:nosy")).statusCode());
        cluster.allow("system:serviceaccount:ops:sre", "get", "ra2check.io", "reports", "ra2check");
        HttpResponse<String> read = http.get("/api/v1/nodes/g1", cluster.userToken("system:serviceaccount:ops:sre"));
        assertEquals(200, read.statusCode(), read.body());
    }

    @Test
    void aSilentNodeLosesItsLabelsAndGetsThemBack() throws Exception {
        node("quiet", "a", "x");
        node("chatty", "b", "x");
        // agents every 500 ms, stale after 2 missed: marked after 1 to 2 s of silence
        startCollector("--report-interval", "500ms", "--stale-after-missed", "2");
        report("quiet", TestReports.report("quiet").json());
        report("chatty", TestReports.report("chatty").json());
        assertEquals("true", labels("quiet").get("anuket.io/profile/basic"));
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"true".equals(annotations("quiet").get("ra2check.io/stale")) && System.nanoTime() < end) {
            report("chatty", TestReports.report("chatty").json());
            Thread.sleep(250);
        }
        assertEquals("true", annotations("quiet").get("ra2check.io/stale"), annotations("quiet").toString());
        assertFalse(labels("quiet").containsKey("anuket.io/profile/basic"), "withdrawn");
        assertNull(annotations("chatty").get("ra2check.io/stale"));
        assertEquals("true", labels("chatty").get("anuket.io/profile/basic"));
        report("quiet", TestReports.report("quiet").json());
        assertNull(annotations("quiet").get("ra2check.io/stale"));
        assertEquals("true", labels("quiet").get("anuket.io/profile/basic"), "restored by the next report");
    }
}
