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
import java.util.function.Supplier;

/**
 * Delivers reports to the collector ({@code PUT /api/v1/reports/{node}}). Only the newest report matters: a report
 * waiting for a retry is replaced by a newer scan's, and posting never holds up scanning. Failures the collector may
 * recover from (unreachable, 5xx, 429, 401/403/404 while tokens rotate or the Node is created) retry with exponential
 * backoff and jitter, never sooner than the collector's Retry-After; a report the collector rejects as malformed, too
 * large or of the wrong type (400, 413, 415) is not sent again, nor is one it holds a newer report than (409).
 * 202 means the collector took the report and is still writing the Node: the same report is sent again after
 * Retry-After until the answer is 200 (the collector answers a report it already has without writing twice), so a
 * collector that dies before writing cannot lose it. The ServiceAccount token is read from its file on every attempt,
 * because the kubelet rotates it; the HTTP client comes from {@code clients} on every attempt, so that a CA file
 * replaced on disk is trusted from the next attempt on.
 */
public final class ReportPoster {
    private final Supplier<HttpClient> clients;
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
        this(() -> client, collector, tokenFile, backoff, executor, metrics, log, clock, random);
    }

    public ReportPoster(Supplier<HttpClient> clients, URI collector, Path tokenFile, Backoff backoff,
                        ScheduledExecutorService executor, AgentMetrics metrics, JsonLog log, Clock clock,
                        DoubleSupplier random) {
        this.clients = clients;
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
        metrics.posted(switch (r.kind()) {
            case STORED -> "stored";
            case REJECTED -> "rejected";
            case SUPERSEDED -> "superseded";
            case ACCEPTED -> "accepted";
            case RETRY -> "retry";
        }, now);
        Duration retryIn = null;
        synchronized (this) {
            switch (r.kind()) {
                case STORED, REJECTED, SUPERSEDED -> {
                    if (pending == report) {
                        pending = null;
                    }
                    failures = 0;
                }
                case ACCEPTED -> {
                    // taken, not written yet: ask again (with the same report) when the collector suggests
                    failures = 0;
                    retryIn = r.retryAfter() != null ? r.retryAfter() : ACCEPTED_RECHECK;
                }
                case RETRY -> {
                    retryIn = backoff.delay(failures++, random);
                    if (r.retryAfter() != null && r.retryAfter().compareTo(retryIn) > 0) {
                        retryIn = r.retryAfter();
                    }
                }
            }
            if (pending == null) {
                attemptScheduled = false;
            } else if (retryIn == null || pending != report) {
                // a newer report arrived while this one was in flight: send it now
                retryIn = null;
                executor.execute(this::attempt);
            }
        }
        switch (r.kind()) {
            case STORED -> log.info("report stored", "node", report.node(), "status", r.status());
            case REJECTED -> log.error("collector rejected the report", "node", report.node(), "status", r.status(),
                    "error", r.detail());
            case SUPERSEDED -> log.warn("collector holds a newer report; this one is dropped", "node", report.node(),
                    "status", r.status(), "error", r.detail());
            case ACCEPTED -> log.info("report accepted, node write pending", "node", report.node(),
                    "status", r.status(), "recheckInMs", retryIn == null ? 0 : retryIn.toMillis());
            case RETRY -> log.warn("report not delivered, retrying", "node", report.node(), "status", r.status(),
                    "error", r.detail(), "retryInMs", retryIn == null ? 0 : retryIn.toMillis());
        }
        if (retryIn != null) {
            try {
                executor.schedule(this::attempt, retryIn.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    /** When a 202 carries no Retry-After. */
    static final Duration ACCEPTED_RECHECK = Duration.ofSeconds(5);
    /** The longest Retry-After honoured: a collector cannot park an agent for longer. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    enum Kind { STORED, ACCEPTED, REJECTED, SUPERSEDED, RETRY }

    /** @param retryAfter the collector's Retry-After, or null */
    record Result(Kind kind, int status, String detail, Duration retryAfter) {
        Result(Kind kind, int status, String detail) {
            this(kind, status, detail, null);
        }
    }

    /** Retry-After in seconds (the HTTP-date form is not used by the collector), capped; null when absent or bad. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank() || header.trim().length() > 9
                || !header.trim().chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        Duration d = Duration.ofSeconds(Long.parseLong(header.trim()));
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
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
            HttpResponse<String> resp = clients.get().send(req, HttpResponse.BodyHandlers.ofString());
            int s = resp.statusCode();
            String body = resp.body().length() > 300 ? resp.body().substring(0, 300) : resp.body();
            Duration after = retryAfter(resp.headers().firstValue("Retry-After").orElse(null));
            if (s == 202) {
                return new Result(Kind.ACCEPTED, s, body, after);
            }
            if (s >= 200 && s < 300) {
                return new Result(Kind.STORED, s, null);
            }
            if (s == 400 || s == 413 || s == 415) {
                return new Result(Kind.REJECTED, s, body);
            }
            if (s == 409) {
                return new Result(Kind.SUPERSEDED, s, body);
            }
            return new Result(Kind.RETRY, s, body, after);
        } catch (IOException e) {
            return new Result(Kind.RETRY, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Kind.RETRY, 0, "interrupted");
        }
    }
}
