package io.ra2check.agent.cli;

import io.ra2check.agent.daemon.AgentMetrics;
import io.ra2check.agent.daemon.AgentService;
import io.ra2check.agent.daemon.Backoff;
import io.ra2check.agent.daemon.JsonLog;
import io.ra2check.agent.daemon.CollectorClients;
import io.ra2check.agent.daemon.ReportPoster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** {@code ra2check agent}: the DaemonSet's long-running mode. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Check the host at start and every --interval, post each report to the collector, and serve "
                + "/healthz, /readyz, /metrics and /report. Logs are JSON lines on standard output; SIGTERM stops it.")
final class AgentCommand implements Callable<Integer> {
    @Mixin
    RootOptions root;

    @Mixin
    JudgementOptions judgement;

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10m",
            description = "Time between scans: 30s, 10m, 1h (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--collector-url", paramLabel = "URL", description = "The collector, e.g. "
            + "https://ra2check-collector.ra2check.svc:8443. Without it, the agent only scans and serves metrics.")
    URI collectorUrl;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "/var/run/secrets/ra2check/token",
            description = "Projected ServiceAccount token, read on every post (default: ${DEFAULT-VALUE}).")
    Path tokenFile;

    @Option(names = "--collector-ca-file", paramLabel = "FILE", description = "PEM CA certificates to trust for an https "
            + "collector, read again whenever the file changes (default: the JVM's trust store).")
    Path caFile;

    @Option(names = "--listen", paramLabel = "[HOST]:PORT", defaultValue = ":9102",
            description = "Address of /healthz, /readyz, /metrics (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--node-name", paramLabel = "NAME", description = "Node name (default: $NODE_NAME, else the host "
            + "name).")
    String nodeName;

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemUTC();
        JudgementOptions.Judgement j = judgement.resolve(main.catalog(), clock);
        Duration every = parseDuration(interval, "--interval");
        InetSocketAddress address = parseListen(listen);
        // fail now on an unusable root, rather than in every scan
        root.open();
        String node = nodeName != null ? nodeName : System.getenv("NODE_NAME");
        JsonLog log = JsonLog.standard();
        AgentMetrics metrics = new AgentMetrics();
        ReportPoster poster = null;
        ScheduledExecutorService posting = null;
        if (collectorUrl != null) {
            if (!"http".equals(collectorUrl.getScheme()) && !"https".equals(collectorUrl.getScheme())) {
                throw new Main.UsageError("--collector-url: expected an http or https URL, got " + collectorUrl);
            }
            posting = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ra2check-post");
                t.setDaemon(true);
                return t;
            });
            CollectorClients clients;
            try {
                clients = new CollectorClients(caFile, Duration.ofSeconds(5), log);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageError("--collector-ca-file " + e.getMessage());
            }
            SecureRandom random = new SecureRandom();
            poster = new ReportPoster(clients, collectorUrl, tokenFile, new Backoff(Duration.ofSeconds(2),
                    Duration.ofMinutes(5)), posting, metrics, log, clock, random::nextDouble);
        }
        AgentService service = new AgentService(new AgentService.Options(root.location(), root.mounted, j.profile(),
                node, every, address), j.scan(), poster, metrics, log, clock);
        ScheduledExecutorService postingToStop = posting;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            if (postingToStop != null) {
                postingToStop.shutdownNow();
            }
        }, "ra2check-shutdown"));
        try {
            service.start();
        } catch (java.net.BindException e) {
            throw new Main.UsageError("--listen " + listen + ": address in use");
        }
        service.awaitStop();
        return 0;
    }

    static Duration parseDuration(String s, String option) {
        try {
            String t = s.trim();
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> null;
            };
            if (d != null && !d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new Main.UsageError(option + ": expected a duration like 30s, 10m or 1h, got '" + s + "'");
    }

    static InetSocketAddress parseListen(String s) {
        int colon = s.lastIndexOf(':');
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            String host = colon <= 0 ? "0.0.0.0" : s.substring(0, colon);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (RuntimeException e) {
            throw new Main.UsageError("--listen: expected [HOST]:PORT, got '" + s + "'");
        }
    }
}
