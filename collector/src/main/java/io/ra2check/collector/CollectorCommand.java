package io.ra2check.collector;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The collector's command line: flags, their defaults, and their validation into a {@link CollectorConfig}. */
@Command(name = "ra2check-collector", mixinStandardHelpOptions = true, versionProvider = CollectorCommand.Version.class,
        sortOptions = false, usageHelpWidth = 110,
        description = "Receives ra2check node reports, runs the checks that need the cluster's view and writes the "
                + "verdicts onto the Node objects (anuket.io/profile/* labels, ra2check.io/* annotations).")
public final class CollectorCommand {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    /** The label domain the NodeRestriction admission plugin keeps kubelets from setting on their own Node. */
    static final String NODE_RESTRICTION = "node-restriction.kubernetes.io";
    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig to use; default: in-cluster ServiceAccount, else ~/.kube/config")
    Path kubeconfig;

    @Option(names = "--listen", paramLabel = "[HOST]:PORT", defaultValue = ":8080",
            description = "address of the HTTP(S) server (default: ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--tls-cert-file", paramLabel = "FILE",
            description = "PEM certificate chain: serve HTTPS (with --tls-key-file); default plain HTTP")
    Path tlsCert;

    @Option(names = "--tls-key-file", paramLabel = "FILE", description = "PEM PKCS#8 private key for --tls-cert-file")
    Path tlsKey;

    @Option(names = "--agent-service-account", paramLabel = "NAMESPACE/NAME", defaultValue = "ra2check/ra2check-agent",
            description = "the only ServiceAccount allowed to post reports (default: ${DEFAULT-VALUE})")
    String agentServiceAccount;

