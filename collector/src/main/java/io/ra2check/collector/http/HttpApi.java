package io.ra2check.collector.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ra2check.collector.auth.ReadAuthorizer;
import io.ra2check.collector.auth.TokenAuthenticator;
import io.ra2check.collector.kube.NodeStore;
import io.ra2check.collector.ops.Metrics;
import io.ra2check.collector.service.NodeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The collector's HTTP endpoints on the JDK's HTTP server: intake, read API, web page, health and metrics. Thin:
 * routing, limits and answers; the work is in {@link Intake}, {@link ReadApi} and the service.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String REPORTS = "/api/v1/reports/";
    private static final String NODES = "/api/v1/nodes";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Settings of the server. */
    public record Settings(InetSocketAddress address, int threads, int maxBodyBytes, SSLContext tls) {
    }

    private record Asset(String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
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
                   NodeStore nodes, Supplier<List<String>> notListed, BooleanSupplier leader, Metrics metrics,
                   Supplier<List<String>> notReady, Clock clock) throws IOException {
        this.readAuth = readAuth;
        this.intake = new Intake(auth, service, nodes, notListed, metrics, settings.maxBodyBytes());
        this.read = new ReadApi(nodes, service, leader, clock);
        this.metrics = metrics;
        this.notReady = notReady;
        this.assets = Map.of(
                "/", asset("index.html", "text/html; charset=utf-8"),
                "/index.html", asset("index.html", "text/html; charset=utf-8"),
                "/app.js", asset("app.js", "text/javascript; charset=utf-8"),
                "/style.css", asset("style.css", "text/css; charset=utf-8"));
        if (settings.tls() != null) {
            HttpsServer https = HttpsServer.create(settings.address(), 1024);
            https.setHttpsConfigurator(new HttpsConfigurator(settings.tls()));
            server = https;
        } else {
            server = HttpServer.create(settings.address(), 1024);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "ra2check-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    /** The port the server listens on (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            Response r;
            try {
                r = route(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex);
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("path", ex.getRequestURI().getPath()).setCause(e).log("request failed");
                r = Response.error(500, "internal error");
            }
            send(ex, r);
        } catch (IOException e) {
            LOG.atDebug().addKeyValue("reason", e.getMessage()).log("could not answer (client gone?)");
        }
    }

    private Response route(String method, String path, HttpExchange ex) throws IOException {
        if (path.startsWith(REPORTS)) {
            String node = path.substring(REPORTS.length());
            if (node.isEmpty() || node.contains("/")) {
                return Response.error(404, "no such endpoint: use PUT " + REPORTS + "{node}");
            }
            if (!method.equals("PUT")) {
                return Response.error(405, "use PUT to post a report").header("Allow", "PUT");
            }
            try (InputStream body = ex.getRequestBody()) {
                return intake.handle(node, ex.getRequestHeaders(), body);
            }
        }
        if (!method.equals("GET")) {
            return Response.error(405, "only GET is allowed here").header("Allow", "GET");
        }
        if (path.equals(NODES) || path.startsWith(NODES + "/")) {
            ReadAuthorizer.Decision d = readAuth.check(ex.getRequestHeaders().getFirst("Authorization"));
            if (!d.allowed()) {
                Response refused = Response.error(d.status(), d.message());
                return d.status() == 401 ? refused.header("WWW-Authenticate", "Bearer")
                        : d.status() == 503 ? refused.header("Retry-After", "5") : refused;
            }
        }
        if (path.equals(NODES)) {
            return read.list();
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
                metrics.write(out);
                return new Response(200, metrics.contentType(), out.toByteArray(), new java.util.LinkedHashMap<>());
            }
            default: {
                Asset a = assets.get(path);
                if (a == null) {
                    return Response.error(404, "no such endpoint");
                }
                return new Response(200, a.contentType(), a.body(), new java.util.LinkedHashMap<>())
                        .header("Content-Security-Policy", CSP).header("Referrer-Policy", "no-referrer");
            }
        }
    }

    private static void send(HttpExchange ex, Response r) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", r.contentType());
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Cache-Control", "no-store");
        r.headers().forEach(h::set);
        ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        if (r.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
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
