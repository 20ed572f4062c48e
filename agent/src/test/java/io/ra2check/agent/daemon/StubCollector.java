package io.ra2check.agent.daemon;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;

/** A stand-in for the collector's intake on loopback: answers with scripted status codes and records requests. */
final class StubCollector implements AutoCloseable {
    record Request(String path, String authorization, String body, int answeredWith) {
    }

    private final HttpServer server;
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private volatile IntSupplier fallback = () -> 200;
    private volatile String retryAfter;

    StubCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Integer s = script.poll();
                int status = s != null ? s : fallback.getAsInt();
                requests.add(new Request(ex.getRequestURI().getRawPath(),
                        ex.getRequestHeaders().getFirst("Authorization"), body, status));
                byte[] b = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
                if (retryAfter != null && (status == 202 || status == 429 || status == 503)) {
                    ex.getResponseHeaders().set("Retry-After", retryAfter);
                }
                ex.sendResponseHeaders(status, b.length);
                ex.getResponseBody().write(b);
            }
        });
        server.start();
    }

    /** The next answers, in order; then {@code fallback}. */
    StubCollector answer(int... statuses) {
        for (int s : statuses) {
            script.add(s);
        }
        return this;
    }

    /** The Retry-After header sent with 202, 429 and 503. */
    StubCollector retryAfter(String seconds) {
        retryAfter = seconds;
        return this;
    }

    StubCollector otherwise(int status) {
        fallback = () -> status;
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> stored() {
        synchronized (requests) {
            return requests.stream().filter(r -> r.answeredWith() == 200).toList();
        }
    }

    List<Request> answered(int status) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.answeredWith() == status).toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