    @Option(names = "--audience", defaultValue = "ra2check-collector",
            description = "audience the agents' projected tokens must carry (default: ${DEFAULT-VALUE})")
    String audience;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "262144",
            description = "largest report accepted; larger ones get 413 (default: ${DEFAULT-VALUE})")
    int maxBodyBytes;

    @Option(names = "--namespace", description = "namespace of the leader-election Lease; default: the collector's "
            + "own namespace (in-cluster), else the kubeconfig context's, else 'default'")
    String namespace;

    @Option(names = "--lease-name", defaultValue = "ra2check-collector",
            description = "name of the Lease (default: ${DEFAULT-VALUE})")
    String leaseName;

    @Option(names = "--identity", description = "this replica's identity in the Lease; default: $HOSTNAME (the pod "
            + "name) and a random suffix")
    String identity;

    @Option(names = "--pool-label", paramLabel = "LABEL", defaultValue = CollectorConfig.DEFAULT_POOL_LABEL,
            description = "node label whose value defines the pools compared for ra2.os.004, under "
                    + NODE_RESTRICTION + "/ (the NodeRestriction admission plugin keeps kubelets from setting it); "
                    + "control-plane nodes form pools of their own (default: ${DEFAULT-VALUE})")
    String poolLabel;

    @Option(names = "--pool-quorum", paramLabel = "N", defaultValue = "3",
            description = "ra2.os.004: the fewest reporting nodes a pool needs before the configuration more than "
                    + "half of them share is its reference; smaller pools are MANUAL (default: ${DEFAULT-VALUE})")
    int poolQuorum;

    @Option(names = "--report-interval", paramLabel = "DURATION", defaultValue = "10m",
            description = "how often the agents report (their --interval): the unit of --stale-after-missed "
                    + "(default: ${DEFAULT-VALUE})")
    String reportInterval;

    @Option(names = "--stale-after-missed", paramLabel = "N", defaultValue = "3",
            description = "after N missed report intervals (at most 2N) a node is marked ra2check.io/stale=true and "
                    + "loses its anuket.io/profile labels until it reports again; 0 never (default: ${DEFAULT-VALUE})")
    int staleAfterMissed;

    @Option(names = "--[no-]read-auth", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "the read API (GET /api/v1/nodes...) needs a bearer token whose user may get "
                    + "reports.ra2check.io in --namespace (TokenReview + SubjectAccessReview); default: on")
    boolean readAuth;

    @Option(names = "--token-cache-ttl", paramLabel = "DURATION", defaultValue = "60s",
            description = "how long a positive TokenReview is reused, never beyond the token's expiry; 0 disables "
                    + "(default: ${DEFAULT-VALUE})")
    String tokenCacheTtl;

    @Option(names = "--token-cache-size", paramLabel = "N", defaultValue = "10000",
            description = "most tokens cached (default: ${DEFAULT-VALUE})")
    int tokenCacheSize;

    @Option(names = "--[no-]count-unset-cpu-limits", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "ra2.ch.006: a container without a CPU limit makes the limits sum unbounded "
                    + "(default: on; --no-count-unset-cpu-limits sums only the limits set)")
    boolean countUnsetCpuLimits;

    @Option(names = "--[no-]manage-labels", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "set and remove the anuket.io/profile/* labels (default: on); off, ra2.k8s.011 judges "
                    + "the labels someone else sets")
    boolean manageLabels;

    @Option(names = "--resync-interval", paramLabel = "DURATION", defaultValue = "10m",
            description = "how often the leader judges every node again (default: ${DEFAULT-VALUE})")
    String resyncInterval;

    @Option(names = "--leader-writes-per-second", paramLabel = "N", defaultValue = "20",
            description = "pace of the leader's node writes (default: ${DEFAULT-VALUE})")
    double leaderWritesPerSecond;

    @Option(names = "--lease-duration", paramLabel = "DURATION", defaultValue = "15s",
            description = "how long a leader's Lease holds without renewal; another replica takes over after it "
                    + "(default: ${DEFAULT-VALUE})")
    String leaseDuration;

    @Option(names = "--renew-deadline", paramLabel = "DURATION", defaultValue = "10s",
            description = "how long the leader keeps trying to renew before it gives up leading "
                    + "(default: ${DEFAULT-VALUE})")
    String renewDeadline;

    @Option(names = "--retry-period", paramLabel = "DURATION", defaultValue = "2s",
            description = "how often replicas try to acquire or renew the Lease (default: ${DEFAULT-VALUE})")
    String retryPeriod;

    @Option(names = "--version-interval", paramLabel = "DURATION", defaultValue = "5m",
            description = "how often the control plane version is read for ra2.k8s.005 (default: ${DEFAULT-VALUE})")
    String versionInterval;

    @Option(names = "--api-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "timeout of one request to the API server (default: ${DEFAULT-VALUE})")
    String apiTimeout;

    @Option(names = "--http-threads", paramLabel = "N", defaultValue = "16",
            description = "threads serving HTTP requests (default: ${DEFAULT-VALUE})")
    int httpThreads;

    @Option(names = "--health-listen", paramLabel = "[HOST]:PORT",
            description = "also serve /healthz, /readyz and /metrics on this address, on threads of their own and "
                    + "without the connection limit (default: none; the main listener serves them too)")
    String healthListen;

    @Option(names = "--header-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "a connection must complete a request's headers within this, else it is closed "
                    + "(default: ${DEFAULT-VALUE})")
    String headerTimeout;

    @Option(names = "--body-timeout", paramLabel = "DURATION", defaultValue = "20s",
            description = "a report's body must arrive within this, else 408 (default: ${DEFAULT-VALUE})")
    String bodyTimeout;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "a connection without traffic for this long is closed (default: ${DEFAULT-VALUE})")
    String idleTimeout;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "2048",
            description = "open connections on the main listener; more wait in the backlog (default: ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--answer-within", paramLabel = "DURATION", defaultValue = "2s",
            description = "how long intake waits for the node write before answering 202 (accepted, write pending) "
                    + "(default: ${DEFAULT-VALUE})")
    String answerWithin;

    @Option(names = "--write-threads", paramLabel = "N", defaultValue = "8",
            description = "threads writing Nodes (default: ${DEFAULT-VALUE})")
    int writeThreads;

    @Option(names = "--max-busy-nodes", paramLabel = "N", defaultValue = "1024",
            description = "nodes with a write in flight or waiting; a report beyond gets 503 (default: ${DEFAULT-VALUE})")
    int maxBusyNodes;

    @Option(names = "--clock-skew", paramLabel = "DURATION", defaultValue = "5m",
            description = "a report dated later than the collector's clock plus this is refused (default: "
                    + "${DEFAULT-VALUE})")
    String clockSkew;

    @Option(names = "--refused-token-ttl", paramLabel = "DURATION", defaultValue = "10s",
            description = "how long a token the API server refused is refused again without a TokenReview; 0 "
                    + "disables (default: ${DEFAULT-VALUE})")
    String refusedTokenTtl;

    @Option(names = "--auth-failures-per-minute", paramLabel = "N", defaultValue = "30",
            description = "failed authentications allowed per source address and minute, then 429; 0 disables "
                    + "(default: ${DEFAULT-VALUE})")
    int authFailuresPerMinute;

    @Option(names = "--workload-namespaces", paramLabel = "NS[,NS...]", defaultValue = "",
            description = "namespaces whose live workloads (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, "
                    + "bare Pods, Services, ConfigMaps, ...) are judged against the ra2.app rules and ra2.pkg.002 with "
                    + "the cluster checks, at most " + MAX_WORKLOAD_NAMESPACES + "; default: none")
    String workloadNamespaces;

    /** Each namespace is up to 2,000 objects read every 10 minutes: a bound keeps one flag from reading the cluster. */
    static final int MAX_WORKLOAD_NAMESPACES = 50;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "trace, debug, info, warn, error or off (default: ${DEFAULT-VALUE})")
    String logLevel;

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CollectorCommand.class.getPackage().getImplementationVersion();
            return new String[] {"ra2check-collector " + (v == null ? "dev" : v)};
        }
    }

    /** The flags validated; ParameterException carries a one-line message. */
    CollectorConfig config(CommandLine cl, String defaultNamespace) {
        InetSocketAddress address = listenAddress(cl);
        String[] sa = agentServiceAccount.split("/", -1);
        if (sa.length != 2 || !DNS_LABEL.matcher(sa[0]).matches() || !validName(sa[1])) {
            throw bad(cl, "--agent-service-account: expected NAMESPACE/NAME, got '" + agentServiceAccount + "'");
        }
        if (audience.isBlank()) {
            throw bad(cl, "--audience: must not be empty");
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > 64 * 1024 * 1024) {
            throw bad(cl, "--max-body-bytes: expected 1024 to 67108864, got " + maxBodyBytes);
        }
        String ns = namespace != null ? namespace : defaultNamespace;
        if (!DNS_LABEL.matcher(ns).matches()) {
            throw bad(cl, "--namespace: not a namespace name: '" + ns + "'");
        }
        if (!validName(leaseName)) {
            throw bad(cl, "--lease-name: not a valid object name: '" + leaseName + "'");
        }
        if (!LABEL_KEY.matcher(poolLabel).matches() || poolLabel.length() > 317) {
            throw bad(cl, "--pool-label: not a label key: '" + poolLabel + "'");
        }
        if (!kubeletCannotSet(poolLabel)) {
            throw bad(cl, "--pool-label: a node's own kubelet can set '" + poolLabel + "', so one node could move "
                    + "itself into another pool; use a key under " + NODE_RESTRICTION + "/ (e.g. "
                    + CollectorConfig.DEFAULT_POOL_LABEL + "), which the NodeRestriction admission plugin protects");
        }
        if (poolQuorum < 2 || poolQuorum > 1000) {
            throw bad(cl, "--pool-quorum: expected 2 to 1000, got " + poolQuorum);
        }
        Duration every = duration(cl, "--report-interval", reportInterval, false);
        if (staleAfterMissed < 0 || staleAfterMissed > 1000) {
            throw bad(cl, "--stale-after-missed: expected 0 to 1000, got " + staleAfterMissed);
        }
        Duration ttl = duration(cl, "--token-cache-ttl", tokenCacheTtl, true);
        if (tokenCacheSize < 0) {
            throw bad(cl, "--token-cache-size: must not be negative");
        }
        Duration lease = duration(cl, "--lease-duration", leaseDuration, false);
        Duration renew = duration(cl, "--renew-deadline", renewDeadline, false);
        Duration retry = duration(cl, "--retry-period", retryPeriod, false);
        if (renew.compareTo(lease) >= 0 || retry.compareTo(renew) >= 0) {
            throw bad(cl, "lease timing: expected --retry-period < --renew-deadline < --lease-duration");
        }
        Duration resync = duration(cl, "--resync-interval", resyncInterval, false);
        Duration versionEvery = duration(cl, "--version-interval", versionInterval, false);
        duration(cl, "--api-timeout", apiTimeout, false);
        if (!(leaderWritesPerSecond > 0) || leaderWritesPerSecond > 10000) {
            throw bad(cl, "--leader-writes-per-second: expected a number above 0 and at most 10000");
        }
        if (httpThreads < 1 || httpThreads > 1024) {
            throw bad(cl, "--http-threads: expected 1 to 1024, got " + httpThreads);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw bad(cl, "--tls-cert-file and --tls-key-file go together");
        }
        for (Path p : new Path[] {tlsCert, tlsKey, kubeconfig}) {
            if (p != null && !Files.isReadable(p)) {
                throw bad(cl, "cannot read " + p);
            }
        }
        validateLogLevel(cl);
        java.util.List<String> workloads = workloadNamespaces(cl);
        io.ra2check.collector.http.IntakeLimits intake = intakeLimits(cl);
        String id = identity;
        if (id == null || id.isBlank()) {
            String host = System.getenv("HOSTNAME");
            byte[] r = new byte[4];
            new SecureRandom().nextBytes(r);
            id = (host == null || host.isBlank() ? "collector" : host) + "_" + HexFormat.of().formatHex(r);
        }
        return new CollectorConfig(address, sa[0], sa[1], audience, maxBodyBytes, ns, leaseName, id, lease, renew,
                retry, poolLabel, ttl, tokenCacheSize, countUnsetCpuLimits, manageLabels, resync,
                leaderWritesPerSecond, versionEvery, httpThreads, tlsCert, tlsKey,
                new CollectorConfig.Trust(poolQuorum, every, staleAfterMissed, readAuth), intake, workloads);
    }

    /** Comma-separated namespace names; empty (the chart's default) is none. Duplicates are one. */
    private java.util.List<String> workloadNamespaces(CommandLine cl) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        String v = workloadNamespaces == null ? "" : workloadNamespaces.trim();
        if (v.isEmpty()) {
            return java.util.List.of();
        }
        for (String part : v.split(",", -1)) {
            String ns = part.trim();
            if (!DNS_LABEL.matcher(ns).matches()) {
                throw bad(cl, "--workload-namespaces: not a namespace name (a DNS-1123 label): '"
                        + (ns.length() > 80 ? ns.substring(0, 80) + "..." : ns).replaceAll("\\p{Cntrl}", "?") + "'");
            }
            out.add(ns);
        }
        if (out.size() > MAX_WORKLOAD_NAMESPACES) {
            throw bad(cl, "--workload-namespaces: at most " + MAX_WORKLOAD_NAMESPACES + " namespaces, got "
                    + out.size());
        }
        return java.util.List.copyOf(out);
    }

    private io.ra2check.collector.http.IntakeLimits intakeLimits(CommandLine cl) {
        if (maxConnections < 16 || maxConnections > 1_000_000) {
            throw bad(cl, "--max-connections: expected 16 to 1000000, got " + maxConnections);
        }
        if (writeThreads < 1 || writeThreads > 256) {
            throw bad(cl, "--write-threads: expected 1 to 256, got " + writeThreads);
        }
        if (maxBusyNodes < 1 || maxBusyNodes > 1_000_000) {
            throw bad(cl, "--max-busy-nodes: expected 1 to 1000000, got " + maxBusyNodes);
        }
        if (authFailuresPerMinute < 0) {
            throw bad(cl, "--auth-failures-per-minute: must not be negative");
        }
        InetSocketAddress health = healthListen == null ? null : address(cl, "--health-listen", healthListen);
        return new io.ra2check.collector.http.IntakeLimits(duration(cl, "--header-timeout", headerTimeout, false),
                duration(cl, "--body-timeout", bodyTimeout, false), duration(cl, "--idle-timeout", idleTimeout, false),
                maxConnections, duration(cl, "--answer-within", answerWithin, false), writeThreads, maxBusyNodes,
                duration(cl, "--clock-skew", clockSkew, true), health,
                duration(cl, "--refused-token-ttl", refusedTokenTtl, true), authFailuresPerMinute);
    }

    /** The client configuration: kubeconfig or in-cluster, with the collector's timeouts and few retries. */
    /** After the flags are valid: a collector without credentials stops with exit 2 instead of retrying for ever. */
    void requireCredentials(CommandLine cl) {
        if (kubeconfig == null) {
            String home = System.getProperty("user.home");
            if (credentialsSource(System.getenv(), home == null ? null : Path.of(home), SERVICE_ACCOUNT_TOKEN)
                    .isEmpty()) {
                throw bad(cl, "no Kubernetes credentials: not in a pod (KUBERNETES_SERVICE_HOST unset or no token at "
                        + SERVICE_ACCOUNT_TOKEN + ") and no kubeconfig (--kubeconfig FILE, $KUBECONFIG, "
                        + "~/.kube/config)");
            }
        }
    }

    Config clientConfig(CommandLine cl) {
        Config base;
        try {
            base = kubeconfig != null ? Config.fromKubeconfig(null, Files.readString(kubeconfig),
                    kubeconfig.toAbsolutePath().toString()) : Config.autoConfigure(null);
        } catch (java.io.IOException | RuntimeException e) {
            throw bad(cl, "cannot load the Kubernetes client configuration: " + e.getMessage());
        }
        int timeout = (int) Math.min(Integer.MAX_VALUE, duration(cl, "--api-timeout", apiTimeout, false).toMillis());
        // the agent retries a 503 itself: one quick retry here keeps an intake request short when the API is down
        return new ConfigBuilder(base).withRequestTimeout(timeout).withConnectionTimeout(Math.min(timeout, 5000))
                .withRequestRetryBackoffLimit(1).withRequestRetryBackoffInterval(200).build();
    }

    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    /**
     * Where the client's credentials would come from without --kubeconfig, as fabric8's auto-configuration looks:
     * the pod's service account, else $KUBECONFIG's files, else ~/.kube/config. Empty when there is none, so that the
     * collector stops at once with exit 2 instead of retrying an anonymous https://kubernetes.default.svc for ever.
     */
    static java.util.Optional<String> credentialsSource(java.util.Map<String, String> env, Path home,
                                                        Path serviceAccountToken) {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        if (host != null && !host.isBlank() && Files.isReadable(serviceAccountToken)) {
            return java.util.Optional.of("in-cluster service account");
        }
        String list = env.get("KUBECONFIG");
        if (list != null && !list.isBlank()) {
            for (String f : list.split(java.io.File.pathSeparator)) {
                if (!f.isBlank() && Files.isReadable(Path.of(f))) {
                    return java.util.Optional.of("$KUBECONFIG " + f);
                }
            }
            return java.util.Optional.empty();
        }
        if (home != null && Files.isReadable(home.resolve(".kube/config"))) {
            return java.util.Optional.of(home.resolve(".kube/config").toString());
        }
        return java.util.Optional.empty();
    }

    void validateLogLevel(CommandLine cl) {
        if (!LOG_LEVELS.contains(logLevel.toLowerCase(Locale.ROOT))) {
            throw bad(cl, "--log-level: expected one of trace, debug, info, warn, error, off; got '" + logLevel + "'");
        }
    }

    String logLevel() {
        return logLevel.toLowerCase(Locale.ROOT);
    }

    boolean hasKubeconfig() {
        return kubeconfig != null;
    }

    private InetSocketAddress listenAddress(CommandLine cl) {
        return address(cl, "--listen", listen);
    }

    private static InetSocketAddress address(CommandLine cl, String flag, String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw bad(cl, flag + ": expected [HOST]:PORT, got '" + listen + "'");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw bad(cl, flag + ": not a port: '" + listen.substring(colon + 1) + "'");
        }
        if (port < 0 || port > 65535) {
            throw bad(cl, flag + ": port out of range: " + port);
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /**
     * Whether NodeRestriction forbids kubelets to set this label key on their Node: keys in the
     * {@code node-restriction.kubernetes.io} domain or one of its subdomains.
     */
    static boolean kubeletCannotSet(String labelKey) {
        int slash = labelKey.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String domain = labelKey.substring(0, slash);
        return domain.equals(NODE_RESTRICTION) || domain.endsWith("." + NODE_RESTRICTION);
    }

    private static boolean validName(String s) {
        return s.length() <= 253 && s.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    }

    static Duration duration(CommandLine cl, String flag, String value, boolean zeroAllowed) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw bad(cl, flag + ": expected a duration like 500ms, 30s, 10m or 1h; got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.isZero() && !zeroAllowed) {
            throw bad(cl, flag + ": must be more than 0");
        }
        return d;
    }

    private static CommandLine.ParameterException bad(CommandLine cl, String message) {
        return new CommandLine.ParameterException(cl, message);
    }

    /** The namespace the collector runs in (in-cluster), if it can tell. */
    static String inClusterNamespace() {
        File f = new File("/var/run/secrets/kubernetes.io/serviceaccount/namespace");
        try {
            return f.canRead() ? Files.readString(f.toPath()).trim() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
