package io.ra2check.collector.service;

import io.ra2check.collector.check.ControlPlane;
import io.ra2check.collector.kube.ApiUnavailableException;
import io.ra2check.collector.kube.KubeAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The control plane's release for ra2.k8s.005, read from {@code /version} at start and then periodically. A failed
 * read keeps the last known version: a blip of the API server must not turn every node's verdict to UNKNOWN.
 */
public final class VersionTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VersionTracker.class);

    private final KubeAccess kube;
    private final Duration interval;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private volatile ControlPlane current = ControlPlane.unknown("the API server's /version has not been read yet");
    private volatile boolean known;
    /** System.nanoTime() of the last successful read. */
    private volatile long lastRead;

    public VersionTracker(KubeAccess kube, Duration interval) {
        this.kube = kube;
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ra2check-version");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads at once, then every interval; until a first read succeeds, every 5 seconds (readiness waits for it). */
    public void start() {
        long tick = Math.min(interval.toMillis(), RETRY.toMillis());
        timer.scheduleWithFixedDelay(() -> {
            if (!known || System.nanoTime() - lastRead >= interval.toNanos()) {
                refresh();
            }
        }, 0, tick, TimeUnit.MILLISECONDS);
    }

    private static final Duration RETRY = Duration.ofSeconds(5);

    public ControlPlane current() {
        return current;
    }

    /** Whether the version has been read at least once. */
    public boolean known() {
        return known;
    }

    public void addListener(Runnable r) {
        listeners.add(r);
    }

    public void removeListener(Runnable r) {
        listeners.remove(r);
    }

    void refresh() {
        try {
            String v = kube.controlPlaneVersion();
            ControlPlane next = ControlPlane.of(v);
            boolean changed = !next.equals(current);
            current = next;
            known = true;
            lastRead = System.nanoTime();
            if (changed) {
                LOG.atInfo().addKeyValue("version", v).log("control plane version");
                listeners.forEach(Runnable::run);
            }
        } catch (ApiUnavailableException e) {
            if (!known) {
                current = ControlPlane.unknown(e.getMessage());
            } else {
                // keep the last known version; try again at the next tick rather than a whole interval later
                lastRead = System.nanoTime() - interval.toNanos();
            }
            LOG.atWarn().addKeyValue("reason", e.getMessage()).log("cannot read the control plane version");
        } catch (RuntimeException e) {
            LOG.error("reading the control plane version failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
