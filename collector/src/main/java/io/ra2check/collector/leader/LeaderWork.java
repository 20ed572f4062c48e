package io.ra2check.collector.leader;

import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.kube.ApiUnavailableException;
import io.ra2check.collector.kube.NodeStore;
import io.ra2check.collector.kube.PodStore;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.meta.Liveness;
import io.ra2check.collector.service.NodeService;
import io.ra2check.collector.service.VersionTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The cluster-wide work, run by the leader only: judges again every node whose cluster view changed without a new
 * report (its pods, labels or status, its pool's fingerprints, the control plane's version), removes owned keys no
 * report backs, and passes over every node at start and every resync interval. One worker thread, writes paced at
 * {@code writesPerSecond}.
 */
public final class LeaderWork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderWork.class);

    private final NodeService service;
    private final NodeStore nodes;
    private final PodStore pods;
    private final VersionTracker version;
    private final BooleanSupplier ready;
    private final Duration resync;
    private final long writePauseNanos;
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private final Thread worker;
    private volatile boolean closed;
    /** When this replica started leading: nodes with no last-seen count as silent from then. */
    private volatile Instant observedSince;

    private final NodeStore.Listener nodeListener = this::nodeChanged;
    private final Consumer<String> podListener = this::enqueue;
    private final Runnable versionListener = this::enqueueAll;

    public LeaderWork(NodeService service, NodeStore nodes, PodStore pods, VersionTracker version,
                      BooleanSupplier ready, Duration resync, double writesPerSecond) {
        this.service = service;
        this.nodes = nodes;
        this.pods = pods;
        this.version = version;
        this.ready = ready;
        this.resync = resync;
        this.writePauseNanos = writesPerSecond <= 0 ? 0 : (long) (1e9 / writesPerSecond);
        this.worker = new Thread(this::run, "ra2check-leader");
        this.worker.setDaemon(true);
    }

    public void start() {
        nodes.addListener(nodeListener);
        pods.addListener(podListener);
        version.addListener(versionListener);
        worker.start();
    }

    @Override
    public void close() {
        closed = true;
        nodes.removeListener(nodeListener);
        pods.removeListener(podListener);
        version.removeListener(versionListener);
        worker.interrupt();
    }

    /** Waits for the worker to end (after {@link #close}). */
    public boolean awaitStopped(Duration d) throws InterruptedException {
        worker.join(d.toMillis());
        return !worker.isAlive();
    }

    private void nodeChanged(NodeFacts before, NodeFacts after) {
        if (after != null) {
            enqueue(after.name());
        }
        String fpBefore = before == null ? null : before.ownedAnnotations().get(Keys.FINGERPRINT);
        String fpAfter = after == null ? null : after.ownedAnnotations().get(Keys.FINGERPRINT);
        String poolBefore = before == null ? null : before.pool();
        String poolAfter = after == null ? null : after.pool();
        if (!Objects.equals(fpBefore, fpAfter) || !Objects.equals(poolBefore, poolAfter)) {
            // ra2.os.004 of the pool's other nodes depends on this node's fingerprint and membership
            if (poolBefore != null) {
                nodes.poolMembers(poolBefore).forEach(this::enqueue);
            }
            if (poolAfter != null && !poolAfter.equals(poolBefore)) {
                nodes.poolMembers(poolAfter).forEach(this::enqueue);
            }
        }
    }

    void enqueue(String node) {
        synchronized (pending) {
            if (pending.add(node)) {
                pending.notifyAll();
            }
        }
    }

    void enqueueAll() {
        synchronized (pending) {
            pending.addAll(nodes.names());
            pending.notifyAll();
        }
    }

    /** Nodes that went stale, or came back, since they were last written: cheap over every node, no API call. */
    void enqueueStalenessChanges() {
        Instant now = service.clock().instant();
        for (NodeFacts f : nodes.all()) {
            if (!f.ownedAnnotations().containsKey(Keys.AGENT_RESULTS)) {
                continue;
            }
            boolean marked = Liveness.STALE_VALUE.equals(f.ownedAnnotations().get(Keys.STALE));
            if (service.liveness().isStale(f, now, observedSince) != marked) {
                enqueue(f.name());
            }
        }
    }

    private String take(long deadlineNanos) throws InterruptedException {
        synchronized (pending) {
            while (pending.isEmpty()) {
                long wait = deadlineNanos - System.nanoTime();
                if (wait <= 0) {
                    return null;
                }
                pending.wait(Math.max(1, wait / 1_000_000));
            }
            var it = pending.iterator();
            String n = it.next();
            it.remove();
            return n;
        }
    }

    private void run() {
        try {
            while (!closed && !ready.getAsBoolean()) {
                Thread.sleep(200);
            }
            LOG.info("leading: judging every node again");
            observedSince = service.clock().instant();
            enqueueAll();
            long nextResync = System.nanoTime() + resync.toNanos();
            long scanEvery = service.liveness().scanEvery().toNanos();
            long nextScan = System.nanoTime() + scanEvery;
            while (!closed) {
                String node = take(service.liveness().enabled() ? Math.min(nextResync, nextScan) : nextResync);
                if (node == null) {
                    long now = System.nanoTime();
                    if (now - nextResync >= 0) {
                        enqueueAll();
                        nextResync = now + resync.toNanos();
                    }
                    if (now - nextScan >= 0) {
                        enqueueStalenessChanges();
                        nextScan = now + scanEvery;
                    }
                    continue;
                }
                try {
                    NodeService.Reconciled r = service.reconcile(node, observedSince);
                    if (r == NodeService.Reconciled.UPDATED || r == NodeService.Reconciled.CLEANED) {
                        LOG.atDebug().addKeyValue("node", node).addKeyValue("result", r.name()).log("reconciled");
                        if (writePauseNanos > 0) {
                            Thread.sleep(writePauseNanos / 1_000_000, (int) (writePauseNanos % 1_000_000));
                        }
                    }
                } catch (ApiUnavailableException e) {
                    LOG.atWarn().addKeyValue("node", node).addKeyValue("reason", e.getMessage())
                            .log("cannot write the node now; will retry");
                    Thread.sleep(1000);
                    enqueue(node);
                } catch (RuntimeException e) {
                    LOG.atError().addKeyValue("node", node).setCause(e).log("reconciling the node failed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
