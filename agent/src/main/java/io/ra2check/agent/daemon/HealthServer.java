package io.ra2check.agent.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** /healthz (the process serves), /readyz (a first scan is done), /metrics, and /report (the last report's JSON). */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    public HealthServer(InetSocketAddress address, BooleanSupplier ready, Supplier<String> metrics,
                        Supplier<String> lastReport) throws IOException {
        server = HttpServer.create(address, 16);
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ra2check-health");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/healthz", ex -> reply(ex, 200, "text/plain", "ok\n"));
        server.createContext("/readyz", ex -> {
            boolean r = ready.getAsBoolean();
            reply(ex, r ? 200 : 503, "text/plain", r ? "ready\n" : "first scan not done\n");
        });
        server.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.get()));
        server.createContext("/report", ex -> {
            String r = lastReport.get();
            reply(ex, r == null ? 503 : 200, "application/json", r == null ? "{\"error\":\"no scan yet\"}\n" : r);
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (!path.equals(ex.getHttpContext().getPath())) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, ex.getRequestMethod().equals("HEAD") ? -1 : b.length);
            if (!ex.getRequestMethod().equals("HEAD")) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(b);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
