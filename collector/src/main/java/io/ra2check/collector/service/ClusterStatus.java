package io.ra2check.collector.service;

import io.ra2check.collector.check.cluster.ClusterView;
import io.ra2check.collector.meta.ClusterJudge;
import io.ra2check.collector.meta.LiveWorkloadJudge;
import io.ra2check.report.Profile;
import io.ra2check.report.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The verdicts on the cluster as a whole, judged from a {@link ClusterView} read at start and then every interval
 * (read-only lists and discovery: each replica reads its own, as each serves the page), and the workload rules'
 * verdicts on the selected namespaces' live objects, read with the same view.
 */
public final class ClusterStatus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterStatus.class);

    /**
     * The latest judgement, and when its view was read (null before the first read).
     *
     * @param workloads the workload rules' verdicts on each selected namespace (none selected: empty)
     */
    public record Snapshot(Instant readAt, List<Verdict> verdicts, List<LiveWorkloadJudge.NamespaceVerdicts> workloads) {
        public Snapshot {
            verdicts = List.copyOf(verdicts);
            workloads = List.copyOf(workloads);
        }
    }

    private final Supplier<ClusterView> reader;
    private final ClusterJudge judge;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile Snapshot current = new Snapshot(null, List.of(), List.of());

    public ClusterStatus(Supplier<ClusterView> reader, ClusterJudge judge, Duration interval, Clock clock) {
        this.reader = reader;
        this.judge = judge;
        this.interval = interval;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ra2check-cluster");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Snapshot current() {
        return current;
    }

    public ClusterJudge judge() {
        return judge;
    }

    void refresh() {
        try {
            Instant at = clock.instant();
            ClusterView view = reader.get();
            current = new Snapshot(at, judge.judge(view, Profile.BASIC), LiveWorkloadJudge.judge(view.liveWorkloads()));
        } catch (RuntimeException e) {
            // a failed read keeps the last judgement; the next tick tries again
            LOG.atWarn().addKeyValue("reason", String.valueOf(e)).log("cannot judge the cluster");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
