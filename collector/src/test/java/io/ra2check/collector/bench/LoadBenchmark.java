package io.ra2check.collector.bench;

import io.fabric8.kubernetes.api.model.ContainerImageBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.ra2check.collector.testing.FakeCluster;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 5,000-node load benchmark (docs/collector-benchmark.md). Runs ra2check-collector.jar as its own JVM against
 * the mock API server (in this JVM) holding N realistic Node objects and their pods, and replays every node's report
 * over loopback HTTP:
 * <ol>
 *   <li>first reports: every node reports once (each is a change, so each costs a PATCH);</li>
 *   <li>unchanged replay, closed loop: the same reports again, as fast as C concurrent agents can send them
 *       (sustained reports/s);</li>
 *   <li>unchanged replay, open loop at a fixed rate (default 1,000/s): latency at the target load.</li>
 * </ol>
 * API writes are counted as PATCH requests at the mock server; peak RSS is VmHWM of the collector process.
 * Not part of the default test run: {@code mvn -pl collector -am verify -DskipFuzz -Pbench}.
 */
class LoadBenchmark {
    private final int nodes = Integer.getInteger("bench.nodes", 5000);
    private final int podsPerNode = Integer.getInteger("bench.podsPerNode", 2);
    private final int concurrency = Integer.getInteger("bench.concurrency", 16);
    private final int rounds = Integer.getInteger("bench.rounds", 4);
    private final int rate = Integer.getInteger("bench.rate", 1000);
    private final int rateSeconds = Integer.getInteger("bench.rateSeconds", 20);
    private final String jvmFlags = System.getProperty("bench.jvmFlags",
            "-XX:+UseSerialGC -Xms32m -Xmx128m -XX:MaxMetaspaceSize=80m -XX:ReservedCodeCacheSize=40m -Xss512k "
                    + "-XX:+ExitOnOutOfMemoryError");
    private final Path out = Path.of(System.getProperty("bench.out", "target/bench"));
    private final Path jar = Path.of(System.getProperty("bench.jar", "target/ra2check-collector.jar"));

    private static final String[] POOLS = {"m5.metal", "m6i.metal", "c6i.metal", "r6i.metal", "hpe-dl380-g10",
        "dell-r750", "dell-r650", "sm-sys-220u", "lenovo-sr650", "lenovo-sr630"};

    /** One measured phase. */
    record Phase(String name, int requests, double seconds, double perSecond, double p50Ms, double p99Ms,
                 double maxMs, int non200, int patches, int changed, String load, int tokenReviews) {
    }

