package io.ra2check.collector;

import io.ra2check.collector.http.IntakeLimits;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the collector is configured with (see {@link CollectorCommand} for the flags and their defaults).
 *
 * @param countUnsetCpuLimits ra2.ch.006: a container without a CPU limit makes the node's limits sum unbounded
 * @param manageLabels        set and remove the {@code anuket.io/profile/*} labels
 * @param tlsCert             PEM certificate chain for HTTPS, or null for plain HTTP
 * @param workloadNamespaces  the namespaces whose live workloads are judged against the ra2.app rules (and
 *                            ra2.pkg.002); empty: none
 */
public record CollectorConfig(
        InetSocketAddress listen,
        String agentNamespace,
        String agentServiceAccount,
        String audience,
        int maxBodyBytes,
        String leaseNamespace,
        String leaseName,
        String identity,
        Duration leaseDuration,
        Duration renewDeadline,
        Duration retryPeriod,
        String poolLabel,
        Duration tokenCacheTtl,
        int tokenCacheSize,
        boolean countUnsetCpuLimits,
        boolean manageLabels,
        Duration resyncInterval,
        double leaderWritesPerSecond,
        Duration versionInterval,
        int httpThreads,
        Path tlsCert,
        Path tlsKey,
        Trust trust,
        IntakeLimits intake,
        java.util.List<String> workloadNamespaces) {

    public CollectorConfig {
        workloadNamespaces = workloadNamespaces == null ? java.util.List.of() : java.util.List.copyOf(workloadNamespaces);
    }

    /** The pool label the collector uses unless told otherwise: a key no kubelet may set on its own Node. */
    public static final String DEFAULT_POOL_LABEL = "node-restriction.kubernetes.io/ra2check-pool";

    /**
     * What limits the harm one node can do to others, and how the collector tells a node stopped reporting.
     *
     * @param poolQuorum       the fewest reporting nodes a pool needs before ra2.os.004 calls a majority
     * @param reportInterval   how often the agents report
     * @param staleAfterMissed missed report intervals after which a node is stale; 0: never
     * @param readAuth         the read API asks for a token allowed to get reports.ra2check.io (on from the command
     *                         line; off in {@link #defaults} for tests and embedding)
     */
    public record Trust(int poolQuorum, Duration reportInterval, int staleAfterMissed, boolean readAuth) {
        public static Trust defaults() {
            return new Trust(3, Duration.ofMinutes(10), 3, false);
        }

        public Trust withStaleness(Duration interval, int missed) {
            return new Trust(poolQuorum, interval, missed, readAuth);
        }

        public Trust withReadAuth(boolean on) {
            return new Trust(poolQuorum, reportInterval, staleAfterMissed, on);
        }
    }

    /** Defaults for tests and embedding: listen on loopback port 0, short lease. */
    public static CollectorConfig defaults(String leaseNamespace, String identity) {
        return new CollectorConfig(new InetSocketAddress("127.0.0.1", 0), "ra2check", "ra2check-agent",
                "ra2check-collector", 262144, leaseNamespace, "ra2check-collector", identity, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2), DEFAULT_POOL_LABEL,
                Duration.ofSeconds(60), 10000, true, true, Duration.ofMinutes(10), 20, Duration.ofMinutes(5), 16, null,
                null, Trust.defaults(), IntakeLimits.defaults(), java.util.List.of());
    }

    public CollectorConfig withLease(Duration duration, Duration renew, Duration retry) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, duration, renew, retry, poolLabel, tokenCacheTtl, tokenCacheSize,
                countUnsetCpuLimits, manageLabels, resyncInterval, leaderWritesPerSecond, versionInterval, httpThreads,
                tlsCert, tlsKey, trust, intake, workloadNamespaces);
    }

    public CollectorConfig withManageLabels(boolean manage) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manage, resyncInterval, leaderWritesPerSecond,
                versionInterval, httpThreads, tlsCert, tlsKey, trust, intake, workloadNamespaces);
    }

    public CollectorConfig withTls(Path cert, Path key) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval,
                leaderWritesPerSecond, versionInterval, httpThreads, cert, key, trust, intake, workloadNamespaces);
    }

    public CollectorConfig withMaxBodyBytes(int max) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, max, leaseNamespace,
                leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel, tokenCacheTtl,
                tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval, leaderWritesPerSecond,
                versionInterval, httpThreads, tlsCert, tlsKey, trust, intake, workloadNamespaces);
    }

    public CollectorConfig withVersionInterval(Duration every) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval,
                leaderWritesPerSecond, every, httpThreads, tlsCert, tlsKey, trust, intake, workloadNamespaces);
    }

    public CollectorConfig withTrust(Trust t) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval,
                leaderWritesPerSecond, versionInterval, httpThreads, tlsCert, tlsKey, t, intake, workloadNamespaces);
    }

    public CollectorConfig withIntake(IntakeLimits limits) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval,
                leaderWritesPerSecond, versionInterval, httpThreads, tlsCert, tlsKey, trust, limits, workloadNamespaces);
    }

    public CollectorConfig withListen(InetSocketAddress address) {
        return new CollectorConfig(address, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval,
                leaderWritesPerSecond, versionInterval, httpThreads, tlsCert, tlsKey, trust, intake, workloadNamespaces);
    }

    public CollectorConfig withTokenCacheTtl(Duration ttl) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel, ttl,
                tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval, leaderWritesPerSecond,
                versionInterval, httpThreads, tlsCert, tlsKey, trust, intake, workloadNamespaces);
    }

    public CollectorConfig withWorkloadNamespaces(java.util.List<String> namespaces) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval,
                leaderWritesPerSecond, versionInterval, httpThreads, tlsCert, tlsKey, trust, intake, namespaces);
    }
}
