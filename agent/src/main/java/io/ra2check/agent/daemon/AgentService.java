package io.ra2check.agent.daemon;

import io.ra2check.agent.NodeScan;
import io.ra2check.agent.Version;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.host.HostRoots;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.ReportJson;
import io.ra2check.report.ReportSummary;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The DaemonSet's agent: checks the host at start and then every interval, hands each report to the poster, and
 * serves its health and metrics. {@link #close()} stops everything within a second (SIGTERM).
 */
public final class AgentService implements AutoCloseable {

    /**
     * @param root        the host root (/host in the DaemonSet)
     * @param mounted     the root is a live host mounted here
     * @param nodeName    the Kubernetes node name (from $NODE_NAME)
     * @param poster      delivers reports, or null to only scan and serve metrics
     */
    public record Options(String root, boolean mounted, Profile profile, String nodeName, Duration interval,
                          InetSocketAddress listen) {
    }

    private final Options options;
    private final NodeScan scan;
    private final ReportPoster poster;
    private final AgentMetrics metrics;
    private final JsonLog log;
    private final Clock clock;
    private final ScheduledExecutorService scanner;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private HealthServer health;
    private volatile String lastReportJson;
    /** This agent process among the node's agents: the collector orders reports by run and sequence. */
    private final String run = java.util.UUID.randomUUID().toString();
    private long sequence;

    public AgentService(Options options, NodeScan scan, ReportPoster poster, AgentMetrics metrics, JsonLog log,
                        Clock clock) {
        this.options = options;
        this.scan = scan;
        this.poster = poster;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
        this.scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ra2check-scan");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() throws IOException {
        health = new HealthServer(options.listen(), () -> lastReportJson != null, metrics::render,
                () -> lastReportJson);
        log.info("agent started", "version", Version.get(), "root", options.root(), "node", options.nodeName(),
                "profile", options.profile().wireName(), "intervalSeconds", options.interval().toSeconds(),
                "listen", health.port(), "collector", poster != null);
        scanner.scheduleWithFixedDelay(this::scanOnce, 0, options.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The port the health server listens on (for tests that ask for port 0). */
    public int port() {
        return health.port();
    }

    void scanOnce() {
        long t0 = System.nanoTime();
        try {
            HostRoot root = HostRoots.open(options.root(), options.mounted(), null, Version.get());
            NodeReport report = scan.scan(root, options.profile(), options.nodeName()).report()
                    .withOrigin(new NodeReport.Origin(run, ++sequence));
            double seconds = (System.nanoTime() - t0) / 1e9;
            ReportSummary s = report.summary();
            metrics.scanned(seconds, clock.instant().toEpochMilli() / 1000.0, s.counts());
            lastReportJson = new ReportJson().write(report);
            log.info("scan done", "node", report.node(), "seconds", seconds, "counts", s.counts(),
                    "failed", String.join(",", s.failed()));
            if (poster != null) {
                poster.submit(report);
            }
        } catch (HostRoots.UnusableRootException e) {
            metrics.scanFailed();
            log.error("cannot read the host root", "error", e.getMessage());
        } catch (RuntimeException e) {
            // the next scan must still happen: a scan that fails is logged and counted
            metrics.scanFailed();
            log.error("scan failed", "error", String.valueOf(e));
        }
    }

    /** Blocks until {@link #close()}. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        scanner.shutdownNow();
        if (health != null) {
            health.close();
        }
        log.info("agent stopped");
        stopped.countDown();
    }
}