    /** The machine's 1-minute load average: other work on the machine shares the CPUs with the measurement. */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    @Test
    void fiveThousandNodes() throws Exception {
        Files.createDirectories(out);
        assertTrue(Files.isRegularFile(jar), "build the jar first (mvn ... package): " + jar);
        try (FakeCluster cluster = new FakeCluster()) {
            long t0 = System.nanoTime();
            populate(cluster);
            log("created %d nodes and %d pods in %.1f s", nodes, nodes * podsPerNode, (System.nanoTime() - t0) / 1e9);
            byte[][] bodies = new byte[nodes][];
            String[] tokens = new String[nodes];
            long bytes = 0;
            for (int i = 0; i < nodes; i++) {
                bodies[i] = report(i);
                tokens[i] = cluster.agentToken(name(i));
                bytes += bodies[i].length;
            }
            log("reports: %d, mean size %d bytes", nodes, bytes / nodes);

            Path kubeconfig = out.resolve("kubeconfig");
            Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n"
                    + "    server: http://127.0.0.1:" + cluster.port() + "\ncontexts:\n- name: mock\n  context:\n"
                    + "    cluster: mock\n    user: admin\n    namespace: ra2check\ncurrent-context: mock\nusers:\n"
                    + "- name: admin\n  user:\n    token: admin\n");
            Run main = run(jvmFlags, cluster, kubeconfig, bodies, tokens, true);
            StringBuilder md = new StringBuilder(main.markdown());
            md.append(String.format(Locale.ROOT, "%nmean report %d bytes%n", bytes / nodes));
            String variants = System.getProperty("bench.variants", "");
            if (!variants.isBlank()) {
                md.append("\n### Other JVM settings, same cluster (nodes already annotated: first pass unchanged)\n\n")
                        .append("| settings | ready s | RSS ready | closed-loop reports/s | p99 ms | open-loop p99 ms |"
                                + " peak RSS (VmHWM) | load avg |\n|---|---|---|---|---|---|---|---|\n");
                for (String v : variants.split(";")) {
                    Run r = run(v.trim(), cluster, kubeconfig, bodies, tokens, false);
                    md.append(String.format(Locale.ROOT, "| `%s` | %.1f | %s | %.0f | %.1f | %.1f | %s | %s |%n",
                            v.trim(), r.readySeconds(), r.rssReady(), r.phases().get(1).perSecond(),
                            r.phases().get(1).p99Ms(), r.phases().get(2).p99Ms(), r.hwm(), r.phases().get(2).load()));
                }
            }
            Files.writeString(out.resolve("results.md"), md.toString(), StandardCharsets.UTF_8);
            System.out.println(md);
            Phase replay = main.phases().get(1);
            assertEquals(0, replay.patches(), "API writes for unchanged reports");
            assertEquals(0, main.phases().get(2).patches(), "API writes for unchanged reports");
            assertEquals(0, replay.non200() + main.phases().get(2).non200() + main.phases().get(0).non200(),
                    "non-200 answers");
        }
    }

    /** One collector process measured through the three phases. */
    record Run(List<Phase> phases, double readySeconds, String rssReady, String hwm, String rssEnd, int settled,
               int tokenReviews, long cpuTicks, String flags, String markdown) {
    }

    /**
     * Runs the collector JVM with {@code settings}: JVM flags, and environment variables written NAME=value among
     * them (MALLOC_ARENA_MAX=2).
     */
    private Run run(String settings, FakeCluster cluster, Path kubeconfig, byte[][] bodies, String[] tokens,
                    boolean primary) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder();
        for (String f : settings.trim().split("\\s+")) {
            if (f.matches("[A-Z_][A-Z0-9_]*=.*")) {
                pb.environment().put(f.substring(0, f.indexOf('=')), f.substring(f.indexOf('=') + 1));
            } else if (!f.isEmpty()) {
                cmd.add(f);
            }
        }
        if (Boolean.getBoolean("bench.diagnostics")) {
            cmd.add("-Xlog:gc:file=" + out.resolve(primary ? "gc.log" : "gc-variant.log") + ":uptime");
        }
        cmd.addAll(List.of("-jar", jar.toString(), "--kubeconfig", kubeconfig.toString(),
                "--listen", "127.0.0.1:" + port, "--namespace", "ra2check", "--log-level", "warn"));
        log("collector: %s", settings + " " + String.join(" ", cmd));
        Process collector = pb.command(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolve(primary ? "collector.log" : "collector-variant.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
            String base = "http://127.0.0.1:" + port;
            long ready0 = System.nanoTime();
            awaitReady(http, base, collector);
            double readySeconds = (System.nanoTime() - ready0) / 1e9;
            String rssReady = rss(collector.pid());
            log("collector ready after %.1f s, RSS %s", readySeconds, rssReady);

            List<Phase> phases = new ArrayList<>();
            int reviewsBefore = cluster.tokenReviews();
            phases.add(closedLoop(primary ? "first reports (every report a change)" : "first pass", http, base,
                    bodies, tokens, 1, cluster));
            int reviewsFirst = cluster.tokenReviews() - reviewsBefore;
            int settled = settle(cluster);
            log("leader writes while the pools' ra2.os.004 settled: %d", settled);
            phases.add(closedLoop("unchanged replay, closed loop, " + concurrency + " concurrent", http, base,
                    bodies, tokens, rounds, cluster));
            phases.add(openLoop("unchanged replay, open loop at " + rate + "/s", http, base, bodies, tokens,
                    cluster));
            String rssAtEnd = rss(collector.pid());
            if (primary) {
                diagnostics(collector.pid());
            }
            String hwm = hwm(collector.pid());
            long cpuTicks = cpuTicks(collector.pid());
            log("peak RSS %s, RSS at the end %s", hwm, rssAtEnd);
            String md = markdown(phases, readySeconds, rssReady, hwm, rssAtEnd, settled, reviewsFirst, cpuTicks,
                    settings);
            return new Run(phases, readySeconds, rssReady, hwm, rssAtEnd, settled, reviewsFirst, cpuTicks, settings,
                    md);
        } finally {
            collector.destroy();
            if (!collector.waitFor(20, TimeUnit.SECONDS)) {
                collector.destroyForcibly();
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- the cluster

    private static String name(int i) {
        return String.format(Locale.ROOT, "node-%05d", i);
    }

    private static String pool(int i) {
        return POOLS[i % POOLS.length];
    }

    /** A Node about the size of a real one: NFD labels, conditions, addresses, a list of cached images. */
    private static Node node(int i) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name(i))
                .addToLabels("kubernetes.io/hostname", name(i)).addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64").addToLabels("node.kubernetes.io/instance-type", pool(i))
                .addToLabels(io.ra2check.collector.CollectorConfig.DEFAULT_POOL_LABEL, pool(i))
                .addToLabels("topology.kubernetes.io/zone", "zone-" + (i % 3))
                .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .addToAnnotations("volumes.kubernetes.io/controller-managed-attach-detach", "true")
                .endMetadata();
        for (String f : new String[] {"cpu-cpuid.AVX512F", "cpu-cpuid.AVX2", "cpu-cpuid.AESNI", "cpu-hardware_multithreading",
            "cpu-model.family", "cpu-model.id", "cpu-model.vendor_id", "kernel-version.major", "kernel-version.minor",
            "kernel-version.full", "memory-numa", "network-sriov.capable", "pci-0200_8086.present",
            "pci-0200_8086.sriov.capable", "storage-nonrotationaldisk", "system-os_release.ID",
            "system-os_release.VERSION_ID", "cpu-pstate.status", "cpu-rdt.RDTMON", "kernel-config.NO_HZ"}) {
            b.editMetadata().addToLabels("feature.node.kubernetes.io/" + f, "true").endMetadata();
        }
        b.withNewStatus()
                .addToCapacity("cpu", new Quantity("80")).addToCapacity("memory", new Quantity("384Gi"))
                .addToCapacity("hugepages-2Mi", new Quantity("2Gi")).addToCapacity("hugepages-1Gi", new Quantity("32Gi"))
                .addToCapacity("pods", new Quantity("110")).addToCapacity("ephemeral-storage", new Quantity("900Gi"))
                .addToAllocatable("cpu", new Quantity("78")).addToAllocatable("memory", new Quantity("340Gi"))
                .addToAllocatable("hugepages-2Mi", new Quantity("2Gi"))
                .addToAllocatable("hugepages-1Gi", new Quantity("32Gi"))
                .addToAllocatable("pods", new Quantity("110")).addToAllocatable("ephemeral-storage", new Quantity("850Gi"))
                .withNewNodeInfo().withKubeletVersion("v1.30.2").withContainerRuntimeVersion("containerd://1.7.13")
                .withKernelVersion("6.1.0-18-amd64").withOsImage("Debian GNU/Linux 12 (bookworm)")
                .withOperatingSystem("linux").withArchitecture("amd64").withMachineID("m" + i).withSystemUUID("u" + i)
                .withBootID("b" + i).withKubeProxyVersion("v1.30.2").endNodeInfo()
                .addNewAddress("10.0." + (i / 250) + "." + (i % 250), "InternalIP")
                .addNewAddress(name(i), "Hostname")
                .endStatus();
        for (String type : new String[] {"MemoryPressure", "DiskPressure", "PIDPressure", "Ready"}) {
            b.editStatus().addToConditions(new NodeConditionBuilder().withType(type)
                    .withStatus(type.equals("Ready") ? "True" : "False").withReason("Kubelet" + type)
                    .withMessage("kubelet reports " + type).withLastHeartbeatTime("2026-11-21T10:00:00Z")
                    .withLastTransitionTime("2026-11-01T10:00:00Z").build()).endStatus();
        }
        for (int k = 0; k < 25; k++) {
            b.editStatus().addToImages(new ContainerImageBuilder().withNames(
                    "registry.example.com/team-" + k + "/service-" + k + "@sha256:" + "0123456789abcdef".repeat(4),
                    "registry.example.com/team-" + k + "/service-" + k + ":v1." + k + ".0")
                    .withSizeBytes(50_000_000L + k).build()).endStatus();
        }
        return b.build();
    }

    private void populate(FakeCluster cluster) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                int n = i;
                all.add(CompletableFuture.runAsync(() -> {
                    cluster.client().nodes().resource(node(n)).create();
                    for (int p = 0; p < podsPerNode; p++) {
                        cluster.client().pods().inNamespace("apps-" + (n % 20)).resource(new PodBuilder()
                                .withNewMetadata().withNamespace("apps-" + (n % 20)).withName(name(n) + "-pod-" + p)
                                .addToLabels("app", "service-" + p).endMetadata().withNewSpec().withNodeName(name(n))
                                .addNewContainer().withName("main").withImage("registry.example.com/app:v1")
                                .withNewResources().addToRequests("cpu", new Quantity("2"))
                                .addToRequests("memory", new Quantity("4Gi")).addToLimits("cpu", new Quantity("4"))
                                .addToLimits("memory", new Quantity("4Gi")).endResources().endContainer().endSpec()
                                .withNewStatus().withPhase("Running").endStatus().build()).create();
                    }
                }, pool));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(30, TimeUnit.MINUTES);
        } finally {
            pool.shutdown();
        }
    }

    /** Every node's report: most pass, some fail a requirement, each pool has a node whose kernel drifted. */
    private static byte[] report(int i) {
        TestReports.Builder b = TestReports.report(name(i)).profile(i % 3 == 0 ? Profile.BASIC
                : Profile.NETWORK_INTENSIVE).generatedAt(Instant.parse("2026-11-21T10:00:00Z").plusSeconds(i))
                .fingerprint("cgroup", "v2").fingerprint("smt", "on")
                .fingerprint("hugepages", "2048kB=1024,1048576kB=32")
                .fingerprint("kubelet", "sha256:" + Integer.toHexString(pool(i).hashCode()))
                .fingerprint("kernelConfig", "sha256:00112233445566aa");
        if (i % 10 == 7) {
            b.outcome("ra2.ch.013", Outcome.FAIL);
        }
        if (i % 25 == 11) {
            b.outcome("ra2.ch.012", Outcome.UNKNOWN);
        }
        if (i % 100 == 42) {
            b.fingerprint("kernel", "6.1.0-21-amd64");
        }
        return b.json();
    }

    // ---------------------------------------------------------------------------------------------- measuring

    private static void awaitReady(HttpClient http, String base, Process collector) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < end) {
            if (!collector.isAlive()) {
                throw new IllegalStateException("the collector exited with " + collector.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the collector did not become ready");
    }

    private static HttpRequest put(String base, int i, byte[][] bodies, String[] tokens) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/reports/" + name(i)))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + tokens[i])
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofByteArray(bodies[i]))
                .build();
    }

    /** {@code rounds} passes over every node by {@code concurrency} agents sending back to back. */
    private Phase closedLoop(String label, HttpClient http, String base, byte[][] bodies, String[] tokens,
                             int passes, FakeCluster cluster) throws Exception {
        int total = nodes * passes;
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger non200 = new AtomicInteger();
        AtomicInteger changed = new AtomicInteger();
        int patches0 = cluster.nodePatches();
        int reviews0 = cluster.tokenReviews();
        long t0 = System.nanoTime();
        List<Thread> agents = new ArrayList<>();
        for (int a = 0; a < concurrency; a++) {
            Thread t = new Thread(() -> {
                int k;
                while ((k = next.getAndIncrement()) < total) {
                    int i = k % nodes;
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(put(base, i, bodies, tokens),
                                HttpResponse.BodyHandlers.ofString());
                        latencies[k] = System.nanoTime() - s;
                        if (r.statusCode() != 200) {
                            non200.incrementAndGet();
                        } else if (r.body().contains("\"changed\":true")) {
                            changed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        latencies[k] = System.nanoTime() - s;
                        non200.incrementAndGet();
                    }
                }
            });
            t.start();
            agents.add(t);
        }
        for (Thread t : agents) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return phase(label, latencies, seconds, non200.get(), cluster.nodePatches() - patches0, changed.get(),
                cluster.tokenReviews() - reviews0);
    }

    /** Reports at a fixed rate whatever the answers' latency (in-flight requests bounded at 2,000). */
    private Phase openLoop(String label, HttpClient http, String base, byte[][] bodies, String[] tokens,
                           FakeCluster cluster) throws Exception {
        int total = rate * rateSeconds;
        long[] latencies = new long[total];
        AtomicInteger non200 = new AtomicInteger();
        AtomicInteger changed = new AtomicInteger();
        Semaphore inFlight = new Semaphore(2000);
        int patches0 = cluster.nodePatches();
        int reviews0 = cluster.tokenReviews();
        List<CompletableFuture<?>> futures = new ArrayList<>(total);
        long t0 = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int k = 0; k < total; k++) {
            long due = t0 + k * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.acquire();
            int slot = k;
            long s = System.nanoTime();
            futures.add(http.sendAsync(put(base, k % nodes, bodies, tokens), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        latencies[slot] = System.nanoTime() - s;
                        if (e != null || r.statusCode() != 200) {
                            non200.incrementAndGet();
                        } else if (r.body().contains("\"changed\":true")) {
                            changed.incrementAndGet();
                        }
                        inFlight.release();
                    }));
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).handle((v, e) -> null).get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return phase(label, latencies, seconds, non200.get(), cluster.nodePatches() - patches0, changed.get(),
                cluster.tokenReviews() - reviews0);
    }

    private Phase phase(String label, long[] latencies, double seconds, int non200, int patches, int changed,
                        int tokenReviews) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        Phase p = new Phase(label, latencies.length, seconds, latencies.length / seconds,
                sorted[(int) Math.floor(0.50 * (sorted.length - 1))] / 1e6,
                sorted[(int) Math.floor(0.99 * (sorted.length - 1))] / 1e6, sorted[sorted.length - 1] / 1e6,
                non200, patches, changed, load(), tokenReviews);
        log("load %s; %s: %d requests in %.1f s = %.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, non-200 %d, PATCHes %d,"
                        + " changed %d, TokenReviews %d", p.load(), label, p.requests(), seconds, p.perSecond(), p.p50Ms(), p.p99Ms(), p.maxMs(),
                non200, patches, changed, tokenReviews);
        return p;
    }

    /** Count and longest of the collector's GC pauses (with -Dbench.diagnostics=true). */
    private String gcSummary(String settings) {
        Path log = out.resolve("gc.log");
        if (!Boolean.getBoolean("bench.diagnostics") || !Files.isRegularFile(log)) {
            return "";
        }
        int young = 0;
        int full = 0;
        double maxYoung = 0;
        double maxFull = 0;
        double total = 0;
        try {
            for (String line : Files.readAllLines(log)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("Pause (Young|Full).* ([0-9.]+)ms$")
                        .matcher(line);
                if (m.find()) {
                    double ms = Double.parseDouble(m.group(2));
                    total += ms;
                    if (m.group(1).equals("Young")) {
                        young++;
                        maxYoung = Math.max(maxYoung, ms);
                    } else {
                        full++;
                        maxFull = Math.max(maxFull, ms);
                    }
                }
            }
        } catch (IOException e) {
            return "";
        }
        return String.format(Locale.ROOT, "%nGC pauses over the whole run: %d young (longest %.1f ms), %d full (longest"
                + " %.1f ms), %.0f ms in all%n", young, maxYoung, full, maxFull, total);
    }

    /** Waits until no PATCH has reached the API server for 3 s (the leader judging pools again); returns how many. */
    private int settle(FakeCluster cluster) throws InterruptedException {
        int start = cluster.nodePatches();
        int last = start;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(3)) {
            Thread.sleep(250);
            int now = cluster.nodePatches();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return last - start;
    }

    /** With -Dbench.diagnostics=true (and -XX:NativeMemoryTracking=summary in bench.jvmFlags): jcmd reports. */
    private void diagnostics(long pid) throws Exception {
        if (!Boolean.getBoolean("bench.diagnostics")) {
            return;
        }
        // resident memory by mapping: what NMT does not see (shared libraries, malloc arenas)
        java.util.Map<String, Long> byMapping = new java.util.TreeMap<>();
        String current = "?";
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] f = line.trim().split("\\s+");
                current = f.length >= 6 ? f[5] : "[anon]";
            } else if (line.startsWith("Rss:")) {
                long kb = Long.parseLong(line.replaceAll("\\D+", ""));
                byMapping.merge(current, kb, Long::sum);
            }
        }
        StringBuilder sm = new StringBuilder();
        byMapping.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(25)
                .forEach(e -> sm.append(String.format(Locale.ROOT, "%8d kB  %s%n", e.getValue(), e.getKey())));
        sm.append(Files.readString(Path.of("/proc/" + pid + "/smaps_rollup")));
        Files.writeString(out.resolve("smaps-by-mapping.txt"), sm.toString());
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (String what : new String[] {"VM.native_memory summary", "GC.heap_info", "GC.class_histogram"}) {
            List<String> c = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
            c.addAll(Arrays.asList(what.split(" ")));
            Path file = out.resolve("jcmd-" + what.split(" ")[0] + ".txt");
            new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(file.toFile()).start()
                    .waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static String status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static String hwm(long pid) {
        return status(pid, "VmHWM");
    }

    private static String rss(long pid) {
        return status(pid, "VmRSS");
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private String markdown(List<Phase> phases, double readySeconds, String rssReady, String hwm, String rssAtEnd,
                            int settled, int tokenReviews, long cpuTicks, String settings) {
        StringBuilder md = new StringBuilder();
        md.append("| phase | requests | seconds | reports/s | p50 ms | p99 ms | max ms | non-200 | PATCHes |"
                + " changed | TokenReviews | load avg |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Phase p : phases) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.1f | %.1f | %.1f | %d | %d | %d | %d | %s |%n",
                    p.name(), p.requests(), p.seconds(), p.perSecond(), p.p50Ms(), p.p99Ms(), p.maxMs(), p.non200(),
                    p.patches(), p.changed(), p.tokenReviews(), p.load()));
        }
        md.append(gcSummary(settings));
        int unchanged = phases.get(1).requests() + phases.get(2).requests();
        int unchangedPatches = phases.get(1).patches() + phases.get(2).patches();
        md.append(String.format(Locale.ROOT, "%nnodes %d, pods %d, concurrency %d%n"
                        + "collector ready after %.1f s (listing %d nodes and %d pods), RSS then %s%n"
                        + "API writes per unchanged report: %d / %d = %s%n"
                        + "leader writes while pools settled after the first reports: %d%n"
                        + "TokenReviews during the first pass: %d%n"
                        + "collector peak RSS (VmHWM): %s; RSS at the end: %s%n"
                        + "collector CPU time over the whole run: %.1f s%n"
                        + "collector settings: %s%n"
                        + "machine: %d CPUs, %s, Java %s%n",
                nodes, nodes * podsPerNode, concurrency, readySeconds, nodes, nodes * podsPerNode, rssReady,
                unchangedPatches, unchanged, unchangedPatches == 0 ? "0" : String.valueOf(
                        (double) unchangedPatches / unchanged), settled, tokenReviews, hwm, rssAtEnd,
                cpuTicks / 100.0, settings, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version")));
        return md.toString();
    }

    private final long start = System.nanoTime();

    private void log(String format, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = (System.nanoTime() - start) / 1e9;
        System.arraycopy(args, 0, all, 1, args.length);
        System.out.printf(Locale.ROOT, "[bench %6.1fs] " + format + "%n", all);
    }
}
