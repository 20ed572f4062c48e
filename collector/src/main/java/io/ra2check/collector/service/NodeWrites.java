package io.ra2check.collector.service;

import io.ra2check.collector.kube.ApiUnavailableException;
import io.ra2check.collector.meta.ReportOrder;
import io.ra2check.report.NodeReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writes of received reports, bounded: per node at most one write in flight and one report waiting (a newer
 * report replaces the waiting one, which is answered "superseded"), at most {@code maxBusyNodes} nodes with work, and
 * a fixed number of writer threads. A write the API server fails is retried with backoff for as long as its report is
 * the node's newest, so "accepted" (202) means the collector keeps at it; the node's metadata is computed afresh on
 * each attempt, so a PATCH that timed out but landed is not repeated.
 *
 * <p>Reports of a node are ordered ({@link ReportOrder}): one older than the newest accepted here or recorded on the
 * Node is refused, so a replayed or late report never replaces a newer one.
 */
public final class NodeWrites implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeWrites.class);

    /** How a write ended. */
    public sealed interface Outcome {
    }

    /** Written (or found already right). */
    public record Written(NodeService.Stored stored) implements Outcome {
    }

    /** Not written: a newer report of the node arrived first, or the Node carries a newer one. */
    public record Superseded(String message) implements Outcome {
    }

    /** The node is gone. */
    public record Gone(String message) implements Outcome {
    }

    /** What {@link #submit} decided. */
    public sealed interface Admission {
    }

    /** Not taken: {@code status} 409 (older than the newest) or 503 (too much work waiting). */
    public record Refused(int status, String message) implements Admission {
    }

    /**
     * Taken: {@code done} completes when the report is written, superseded or its node gone (never exceptionally);
     * {@code state} says where it is meanwhile.
     */
    public record Admitted(CompletableFuture<Outcome> done, Slot state) implements Admission {
    }

    /** Settings: writer threads, most nodes with work, and the retry backoff. */
    public record Limits(int writers, int maxBusyNodes, Duration firstRetry, Duration maxRetry) {
    }

    private record Job(NodeReport report, byte[] body, String digest, ReportOrder order,
                       CompletableFuture<Outcome> done) {
    }

    /** One node's work; every field guarded by the slot itself. */
    public static final class Slot {
        private ReportOrder newest;
        private String newestDigest;
        private Job pending;
        private Job inFlight;
        private boolean waitingToRetry;
        private int failures;
        private String lastError;

        /** Where the node's newest report is: {@code queued}, {@code writing} or {@code retrying}, and why. */
        public synchronized String state() {
            if (inFlight != null) {
                return "writing";
            }
            return waitingToRetry ? "retrying" : "queued";
        }

        public synchronized String lastError() {
            return lastError;
        }
    }

    private final NodeService service;
    private final Limits limits;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final ExecutorService writers;
    private final ScheduledExecutorService retries;

    public NodeWrites(NodeService service, Limits limits) {
        this.service = service;
        this.limits = limits;
        AtomicInteger n = new AtomicInteger();
        writers = Executors.newFixedThreadPool(limits.writers(), r -> daemon(r, "ra2check-write-" + n.incrementAndGet()));
        retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ra2check-write-retry"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Nodes with a write in flight or waiting. */
    public int busyNodes() {
        return busy.get();
    }

    /**
     * Takes a parsed, authenticated report for writing.
     *
     * @param persisted  the ordering key on the Node (empty when it has none or it is unreadable)
     * @param nodeDigest the digest on the Node, or null
     */
    public Admission submit(NodeReport report, byte[] body, String digest, Optional<ReportOrder> persisted,
                            String nodeDigest) {
        String node = report.node();
        ReportOrder order = ReportOrder.of(report);
        Slot slot = slots.computeIfAbsent(node, k -> new Slot());
        boolean start;
        Job job;
        synchronized (slot) {
            ReportOrder floor = slot.newest;
            String floorDigest = slot.newestDigest;
            if (persisted.isPresent() && (floor == null
                    || persisted.get().relativeTo(floor) == ReportOrder.Relation.NEWER)) {
                floor = persisted.get();
                floorDigest = nodeDigest;
            }
            if (floor != null) {
                ReportOrder.Relation rel = order.relativeTo(floor);
                if (rel == ReportOrder.Relation.OLDER) {
                    return new Refused(409, "the report (" + order.encode() + ") is not newer than the newest one "
                            + "accepted for node " + node + " (" + floor.encode() + "); nothing was written");
                }
                if (rel == ReportOrder.Relation.SAME) {
                    if (floorDigest != null && !floorDigest.equals(digest)) {
                        return new Refused(409, "a different report with the same order (" + order.encode()
                                + ") was already accepted for node " + node + "; nothing was written");
                    }
                    for (Job j : new Job[] {slot.pending, slot.inFlight}) {
                        if (j != null && j.order().equals(order)) {
                            // the same report sent again while it is still being written: the same answer
                            return new Admitted(j.done(), slot);
                        }
                    }
                }
            }
            boolean idle = slot.pending == null && slot.inFlight == null;
            if (idle && busy.get() >= limits.maxBusyNodes()) {
                return new Refused(503, "the collector has " + busy.get() + " nodes' writes waiting (at most "
                        + limits.maxBusyNodes() + "); nothing was accepted");
            }
            job = new Job(report, body, digest, order, new CompletableFuture<>());
            slot.newest = order;
            slot.newestDigest = digest;
            if (slot.pending != null) {
                slot.pending.done().complete(new Superseded("a newer report of node " + node
                        + " arrived before this one was written"));
            }
            slot.pending = job;
            if (idle) {
                busy.incrementAndGet();
            }
            start = slot.inFlight == null && !slot.waitingToRetry;
            if (start) {
                slot.inFlight = job;
                slot.pending = null;
            }
        }
        if (start) {
            dispatch(node, slot, job);
        }
        return new Admitted(job.done(), slot);
    }

    private void dispatch(String node, Slot slot, Job job) {
        try {
            writers.execute(() -> write(node, slot, job));
        } catch (RejectedExecutionException e) {
            // closing: the report is not written; the agent sends it again to the next collector
            job.done().complete(new Superseded("the collector is stopping"));
        }
    }

    private void write(String node, Slot slot, Job job) {
        Outcome outcome = null;
        String failure = null;
        try {
            Optional<NodeService.Stored> stored = service.acceptIfNewest(job.report(), job.body(), job.order());
            outcome = stored.<Outcome>map(Written::new).orElseGet(() -> new Superseded(
                    "the Node already carries a newer report of node " + node));
        } catch (UnknownNodeException e) {
            outcome = new Gone(e.getMessage());
        } catch (ApiUnavailableException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("node", node).setCause(e).log("writing the node failed");
            failure = "internal error: " + e;
        }
        Job next = null;
        long retryInMs = -1;
        synchronized (slot) {
            slot.inFlight = null;
            if (outcome != null) {
                job.done().complete(outcome);
                slot.failures = 0;
                slot.lastError = null;
            } else {
                slot.lastError = failure;
                if (slot.pending == null) {
                    slot.pending = job;
                } else {
                    job.done().complete(new Superseded("a newer report of node " + node
                            + " arrived while this one could not be written"));
                }
                retryInMs = backoff(slot.failures++).toMillis();
                slot.waitingToRetry = true;
            }
            if (!slot.waitingToRetry && slot.pending != null) {
                next = slot.pending;
                slot.pending = null;
                slot.inFlight = next;
            } else if (slot.pending == null && !slot.waitingToRetry) {
                busy.decrementAndGet();
            }
        }
        if (failure != null) {
            LOG.atWarn().addKeyValue("node", node).addKeyValue("reason", failure).addKeyValue("retryInMs", retryInMs)
                    .log("node write failed; retrying");
            try {
                retries.schedule(() -> retry(node, slot), retryInMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
        if (next != null) {
            dispatch(node, slot, next);
        }
    }

    private void retry(String node, Slot slot) {
        Job next;
        synchronized (slot) {
            slot.waitingToRetry = false;
            next = slot.pending;
            if (next == null || slot.inFlight != null) {
                return;
            }
            slot.pending = null;
            slot.inFlight = next;
        }
        dispatch(node, slot, next);
    }

    private Duration backoff(int failures) {
        long ms = limits.firstRetry().toMillis() << Math.min(failures, 16);
        return Duration.ofMillis(Math.min(ms, limits.maxRetry().toMillis()));
    }

    @Override
    public void close() {
        retries.shutdownNow();
        writers.shutdownNow();
        try {
            writers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
