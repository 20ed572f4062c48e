package io.ra2check.collector;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ra2check.collector.kube.ClusterReader;
import io.ra2check.collector.meta.ClusterJudge;
import io.ra2check.collector.service.ClusterStatus;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ra2check.collector.auth.ReadAuthorizer;
import io.ra2check.collector.auth.TokenAuthenticator;
import io.ra2check.collector.auth.TokenCache;
import io.ra2check.collector.http.HttpApi;
import io.ra2check.collector.http.Tls;
import io.ra2check.collector.kube.KubeAccess;
import io.ra2check.collector.kube.NodeStore;
import io.ra2check.collector.kube.PodStore;
import io.ra2check.collector.leader.LeaderWork;
import io.ra2check.collector.leader.Leadership;
import io.ra2check.collector.meta.Judge;
import io.ra2check.collector.meta.Liveness;
import io.ra2check.collector.ops.Metrics;
import io.ra2check.collector.ops.NodeSeries;
import io.ra2check.collector.publish.NodeFeatures;
import io.ra2check.collector.publish.PublishMode;
import io.ra2check.collector.publish.Publisher;
import io.ra2check.collector.service.NodeService;
import io.ra2check.collector.service.NodeWrites;
import io.ra2check.collector.service.ReportArchive;
import io.ra2check.collector.service.VersionTracker;
import io.ra2check.report.RequirementCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One collector replica: informers over nodes and pods, the HTTP API, and a candidacy for leadership of the
 * cluster-wide work. Stateless beyond caches: everything that counts is on the Node objects.
 */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    /**
     * Page size of the informers' lists: 5,000 nodes or 150,000 pods arrive in pages of this many objects, so that
     * only one small page of full objects is in memory at a time (pages of 500 Nodes doubled the start-up peak).
     */
    private static final long LIST_CHUNK = 100;

    private final CollectorConfig config;
    private final Metrics metrics;
    private final NodeStore nodeStore;
    private final PodStore podStore;
    private final SharedIndexInformer<Node> nodeInformer;
    private final SharedIndexInformer<Pod> podInformer;
    private final VersionTracker version;
    /** The cluster-wide requirements (etcd, zones, APIs, CNI, storage...), judged from a view read this often. */
    static final java.time.Duration CLUSTER_INTERVAL = java.time.Duration.ofMinutes(10);
    private final ClusterStatus clusterStatus;
    private final NodeService service;
    private final NodeWrites writes;
    private final HttpApi http;
    private final Leadership leadership;
    private LeaderWork leaderWork;

    private Collector(CollectorConfig config, KubernetesClient client, Clock clock, PublishMode publish,
                      boolean nodeFeatures) throws IOException {
        this.config = config;
        KubeAccess kube = new KubeAccess(client);
        nodeStore = new NodeStore(config.poolLabel());
        podStore = new PodStore();
        metrics = new Metrics(nodeStore::countByStatus);
        metrics.register(new NodeSeries(nodeStore::all, NodeSeries.Detail.ACTIONABLE));

        nodeInformer = client.nodes().withLimit(LIST_CHUNK).runnableInformer(0);
        nodeInformer.removeNamespaceIndex();
        nodeInformer.itemStore(nodeStore);
        nodeInformer.exceptionHandler((started, t) -> {
            // fabric8 logs the failure itself (warn); this only notes the retry
            LOG.atDebug().addKeyValue("reason", String.valueOf(t.getMessage())).log("node watch failed; retrying");
            return true;
        });
        podInformer = client.pods().inAnyNamespace().withLimit(LIST_CHUNK).runnableInformer(0);
        podInformer.removeNamespaceIndex();
        podInformer.itemStore(podStore);
        podInformer.exceptionHandler((started, t) -> {
            LOG.atDebug().addKeyValue("reason", String.valueOf(t.getMessage())).log("pod watch failed; retrying");
            return true;
        });
        version = new VersionTracker(kube, config.versionInterval());

        Judge judge = new Judge(RequirementCatalog.builtIn(),
                new Judge.Options(config.countUnsetCpuLimits(), config.manageLabels(), config.trust().poolQuorum()));
        service = new NodeService(judge, nodeStore, podStore, podInformer::hasSynced, version, kube,
                new ReportArchive(), metrics, clock,
                new Liveness(config.trust().reportInterval(), config.trust().staleAfterMissed()));
        clusterStatus = new ClusterStatus(new ClusterReader(client, config.workloadNamespaces())::read, new ClusterJudge(judge.catalog()),
                CLUSTER_INTERVAL, clock);
        service.cluster(clusterStatus);
        service.publishTo(new Publisher(client, publish, config.identity(), clock,
                config.maxBodyBytes()));
        if (nodeFeatures) {
            service.nodeFeaturesTo(new NodeFeatures(client, config.leaseNamespace(), true, clock));
        }
        TokenAuthenticator auth = new TokenAuthenticator(kube, config.audience(), config.agentNamespace(),
                config.agentServiceAccount(), new TokenCache(config.tokenCacheTtl(), config.tokenCacheSize(),
                config.intake().negativeTokenTtl(), clock));
        leadership = new Leadership(client, new Leadership.Settings(config.leaseNamespace(), config.leaseName(),
                config.identity(), config.leaseDuration(), config.renewDeadline(), config.retryPeriod()),
                new Leadership.Callbacks() {
                    @Override
                    public void startLeading() {
                        startLeaderWork();
                    }

                    @Override
                    public void stopLeading() {
                        stopLeaderWork();
                    }
                });
        writes = new NodeWrites(service, new NodeWrites.Limits(config.intake().writers(),
                config.intake().maxBusyNodes(), Duration.ofSeconds(1), Duration.ofSeconds(30)));
        http = new HttpApi(new HttpApi.Settings(config.listen(), config.httpThreads(), config.maxBodyBytes(),
                config.tlsCert() == null ? null : Tls.context(config.tlsCert(), config.tlsKey()), config.intake()),
                auth, new ReadAuthorizer(kube, config.leaseNamespace(), new TokenCache(config.tokenCacheTtl(),
                        config.tokenCacheSize(), clock), config.trust().readAuth()),
                service, writes, nodeStore, this::notListed, leadership::isLeader, metrics, this::notReady, clock);
    }

    /** Starts a replica; the HTTP server listens when this returns, readiness follows as the informers sync. */
    public static Collector start(CollectorConfig config, KubernetesClient client) throws IOException {
        return start(config, client, Clock.systemUTC(), publishModeFromEnvironment(), nodeFeaturesFromEnvironment());
    }

    /** For tests and embedding: publishes nothing beyond the Node metadata. */
    public static Collector start(CollectorConfig config, KubernetesClient client, Clock clock) throws IOException {
        return start(config, client, clock, PublishMode.NONE);
    }

    /**
     * {@code RA2CHECK_REPORT_API} (auto, openreports, wgpolicy, none; the chart's {@code collector.reportApi}) says
     * where reports are published; auto when unset. An environment variable rather than a flag keeps this off the
     * shared configuration record.
     */
    /**
     * {@code RA2CHECK_NODE_FEATURES} (the chart's {@code collector.nodeFeatures}): "false" turns the NFD NodeFeature
     * objects off; on otherwise (they are written only where the CRD is installed).
     */
    static boolean nodeFeaturesFromEnvironment() {
        String v = System.getenv("RA2CHECK_NODE_FEATURES");
        return v == null || !v.trim().equalsIgnoreCase("false");
    }

    static PublishMode publishModeFromEnvironment() {
        String v = System.getenv("RA2CHECK_REPORT_API");
        return v == null || v.isBlank() ? PublishMode.AUTO : PublishMode.parse(v.trim());
    }

    /** For tests: publishing to {@code publish}, and NodeFeature objects unless that is NONE. */
    public static Collector start(CollectorConfig config, KubernetesClient client, Clock clock, PublishMode publish)
            throws IOException {
        return start(config, client, clock, publish, publish != PublishMode.NONE);
    }

    public static Collector start(CollectorConfig config, KubernetesClient client, Clock clock, PublishMode publish,
                                  boolean nodeFeatures) throws IOException {
        Collector c = new Collector(config, client, clock, publish, nodeFeatures);
        c.nodeInformer.start();
        c.podInformer.start();
        c.version.start();
        c.clusterStatus.start();
        c.http.start();
        c.leadership.start();
        LOG.atInfo().addKeyValue("port", c.http.port()).addKeyValue("identity", config.identity())
                .addKeyValue("tls", config.tlsCert() != null).log("collector started");
        return c;
    }

    public int port() {
        return http.port();
    }

    /** The health listener's port, or -1 when none is configured. */
    public int healthPort() {
        return http.healthPort();
    }

    public boolean isLeader() {
        return leadership.isLeader();
    }

    public String identity() {
        return config.identity();
    }

    /** What this replica has not read yet, for intake; empty once nodes, pods and the version are known. */
    public List<String> notListed() {
        List<String> out = new ArrayList<>();
        if (!nodeInformer.hasSynced()) {
            out.add("nodes not listed yet");
        }
        if (!podInformer.hasSynced()) {
            out.add("pods not listed yet");
        }
        if (!version.known()) {
            out.add("control plane version not read yet");
        }
        return out;
    }

    /** Why this replica is not ready; empty when it is. */
    public List<String> notReady() {
        List<String> out = new ArrayList<>();
        if (!nodeInformer.hasSynced()) {
            out.add("nodes not listed yet");
        } else if (!nodeInformer.isWatching()) {
            out.add("node watch not connected (API server unreachable?)");
        }
        if (!podInformer.hasSynced()) {
            out.add("pods not listed yet");
        } else if (!podInformer.isWatching()) {
            out.add("pod watch not connected (API server unreachable?)");
        }
        if (!version.known()) {
            out.add("control plane version not read yet");
        }
        return out;
    }

    private synchronized void startLeaderWork() {
        if (leaderWork != null) {
            return;
        }
        leaderWork = new LeaderWork(service, nodeStore, podStore, version,
                () -> nodeInformer.hasSynced() && podInformer.hasSynced() && version.known(),
                config.resyncInterval(), config.leaderWritesPerSecond());
        leaderWork.start();
        metrics.leader(true);
    }

    private synchronized void stopLeaderWork() {
        if (leaderWork == null) {
            return;
        }
        leaderWork.close();
        leaderWork = null;
        metrics.leader(false);
    }

    @Override
    public void close() {
        LOG.atInfo().addKeyValue("identity", config.identity()).log("collector stopping");
        leadership.close();
        stopLeaderWork();
        http.close();
        writes.close();
        nodeInformer.close();
        podInformer.close();
        version.close();
        clusterStatus.close();
    }

    /** For tests: wait until this replica is ready. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (notReady().isEmpty()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
