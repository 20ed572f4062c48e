package io.ra2check.collector.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes part in the election of the replica that runs the cluster-wide work: a Lease in the collector's namespace,
 * with fabric8's LeaderElector. A replica that loses the lease stops its leader work at once and stands again for
 * election; a replica that closes releases the lease, so another takes over without waiting for it to expire.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    /** Lease settings. */
    public record Settings(String namespace, String leaseName, String identity, Duration leaseDuration,
                           Duration renewDeadline, Duration retryPeriod) {
    }

    /** What to do when this replica starts and stops leading. Called on the elector's threads: must be quick. */
    public interface Callbacks {
        void startLeading();

        void stopLeading();
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final Callbacks callbacks;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ra2check-election");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<?> running;
    private boolean leading;
    private volatile String leader;
    private boolean closed;

    public Leadership(KubernetesClient client, Settings settings, Callbacks callbacks) {
        this.client = client;
        this.settings = settings;
        this.callbacks = callbacks;
    }

    public synchronized void start() {
        if (closed) {
            return;
        }
        LeaderElectionConfig config = new LeaderElectionConfigBuilder()
                .withName("ra2check-collector")
                .withLock(new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, this::newLeader))
                .build();
        CompletableFuture<?> f = client.leaderElector().withConfig(config).build().start();
        running = f;
        f.whenComplete((v, t) -> {
            // an elector that lost the lease is done for good: stand again with a new one
            stopped();
            synchronized (Leadership.this) {
                if (!closed && running == f) {
                    retry.schedule(this::start, settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    private void started() {
        synchronized (this) {
            if (leading || closed) {
                return;
            }
            leading = true;
        }
        LOG.atInfo().addKeyValue("identity", settings.identity()).log("became the leader");
        callbacks.startLeading();
    }

    private void stopped() {
        synchronized (this) {
            if (!leading) {
                return;
            }
            leading = false;
        }
        LOG.atInfo().addKeyValue("identity", settings.identity()).log("stopped leading");
        callbacks.stopLeading();
    }

    private void newLeader(String identity) {
        leader = identity;
        LOG.atInfo().addKeyValue("leader", identity).log("leader observed");
    }

    public synchronized boolean isLeader() {
        return leading;
    }

    /** The identity of the leader last observed (null when none was). */
    public String leader() {
        return leader;
    }

    @Override
    public void close() {
        CompletableFuture<?> f;
        synchronized (this) {
            closed = true;
            f = running;
        }
        retry.shutdownNow();
        if (f != null) {
            // cancelling releases the lease (releaseOnCancel) before returning
            f.cancel(true);
        }
        stopped();
    }
}
