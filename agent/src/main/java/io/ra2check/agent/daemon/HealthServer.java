package io.ra2check.agent.daemon;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * /healthz (the process serves), /readyz (a first scan is done), /metrics, and /report (the last report's JSON), on
 * the host network. Jetty, so that no client can hold the server: connections are non-blocking (a slow client holds
 * no thread), each carries one request ({@code Connection: close}), a connection that has not sent a whole request
 * within the header timeout is closed, and at most {@link #MAX_CONNECTIONS} are open at once.
 */
public final class HealthServer implements AutoCloseable {
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_CONNECTIONS = 64;

    private final Server server;
    private final ServerConnector connector;

    public HealthServer(InetSocketAddress address, BooleanSupplier ready, Supplier<String> metrics,
                        Supplier<String> lastReport) throws IOException {
        this(address, ready, metrics, lastReport, HEADER_TIMEOUT);
    }

    HealthServer(InetSocketAddress address, BooleanSupplier ready, Supplier<String> metrics,
                 Supplier<String> lastReport, Duration headerTimeout) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(6, 3);
        threads.setName("ra2check-health");
        threads.setDaemon(true);
        server = new Server(threads);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("ra2check-health-timer", true);
        server.addBean(scheduler);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(8192);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getAddress() == null || address.getAddress().isAnyLocalAddress() ? null
                : address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(headerTimeout.toMillis());
        long timeoutMs = headerTimeout.toMillis();
        // Jetty's idle timeout restarts with every byte: a client trickling its headers must also meet a deadline
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                scheduler.schedule(() -> {
                    if (connection.getMessagesIn() == 0) {
                        connection.getEndPoint().close();
                    }
                }, timeoutMs, TimeUnit.MILLISECONDS);
            }
        });
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                String method = request.getMethod();
                int status;
                String type = "text/plain";
                String body;
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    status = 405;
                    body = "";
                } else {
                    switch (path) {
                        case "/healthz" -> {
                            status = 200;
                            body = "ok\n";
                        }
                        case "/readyz" -> {
                            boolean r = ready.getAsBoolean();
                            status = r ? 200 : 503;
                            body = r ? "ready\n" : "first scan not done\n";
                        }
                        case "/metrics" -> {
                            status = 200;
                            type = "text/plain; version=0.0.4; charset=utf-8";
                            body = metrics.get();
                        }
                        case "/report" -> {
                            String r = lastReport.get();
                            status = r == null ? 503 : 200;
                            type = "application/json";
                            body = r == null ? "{\"error\":\"no scan yet\"}\n" : r;
                        }
                        default -> {
                            status = 404;
                            body = "";
                        }
                    }
                }
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                response.setStatus(status);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Long.toString(b.length));
                response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(b), callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly();
            if (e.getCause() instanceof java.net.BindException bind) {
                throw bind;
            }
            throw e;
        } catch (Exception e) {
            stopQuietly();
            throw new IOException("cannot start the health server: " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            // already failing
        }
    }

    @Override
    public void close() {
        stopQuietly();
    }
}
