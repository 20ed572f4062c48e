package io.ra2check.agent.bench;

import io.ra2check.agent.NodeScan;
import io.ra2check.agent.Version;
import io.ra2check.agent.check.CheckOptions;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.host.HostRoots;
import io.ra2check.agent.testing.HostTree;
import io.ra2check.report.Profile;
import io.ra2check.report.RequirementCatalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * How the cost of a warm scan grows with the host: generated host trees of 8 to 512 CPUs, 4 to 64 NIC ports and up
 * to 512 VFs, shaped like the real ones (HostTree), each scanned in-process; prints a Markdown table of the tree's
 * files, the host file system calls one scan makes (read, list, readLink, exists, isDirectory) and the median time.
 * Linear means the time per call stays flat as the host grows. Not a unit test: run by bench/growth-bench.sh.
 * Usage: GrowthBenchmark WORKDIR [iterations]
 */
public final class GrowthBenchmark {
    private GrowthBenchmark() {
    }

    record Size(int cpus, int ports, int vfs) {
    }

    /** 112 CPUs and 10 ports: the real server of issue 15.1 (59.7 ms a warm scan before the path lookup fix). */
    static final List<Size> SIZES = List.of(new Size(8, 4, 0), new Size(64, 8, 64), new Size(112, 10, 80),
            new Size(128, 16, 128), new Size(256, 32, 256), new Size(512, 64, 512));

    /** A compliant two-socket host with {@code cpus} threads (SMT on), {@code ports} SR-IOV ports sharing the VFs. */
    static HostTree generate(Path dir, Size s) {
        HostTree t = HostTree.compliant(dir).cpus(2, s.cpus() / 4, 2, false);
        int perPort = s.ports() == 0 ? 0 : s.vfs() / s.ports();
        for (int p = 0; p < s.ports(); p++) {
            String pf = String.format(Locale.ROOT, "0000:%02x:00.%d", 0x40 + p / 4, p % 4);
            t.nic(pf, "0x158b", "i40e", "ens" + (10 + p), "25000", 64, perPort);
            for (int v = 0; v < perPort; v++) {
                String vf = String.format(Locale.ROOT, "0000:%02x:%02x.%d", 0x80 + p, v / 8, v % 8);
                t.vf(vf, pf);
                t.link("/sys/bus/pci/devices/" + pf + "/virtfn" + v, "../" + vf);
            }
        }
        return t;
    }

    /** Counts the host file system calls a scan makes. */
    static final class Counting implements HostFs {
        final HostFs fs;
        final AtomicLong calls = new AtomicLong();
        final AtomicLong reads = new AtomicLong();

        Counting(HostFs fs) {
            this.fs = fs;
        }

        @Override
        public byte[] read(String path) throws IOException {
            calls.incrementAndGet();
            reads.incrementAndGet();
            return fs.read(path);
        }

        @Override
        public List<String> list(String dir) throws IOException {
            calls.incrementAndGet();
            return fs.list(dir);
        }

        @Override
        public String readLink(String path) throws IOException {
            calls.incrementAndGet();
            return fs.readLink(path);
        }

        @Override
        public boolean exists(String path) {
            calls.incrementAndGet();
            return fs.exists(path);
        }

        @Override
        public boolean isDirectory(String path) {
            calls.incrementAndGet();
            return fs.isDirectory(path);
        }

        @Override
        public FsStats statvfs(String path) throws IOException {
            calls.incrementAndGet();
            return fs.statvfs(path);
        }
    }

    /**
     * Usage: GrowthBenchmark WORKDIR [iterations] [live]. Every tree is generated first and the JIT warmed on all of
     * them (so the first row is not the cold one); each row then times {@code iterations} warm scans, wall clock and
     * the scanning thread's CPU time (the scan runs on the calling thread for a tree; the CPU figure is the one to
     * trust on a loaded machine). With "live", one more row: this host's own / through LiveHostFs.
     */
    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        boolean live = args.length > 2 && args[2].equals("live");
        NodeScan scan = new NodeScan(RequirementCatalog.builtIn(), CheckOptions.none(), null, Version.get(),
                Clock.systemUTC());
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<String> roots = new java.util.ArrayList<>();
        List<Long> files = new java.util.ArrayList<>();
        for (Size s : SIZES) {
            Path dir = work.resolve("host-" + s.cpus());
            generate(dir, s);
            try (Stream<Path> w = Files.walk(dir)) {
                files.add(w.filter(p -> !Files.isDirectory(p)).count());
            }
            roots.add(dir.toString());
        }
        for (int i = 0; i < Math.max(20, n / 3); i++) {
            for (String root : roots) {
                once(scan, root);
            }
        }
        System.out.println("| host | CPUs | NIC ports | VFs | files in tree | files read | fs calls per scan "
                + "| wall median ms | wall p90 ms | CPU median ms | CPU µs per file read |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int k = 0; k < SIZES.size(); k++) {
            Size s = SIZES.get(k);
            row("generated tree", String.valueOf(s.cpus()), String.valueOf(s.ports()), String.valueOf(s.vfs()),
                    String.valueOf(files.get(k)), scan, roots.get(k), n, threads);
        }
        if (live) {
            for (int i = 0; i < Math.max(20, n / 3); i++) {
                once(scan, "/");
            }
            row("this host, LiveHostFs", String.valueOf(Runtime.getRuntime().availableProcessors()), "-", "-", "-",
                    scan, "/", n, threads);
        }
    }

    private static void row(String what, String cpus, String ports, String vfs, String files, NodeScan scan,
                            String root, int n, java.lang.management.ThreadMXBean threads) throws Exception {
        long[] counts = once(scan, root);
        long[] t = new long[n];
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            once(scan, root);
            t[i] = System.nanoTime() - t0;
            c[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(t);
        Arrays.sort(c);
        double cpu = c[n / 2] / 1e6;
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %d | %.2f | %.2f | %.2f | %.1f |%n", what, cpus,
                ports, vfs, files, counts[1], counts[0], t[n / 2] / 1e6, t[n * 9 / 10] / 1e6, cpu,
                cpu * 1000 / counts[1]);
    }

    /** One scan; {calls, reads}. */
    private static long[] once(NodeScan scan, String root) throws Exception {
        HostRoot opened = HostRoots.open(root, false, null, Version.get());
        Counting fs = new Counting(opened.fs());
        HostRoot counted = new HostRoot(fs, opened.kind(), opened.location(), opened.manifest(), Version.get());
        if (scan.scan(counted, Profile.NETWORK_INTENSIVE, "bench").report().verdicts().isEmpty()) {
            throw new IllegalStateException("no verdicts");
        }
        return new long[] {fs.calls.get(), fs.reads.get()};
    }
}
