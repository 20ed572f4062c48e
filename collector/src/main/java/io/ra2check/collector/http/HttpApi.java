package io.ra2check.collector.http;

import io.ra2check.collector.http.IntakeLimits;
import io.ra2check.collector.auth.FailedAuthLimiter;
import io.ra2check.collector.auth.ReadAuthorizer;
import io.ra2check.collector.auth.TokenAuthenticator;
import io.ra2check.collector.kube.NodeStore;
import io.ra2check.collector.ops.Metrics;
import io.ra2check.collector.service.NodeService;
import io.ra2check.collector.service.NodeWrites;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The collector's HTTP endpoints on Jetty: intake, read API, web page, health and metrics. Thin: routing, limits and
 * answers; the work is in {@link Intake}, {@link ReadApi} and the service.
 *
 * <p>Why it holds under slow clients: connections are non-blocking, so a client trickling headers or a body holds no
 * thread; headers must complete within the header timeout ({@link SlowRequestGuard}), a report's body within the
 * body timeout, and any connection idle for the idle timeout is closed. Intake's blocking work (TokenReviews, node
 * writes) runs on pools of its own, so Jetty's threads only parse and answer: health, readiness and metrics answer at
 * once whatever intake is doing, on the main listener and, when configured, on a health listener with its own
 * threads and no connection limit.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String REPORTS = "/api/v1/reports/";
    private static final String NODES = "/api/v1/nodes";
    private static final String WORKLOADS = "/api/v1/workloads";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Settings of the server. */
    public record Settings(InetSocketAddress address, int threads, int maxBodyBytes, SSLContext tls,
                           IntakeLimits limits) {
    }

    private record Asset(String contentType, byte[] body) {
    }

    private final Server server;
    private final ServerConnector main;
    private final ServerConnector health;
    private final SlowRequestGuard guard;
    private final ThreadPoolExecutor intakePool;
    private final Intake intake;
    private final ReadApi read;
    private final ReadAuthorizer readAuth;
    private final Metrics metrics;
    private final Supplier<List<String>> notReady;
    private final Map<String, Asset> assets;

    /**
     * @param notListed what the collector has not read yet (intake waits for it)
     * @param notReady  why the replica is not ready ({@code /readyz})
     */
    public HttpApi(Settings settings, TokenAuthenticator auth, ReadAuthorizer readAuth, NodeService service,
                   NodeWrites writes,
                   NodeStore nodes, Supplier<List<String>> notListed, BooleanSupplier leader, Metrics metrics,
                   Supplier<List<String>> notReady, Clock clock) {
        this.readAuth = readAuth;
        IntakeLimits limits = settings.limits();
        AtomicInteger n = new AtomicInteger();
        // TokenReviews and body parsing: bounded threads and queue; a full queue is a 503, never a wait
        intakePool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(64, settings.threads() * 16)), r -> {
                    Thread t = new Thread(r, "ra2check-intake-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.intake = new Intake(auth, new FailedAuthLimiter(limits.authFailuresPerMinute(), 10000, clock), service,
                writes, nodes, notListed, metrics, settings.maxBodyBytes(), limits, intakePool, clock);
        this.read = new ReadApi(nodes, service, leader, notReady, clock);
        this.metrics = metrics;
        this.notReady = notReady;
        this.assets = Map.of(
                "/", asset("index.html", "text/html; charset=utf-8"),
                "/index.html", asset("index.html", "text/html; charset=utf-8"),
                "/app.js", asset("app.js", "text/javascript; charset=utf-8"),
                "/style.css", asset("style.css", "text/css; charset=utf-8"));

        QueuedThreadPool jettyThreads = new QueuedThreadPool(Math.max(8, settings.threads()), 4);
        jettyThreads.setName("ra2check-http");
        jettyThreads.setDaemon(true);
        server = new Server(jettyThreads);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("ra2check-http-timer", true);
        server.addBean(scheduler);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024 + 1024);
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        if (settings.tls() != null) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(settings.tls());
            main = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, h1.getProtocol()), h1);
        } else {
            main = new ServerConnector(server, 1, 1, h1);
        }
        configure(main, settings.address(), limits);
        guard = new SlowRequestGuard(scheduler, limits.headerTimeout().toMillis());
        main.addEventListener(guard);
        server.addConnector(main);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), main));
        if (limits.healthListen() != null) {
            QueuedThreadPool healthThreads = new QueuedThreadPool(6, 3);
            healthThreads.setName("ra2check-health");
            healthThreads.setDaemon(true);
            health = new ServerConnector(server, healthThreads, scheduler, null, 1, 1,
                    new HttpConnectionFactory(http));
            configure(health, limits.healthListen(), limits);
            health.addEventListener(guard);
            server.addConnector(health);
        } else {
            health = null;
        }
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
                HttpApi.this.handle(request, response, callback);
                return true;
            }
        });
    }

    private static void configure(ServerConnector c, InetSocketAddress address, IntakeLimits limits) {
        c.setHost(address.getAddress() == null || address.getAddress().isAnyLocalAddress() ? null
                : address.getAddress().getHostAddress());
        c.setPort(address.getPort());
        c.setIdleTimeout(limits.idleTimeout().toMillis());
        c.setAcceptQueueSize(1024);
    }

    public void start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot start the HTTP server: " + e.getMessage(), e);
        }
    }

    /** The port the server listens on (useful when started on port 0). */
    public int port() {
        return main.getLocalPort();
    }

    /** The health listener's port, or -1 when there is none. */
    public int healthPort() {
        return health == null ? -1 : health.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.atDebug().addKeyValue("reason", String.valueOf(e.getMessage())).log("HTTP server stop failed");
        }
        intakePool.shutdownNow();
    }

    private void handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        org.eclipse.jetty.io.Connection connection = request.getConnectionMetaData().getConnection();
        guard.started(connection);
        Callback done = Callback.from(callback, () -> guard.finished(connection));
        boolean onHealth = health != null && request.getConnectionMetaData().getConnector() == health;
        try {
            if (onHealth) {
                Response r = switch (path) {
                    case "/healthz", "/readyz", "/metrics" -> request.getMethod().equals("GET") ? route(request, path)
                            : Response.error(405, "only GET is allowed here").header("Allow", "GET");
                    default -> Response.error(404, "this listener serves /healthz, /readyz and /metrics only");
                };
                send(response, r, done);
                return;
            }
            if (path.startsWith(REPORTS)) {
                String node = path.substring(REPORTS.length());
                if (node.isEmpty() || node.contains("/")) {
                    send(response, Response.error(404, "no such endpoint: use PUT " + REPORTS + "{node}"), done);
                } else if (!request.getMethod().equals("PUT")) {
                    send(response, Response.error(405, "use PUT to post a report").header("Allow", "PUT"), done);
                } else {
                    intake.handle(request, node, r -> send(response, r, done));
                }
                return;
            }
            send(response, request.getMethod().equals("GET") ? route(request, path)
                    : Response.error(405, "only GET is allowed here").header("Allow", "GET"), done);
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("path", path).setCause(e).log("request failed");
            send(response, Response.error(500, "internal error"), done);
        }
    }

    private Response route(Request request, String path) {
        if (path.equals(NODES) || path.startsWith(NODES + "/") || path.equals(WORKLOADS)) {
            ReadAuthorizer.Decision d = readAuth.check(request.getHeaders().get("Authorization"));
            if (!d.allowed()) {
                Response refused = Response.error(d.status(), d.message());
                return d.status() == 401 ? refused.header("WWW-Authenticate", "Bearer")
                        : d.status() == 503 ? refused.header("Retry-After", "5") : refused;
            }
        }
        if (path.equals(NODES)) {
            return read.list();
        }
        if (path.equals(WORKLOADS)) {
            return read.workloads();
        }
        if (path.startsWith(NODES + "/")) {
            String node = path.substring(NODES.length() + 1);
            if (node.isEmpty() || node.contains("/")) {
                return Response.error(404, "no such endpoint");
            }
            return read.one(node);
        }
        switch (path) {
            case "/healthz":
                return Response.json(200, g -> {
                    g.writeStartObject();
                    g.writeStringField("status", "ok");
                    g.writeEndObject();
                });
            case "/readyz": {
                List<String> reasons = notReady.get();
                return Response.json(reasons.isEmpty() ? 200 : 503, g -> {
                    g.writeStartObject();
                    g.writeBooleanField("ready", reasons.isEmpty());
                    g.writeArrayFieldStart("notReady");
                    for (String s : reasons) {
                        g.writeString(s);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
            }
            case "/metrics": {
                ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
                try {
                    metrics.write(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new Response(200, metrics.contentType(), out.toByteArray(), new LinkedHashMap<>());
            }
            default: {
                Asset a = assets.get(path);
                if (a == null) {
                    return Response.error(404, "no such endpoint");
                }
                return new Response(200, a.contentType(), a.body(), new LinkedHashMap<>())
                        .header("Content-Security-Policy", CSP).header("Referrer-Policy", "no-referrer");
            }
        }
    }

    private static void send(org.eclipse.jetty.server.Response response, Response r, Callback callback) {
        response.setStatus(r.status());
        var h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, r.contentType());
        h.put("X-Content-Type-Options", "nosniff");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        r.headers().forEach(h::put);
        h.put(HttpHeader.CONTENT_LENGTH, Long.toString(r.body().length));
        response.write(true, ByteBuffer.wrap(r.body()), callback);
    }

    private static Asset asset(String name, String contentType) {
        try (InputStream in = HttpApi.class.getResourceAsStream("/io/ra2check/collector/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("web asset " + name + " is missing from the jar");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read web asset " + name, e);
        }
    }
}
