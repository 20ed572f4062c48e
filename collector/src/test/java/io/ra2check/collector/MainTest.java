package io.ra2check.collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--listen|nowhere|--listen: expected [HOST]:PORT, got 'nowhere'",
        "--listen|:99999|--listen: port out of range: 99999",
        "--agent-service-account|agent|--agent-service-account: expected NAMESPACE/NAME, got 'agent'",
        "--max-body-bytes|12|--max-body-bytes: expected 1024 to 67108864, got 12",
        "--token-cache-ttl|forever|--token-cache-ttl: expected a duration like 500ms, 30s, 10m or 1h; got 'forever'",
        "--pool-label|not a label|--pool-label: not a label key: 'not a label'",
        "--pool-label|node.kubernetes.io/instance-type|--pool-label: a node's own kubelet can set "
            + "'node.kubernetes.io/instance-type', so one node could move itself into another pool",
        "--pool-label|example.com/pool|--pool-label: a node's own kubelet can set 'example.com/pool'",
        "--pool-quorum|1|--pool-quorum: expected 2 to 1000, got 1",
        "--renew-deadline|30s|lease timing: expected --retry-period < --renew-deadline < --lease-duration",
        "--tls-cert-file|/etc/hostname|--tls-cert-file and --tls-key-file go together",
        "--kubeconfig|/nonexistent/kubeconfig|cannot load the Kubernetes client configuration",
        "--log-level|loud|--log-level: expected one of trace, debug, info, warn, error, off; got 'loud'",
        "--no-such-flag|x|Unknown options: '--no-such-flag', 'x'",
        "--workload-namespaces|shop,Payments|--workload-namespaces: not a namespace name (a DNS-1123 label): 'Payments'",
        "--workload-namespaces|shop,,web|--workload-namespaces: not a namespace name (a DNS-1123 label): ''",
        "--workload-namespaces|a.b|--workload-namespaces: not a namespace name (a DNS-1123 label): 'a.b'",
    })
    void badFlagsGiveOneLineAndExitCodeTwo(String flag, String value, String message) {
        Run r = run(flag, value);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("ra2check-collector: " + message), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void withoutCredentialsItStopsAtOnceWithExitTwo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home)
            throws Exception {
        java.nio.file.Path token = home.resolve("token");
        java.util.Map<String, String> none = java.util.Map.of();
        assertTrue(CollectorCommand.credentialsSource(none, home, token).isEmpty());
        // a pod: the API server's address and a token
        java.nio.file.Files.writeString(token, "t");
        assertEquals("in-cluster service account", CollectorCommand.credentialsSource(
                java.util.Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), home, token).orElseThrow());
        assertTrue(CollectorCommand.credentialsSource(none, home, token).isEmpty(), "a token outside a pod is not one");
        // $KUBECONFIG names files; one readable is enough, none is no credentials (fabric8 would not look further)
        java.nio.file.Path kc = home.resolve("kc");
        java.nio.file.Files.writeString(kc, "apiVersion: v1\nkind: Config\n");
        assertTrue(CollectorCommand.credentialsSource(java.util.Map.of("KUBECONFIG", "/nope:" + kc), home, token)
                .isPresent());
        assertTrue(CollectorCommand.credentialsSource(java.util.Map.of("KUBECONFIG", "/nope"), home, token).isEmpty());
        java.nio.file.Files.createDirectories(home.resolve(".kube"));
        java.nio.file.Files.writeString(home.resolve(".kube/config"), "apiVersion: v1\n");
        assertTrue(CollectorCommand.credentialsSource(none, home, token).orElseThrow().endsWith(".kube/config"));

        boolean thisMachineHasNone = CollectorCommand.credentialsSource(System.getenv(),
                java.nio.file.Path.of(System.getProperty("user.home")), CollectorCommand.SERVICE_ACCOUNT_TOKEN).isEmpty();
        org.junit.jupiter.api.Assumptions.assumeTrue(thisMachineHasNone, "this machine has Kubernetes credentials");
        long t0 = System.nanoTime();
        Run r = run();
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("ra2check-collector: no Kubernetes credentials: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        // "at once": it used to retry an anonymous API server for ever; a minute covers a cold JVM on a loaded machine
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "it stops at once");
    }

    private static CollectorConfig config(String... args) {
        CollectorCommand cmd = new CollectorCommand();
        picocli.CommandLine cl = new picocli.CommandLine(cmd);
        cl.parseArgs(args);
        return cmd.config(cl, "ra2check");
    }

    @Test
    void workloadNamespacesAreNoneByDefaultAndAListOtherwise() {
        assertEquals(java.util.List.of(), config().workloadNamespaces());
        // the chart passes the flag always, empty when collector.workloadNamespaces is
        assertEquals(java.util.List.of(), config("--workload-namespaces=").workloadNamespaces());
        assertEquals(java.util.List.of("shop", "tools"), config("--workload-namespaces", " shop, tools,shop")
                .workloadNamespaces());
        String many = String.join(",", java.util.stream.IntStream.range(0, 51).mapToObj(i -> "ns" + i).toList());
        Run r = run("--workload-namespaces", many);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("ra2check-collector: --workload-namespaces: at most 50 namespaces, got 51"),
                r.err());
        Run control = run("--workload-namespaces", "a\nb");
        assertEquals(2, control.code());
        assertEquals(1, control.err().lines().count(), control.err());
    }

    @Test
    void cleanupWithoutCredentialsStopsWithOneLine() {
        boolean thisMachineHasNone = CollectorCommand.credentialsSource(System.getenv(),
                java.nio.file.Path.of(System.getProperty("user.home")), CollectorCommand.SERVICE_ACCOUNT_TOKEN).isEmpty();
        org.junit.jupiter.api.Assumptions.assumeTrue(thisMachineHasNone, "this machine has Kubernetes credentials");
        Run r = run("cleanup");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("ra2check-collector cleanup: no Kubernetes credentials: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void cleanupHasFlagsOfItsOwn() {
        Run help = run("cleanup", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--remove-node-keys"), help.out());
        Run bad = run("cleanup", "--listen", ":8080");
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("ra2check-collector cleanup: Unknown option"), bad.err());
    }

    @Test
    void onlyPoolLabelsNodeRestrictionProtectsAreAccepted() {
        assertTrue(CollectorCommand.kubeletCannotSet("node-restriction.kubernetes.io/ra2check-pool"));
        assertTrue(CollectorCommand.kubeletCannotSet("example.node-restriction.kubernetes.io/pool"));
        assertFalse(CollectorCommand.kubeletCannotSet("node.kubernetes.io/instance-type"));
        assertFalse(CollectorCommand.kubeletCannotSet("evil-node-restriction.kubernetes.io/pool"));
        assertFalse(CollectorCommand.kubeletCannotSet("pool"));
    }

    @Test
    void helpListsTheFlags() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String flag : new String[] {"--kubeconfig", "--listen", "--agent-service-account", "--audience",
                "--max-body-bytes", "--namespace", "--pool-label", "--pool-quorum", "--[no-]manage-labels", "--tls-cert-file"}) {
            assertTrue(r.out().contains(flag), flag);
        }
    }
}
