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

    static final List<Size> SIZES = List.of(new Size(8, 4, 0), new Size(64, 8, 64), new Size(128, 16, 128),
            new Size(256, 32, 256), new Size(512, 64, 512));

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

        Counting(HostFs fs) {
            this.fs = fs;
        }

        @Override
        public byte[] read(String path) throws IOException {
            calls.incrementAndGet();
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

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        NodeScan scan = new NodeScan(RequirementCatalog.builtIn(), CheckOptions.none(), null, Version.get(),
                Clock.systemUTC());
        System.out.println("| CPUs | NIC ports | VFs | files in tree | fs calls per scan | median ms | p90 ms | µs per call |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Size s : SIZES) {
            Path dir = work.resolve("host-" + s.cpus());
            generate(dir, s);
            long files;
            try (Stream<Path> w = Files.walk(dir)) {
                files = w.filter(p -> !Files.isDirectory(p)).count();
            }
            String root = dir.toString();
            long calls = 0;
            for (int i = 0; i < n; i++) {
                calls = once(scan, root);
            }
            long[] t = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                once(scan, root);
                t[i] = System.nanoTime() - t0;
            }
            Arrays.sort(t);
            double median = t[n / 2] / 1e6;
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %.2f | %.2f | %.1f |%n", s.cpus(), s.ports(),
                    s.vfs(), files, calls, median, t[n * 9 / 10] / 1e6, median * 1000 / calls);
        }
    }

    private static long once(NodeScan scan, String root) throws Exception {
        HostRoot opened = HostRoots.open(root, false, null, Version.get());
        Counting fs = new Counting(opened.fs());
        HostRoot counted = new HostRoot(fs, opened.kind(), opened.location(), opened.manifest(), Version.get());
        if (scan.scan(counted, Profile.NETWORK_INTENSIVE, "bench").report().verdicts().isEmpty()) {
            throw new IllegalStateException("no verdicts");
        }
        return fs.calls.get();
    }
}
