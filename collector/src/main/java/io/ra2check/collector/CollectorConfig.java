package io.ra2check.collector;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the collector is configured with (see {@link CollectorCommand} for the flags and their defaults).
 *
 * @param countUnsetCpuLimits ra2.ch.006: a container without a CPU limit makes the node's limits sum unbounded
 * @param manageLabels        set and remove the {@code anuket.io/profile/*} labels
 * @param tlsCert             PEM certificate chain for HTTPS, or null for plain HTTP
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
        IntakeLimits intake) {

    /**
     * What bounds the HTTP server and the intake path (docs/collector.md, "Intake guarantees").
     *
     * @param headerTimeout      a connection must complete a request's headers within this (else it is closed)
     * @param bodyTimeout        a report's body must arrive within this once its headers did (else 408)
     * @param idleTimeout        a connection with no traffic for this long is closed
     * @param maxConnections     open connections on the main listener; beyond, new ones wait in the backlog
     * @param answerWithin       how long intake waits for the node write before answering 202 (accepted, pending)
     * @param writers            threads writing Nodes
     * @param maxBusyNodes       nodes with a write in flight or waiting; beyond, a report gets 503
     * @param clockSkew          a report dated later than now plus this is refused (400)
     * @param healthListen       a second listener serving only /healthz, /readyz and /metrics, on its own threads;
     *                           null for none
     * @param negativeTokenTtl   how long a token the API server refused is refused without asking again
     * @param authFailuresPerMinute failed authentications allowed per source address and minute (then 429)
     */
    public record IntakeLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections,
                               Duration answerWithin, int writers, int maxBusyNodes, Duration clockSkew,
                               InetSocketAddress healthListen, Duration negativeTokenTtl, int authFailuresPerMinute) {
        public static IntakeLimits defaults() {
            return new IntakeLimits(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), 2048,
                    Duration.ofSeconds(2), 8, 1024, Duration.ofMinutes(5), null, Duration.ofSeconds(10), 30);
        }
    }

    /** Defaults for tests and embedding: listen on loopback port 0, short lease. */
    public static CollectorConfig defaults(String leaseNamespace, String identity) {
        return new CollectorConfig(new InetSocketAddress("127.0.0.1", 0), "ra2check", "ra2check-agent",
                "ra2check-collector", 262144, leaseNamespace, "ra2check-collector", identity, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2), "node.kubernetes.io/instance-type",
                Duration.ofSeconds(60), 10000, true, true, Duration.ofMinutes(10), 20, Duration.ofMinutes(5), 16, null,
                null, IntakeLimits.defaults());
    }

    public CollectorConfig withLease(Duration duration, Duration renew, Duration retry) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, duration, renew, retry, poolLabel, tokenCacheTtl, tokenCacheSize,
                countUnsetCpuLimits, manageLabels, resyncInterval, leaderWritesPerSecond, versionInterval, httpThreads,
                tlsCert, tlsKey, intake);
    }

    public CollectorConfig withManageLabels(boolean manage) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manage, resyncInterval, leaderWritesPerSecond,
                versionInterval, httpThreads, tlsCert, tlsKey, intake);
    }

    public CollectorConfig withTls(Path cert, Path key) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval,
                leaderWritesPerSecond, versionInterval, httpThreads, cert, key, intake);
    }

    public CollectorConfig withMaxBodyBytes(int max) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, max, leaseNamespace,
                leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel, tokenCacheTtl,
                tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval, leaderWritesPerSecond,
                versionInterval, httpThreads, tlsCert, tlsKey, intake);
    }

    public CollectorConfig withVersionInterval(Duration every) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval,
                leaderWritesPerSecond, every, httpThreads, tlsCert, tlsKey, intake);
    }

    public CollectorConfig withIntake(IntakeLimits limits) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval,
                leaderWritesPerSecond, versionInterval, httpThreads, tlsCert, tlsKey, limits);
    }

    public CollectorConfig withListen(InetSocketAddress address) {
        return new CollectorConfig(address, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel,
                tokenCacheTtl, tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval,
                leaderWritesPerSecond, versionInterval, httpThreads, tlsCert, tlsKey, intake);
    }

    public CollectorConfig withTokenCacheTtl(Duration ttl) {
        return new CollectorConfig(listen, agentNamespace, agentServiceAccount, audience, maxBodyBytes,
                leaseNamespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, poolLabel, ttl,
                tokenCacheSize, countUnsetCpuLimits, manageLabels, resyncInterval, leaderWritesPerSecond,
                versionInterval, httpThreads, tlsCert, tlsKey, intake);
    }
}
