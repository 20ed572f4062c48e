package io.ra2check.agent.bench;

import io.ra2check.agent.NodeScan;
import io.ra2check.agent.Version;
import io.ra2check.agent.check.CheckOptions;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.host.HostRoots;
import io.ra2check.report.Profile;
import io.ra2check.report.RequirementCatalog;

import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;

/**
 * Warm, in-process time of one full scan (open the root, every probe, every check, the report) of a host root.
 * Not a unit test: run by bench/check-bench.sh. Usage: ScanBenchmark ROOT [iterations].
 */
public final class ScanBenchmark {
    private ScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String root = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        NodeScan scan = new NodeScan(RequirementCatalog.builtIn(), CheckOptions.none(), null, Version.get(),
                Clock.systemUTC());
        // warm-up: let the JIT compile the probes and checks
        for (int i = 0; i < n; i++) {
            once(scan, root);
        }
        long[] t = new long[n];
        // CPU time of the scanning thread as well: on a shared machine it moves far less than the wall clock
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] cpu = new long[n];
        for (int i = 0; i < n; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            once(scan, root);
            t[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(t);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "warm full scan of %s: median %.3f ms, p90 %.3f ms, min %.3f ms (%d runs); "
                + "CPU time median %.3f ms, min %.3f ms%n", root, t[n / 2] / 1e6, t[n * 9 / 10] / 1e6, t[0] / 1e6, n,
                cpu[n / 2] / 1e6, cpu[0] / 1e6);
    }

    private static void once(NodeScan scan, String root) throws Exception {
        HostRoot r = HostRoots.open(root, false, null, Version.get());
        if (scan.scan(r, Profile.NETWORK_INTENSIVE, "bench").report().verdicts().isEmpty()) {
            throw new IllegalStateException("no verdicts");
        }
    }
}
