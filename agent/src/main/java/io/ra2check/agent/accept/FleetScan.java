package io.ra2check.agent.accept;

import io.ra2check.agent.NodeScan;
import io.ra2check.agent.host.ArchiveLimits;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.host.HostRoots;
import io.ra2check.report.Compliance;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.ReportSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks every server of a delivery, each exactly as {@code check --root} would ({@link NodeScan#scan}), on a bounded
 * pool of threads. Scans share nothing mutable: each opens its own root and runs its own probes. A server that cannot
 * be opened or checked becomes a row saying so; it never stops the others.
 */
public final class FleetScan {
    private final NodeScan scan;
    private final Profile profile;
    private final int threads;
    private final String toolVersion;

    /**
     * @param threads how many servers are checked at once (at least 1)
     */
    public FleetScan(NodeScan scan, Profile profile, int threads, String toolVersion) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.scan = scan;
        this.profile = profile;
        this.threads = threads;
        this.toolVersion = toolVersion;
    }

    /** One result per source, in the order of {@code sources} (ordinals 1..n). */
    public List<ServerResult> run(List<ServerSource> sources) throws InterruptedException {
        List<Callable<ServerResult>> tasks = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            int ordinal = i + 1;
            ServerSource s = sources.get(i);
            tasks.add(() -> check(ordinal, s));
        }
        // the largest archives first, so that no big one starts last while the other threads idle
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            order.add(i);
        }
        long[] sizes = sources.stream().mapToLong(FleetScan::sizeOf).toArray();
        order.sort(Comparator.comparingLong((Integer i) -> -sizes[i]).thenComparing(i -> i));
        int poolSize = Math.max(1, Math.min(threads, tasks.size()));
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, daemonThreads());
        try {
            List<Future<ServerResult>> futures = new ArrayList<>(tasks.size());
            for (int i = 0; i < tasks.size(); i++) {
                futures.add(null);
            }
            for (int i : order) {
                futures.set(i, pool.submit(tasks.get(i)));
            }
            List<ServerResult> results = new ArrayList<>(tasks.size());
            for (Future<ServerResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            // check() turns every failure of one server into its row; only an Error (out of memory) gets here
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Opens and checks one server. Never throws for bad input: that is what the result's status says. */
    public ServerResult check(int ordinal, ServerSource source) {
        HostRoot root;
        try {
            root = HostRoots.open(source.location().toString(), false, null, toolVersion,
                    ArchiveLimits.forConcurrentReads(threads, Runtime.getRuntime().maxMemory()));
        } catch (HostRoots.UnusableRootException e) {
            return new ServerResult(ordinal, source, source.defaultName(), ServerStatus.DAMAGED, e.getMessage(), null);
        } catch (RuntimeException e) {
            return new ServerResult(ordinal, source, source.defaultName(), ServerStatus.DAMAGED,
                    source.label() + ": cannot be opened (" + e + ")", null);
        }
        try {
            boolean hasProc = root.fs().isDirectory("/proc");
            boolean hasSys = root.fs().isDirectory("/sys");
            NodeScan.Result r = scan.scan(root, profile, null);
            NodeReport report = r.facts().os().hostname().known() ? r.report() : named(r.report(),
                    source.defaultName());
            Platform.Mismatch m = Platform.classify(hasProc, hasSys, r.facts().cpu().architecture());
            if (m != null) {
                return new ServerResult(ordinal, source, report.node(), m.status(), m.reason(), report);
            }
            Compliance c = ReportSummary.evaluate(report.verdicts(), profile).compliance();
            ServerStatus status = switch (c) {
                case MEETS -> ServerStatus.MEETS;
                case DOES_NOT_MEET -> ServerStatus.DOES_NOT_MEET;
                case UNDETERMINED -> ServerStatus.UNDETERMINED;
            };
            return new ServerResult(ordinal, source, report.node(), status, null, report);
        } catch (RuntimeException | StackOverflowError e) {
            // a bug in ra2check on this input: say so on this server's row and go on with the others
            return new ServerResult(ordinal, source, source.defaultName(), ServerStatus.ERROR,
                    "checking failed inside ra2check (" + e + "); please report it with the snapshot", null);
        }
    }

    /** The report under another node name (the host name was not captured). */
    static NodeReport named(NodeReport r, String node) {
        return new NodeReport(r.tool(), node, r.generatedAt(), r.durationMs(), r.root(), r.profile(), r.inventory(),
                r.fingerprint(), r.verdicts());
    }

    private static long sizeOf(ServerSource s) {
        try {
            return Files.isRegularFile(s.location()) ? Files.size(s.location()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ra2check-accept-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
