package io.ra2check.agent.daemon;

import io.ra2check.report.NodeReport;
import io.ra2check.report.ReportJson;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Delivers reports to the collector ({@code PUT /api/v1/reports/{node}}). Only the newest report matters: a report
 * waiting for a retry is replaced by a newer scan's, and posting never holds up scanning. Failures the collector may
 * recover from (unreachable, 5xx, 401/403/404 while tokens rotate or the Node is created) retry with exponential
 * backoff and jitter; a report the collector rejects as malformed or too large (400, 413) is not sent again.
 * The ServiceAccount token is read from its file on every attempt, because the kubelet rotates it.
 */
public final class ReportPoster {
    private final HttpClient client;
    private final URI collector;
    private final Path tokenFile;
    private final Backoff backoff;
    private final ScheduledExecutorService executor;
    private final AgentMetrics metrics;
    private final JsonLog log;
    private final Clock clock;
    private final DoubleSupplier random;
    private final ReportJson json = new ReportJson();

    private NodeReport pending;
    private boolean attemptScheduled;
    private int failures;

    public ReportPoster(HttpClient client, URI collector, Path tokenFile, Backoff backoff,
                        ScheduledExecutorService executor, AgentMetrics metrics, JsonLog log, Clock clock,
                        DoubleSupplier random) {
        this.client = client;
        this.collector = collector;
        this.tokenFile = tokenFile;
        this.backoff = backoff;
        this.executor = executor;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
        this.random = random;
    }

    /** Queues a report for delivery, replacing any older one not yet delivered. */
    public void submit(NodeReport report) {
        synchronized (this) {
            pending = report;
            if (attemptScheduled) {
                return;
            }
            attemptScheduled = true;
        }
        executor.execute(this::attempt);
    }

    /** Whether a report is still waiting to be delivered. */
    public synchronized boolean hasPending() {
        return pending != null;
    }

    private void attempt() {
        NodeReport report;
        synchronized (this) {
            report = pending;
            if (report == null) {
                attemptScheduled = false;
                return;
            }
        }
        Result r = send(report);
        double now = clock.instant().toEpochMilli() / 1000.0;
        // counted before the report stops being pending, so whoever sees it delivered also sees it counted
        metrics.posted(r.kind() == Kind.STORED ? "stored" : r.kind() == Kind.REJECTED ? "rejected" : "retry", now);
        Duration retryIn = null;
        synchronized (this) {
            switch (r.kind()) {
                case STORED, REJECTED -> {
                    if (pending == report) {
                        pending = null;
                    }
                    failures = 0;
                }
                case RETRY -> retryIn = backoff.delay(failures++, random);
            }
            if (pending == null) {
                attemptScheduled = false;
            } else if (retryIn == null) {
                // a newer report arrived while this one was in flight: send it now
                executor.execute(this::attempt);
            }
        }
        switch (r.kind()) {
            case STORED -> log.info("report stored", "node", report.node(), "status", r.status());
            case REJECTED -> log.error("collector rejected the report", "node", report.node(), "status", r.status(),
                    "error", r.detail());
            case RETRY -> log.warn("report not delivered, retrying", "node", report.node(), "status", r.status(),
                    "error", r.detail(), "retryInMs", retryIn.toMillis());
        }
        if (retryIn != null) {
            try {
                executor.schedule(this::attempt, retryIn.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    enum Kind { STORED, REJECTED, RETRY }

    record Result(Kind kind, int status, String detail) {
    }

    private Result send(NodeReport report) {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return new Result(Kind.RETRY, 0, "token file " + tokenFile + " unreadable: " + e.getMessage());
        }
        URI uri = collector.resolve("/api/v1/reports/" + URLEncoder.encode(report.node(), StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.write(report), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
            int s = resp.statusCode();
            String body = resp.body().length() > 300 ? resp.body().substring(0, 300) : resp.body();
            if (s >= 200 && s < 300) {
                return new Result(Kind.STORED, s, null);
            }
            if (s == 400 || s == 413) {
                return new Result(Kind.REJECTED, s, body);
            }
            return new Result(Kind.RETRY, s, body);
        } catch (IOException e) {
            return new Result(Kind.RETRY, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Kind.RETRY, 0, "interrupted");
        }
    }
}
