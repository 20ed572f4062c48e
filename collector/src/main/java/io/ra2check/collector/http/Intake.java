package io.ra2check.collector.http;

import io.ra2check.collector.http.IntakeLimits;
import io.ra2check.collector.auth.FailedAuthLimiter;
import io.ra2check.collector.auth.TokenAuthenticator;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.kube.NodeStore;
import io.ra2check.collector.meta.AgentSide;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.meta.ReportDigest;
import io.ra2check.collector.ops.Metrics;
import io.ra2check.collector.ops.Metrics.ReportOutcome;
import io.ra2check.collector.service.NodeService;
import io.ra2check.collector.service.NodeWrites;
import io.ra2check.report.NodeReport;
import io.ra2check.report.ReportFormatException;
import io.ra2check.report.ReportJson;
import io.ra2check.report.ReportSummary;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code PUT /api/v1/reports/{node}}: checks type, size, caller and node before reading the body, then the report and
 * its order, then hands it to {@link NodeWrites}. Answers within the body timeout plus {@code answerWithin}: 200 when
 * the node is written (or already right), 202 when the write goes on, 409 when a newer report exists; every refusal
 * changes nothing. The blocking steps run on the intake pool, never on the server's threads.
 */
final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    /** A Kubernetes node name: an RFC 1123 DNS subdomain. */
    private static final Pattern NODE_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final TokenAuthenticator auth;
    private final FailedAuthLimiter failures;
    private final NodeService service;
    private final NodeWrites writes;
    private final NodeStore nodes;
    private final Supplier<List<String>> notListed;
    private final Metrics metrics;
    private final int maxBodyBytes;
    private final IntakeLimits limits;
    private final Executor pool;
    private final Clock clock;
    private final ReportJson reader = new ReportJson();

    /** @param notListed what the collector has not read yet (nodes, pods, control plane version); empty when ready */
    Intake(TokenAuthenticator auth, FailedAuthLimiter failures, NodeService service, NodeWrites writes,
           NodeStore nodes, Supplier<List<String>> notListed, Metrics metrics, int maxBodyBytes, IntakeLimits limits,
           Executor pool, Clock clock) {
        this.auth = auth;
        this.failures = failures;
        this.service = service;
        this.writes = writes;
        this.nodes = nodes;
        this.notListed = notListed;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.limits = limits;
        this.pool = pool;
        this.clock = clock;
    }

    private record Outcome(ReportOutcome outcome, Response response, String reason) {
    }

    private static Outcome refuse(ReportOutcome outcome, int status, String message) {
        return new Outcome(outcome, Response.error(status, message), message);
    }

    private static Outcome unavailable(String message, int retryAfterSeconds) {
        return new Outcome(ReportOutcome.UNAVAILABLE, Response.error(503, message)
                .header("Retry-After", Integer.toString(retryAfterSeconds)), message);
    }

    /** Handles one request; {@code answer} is called exactly once, on whatever thread finishes. */
    void handle(Request request, String node, Consumer<Response> answer) {
        long t0 = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean bodyRead = new java.util.concurrent.atomic.AtomicBoolean();
        Consumer<Outcome> reply = o -> {
            log(node, o);
            metrics.report(o.outcome(), (System.nanoTime() - t0) / 1e9);
            answer.accept(o.response());
        };
        Consumer<Outcome> finish = o -> {
            if (bodyRead.get() || o.outcome() == ReportOutcome.TOO_LARGE || o.outcome() == ReportOutcome.TIMED_OUT) {
                reply.accept(o);
                return;
            }
            // refused before its body was read: the body (at most the limit, within the body timeout) is read and
            // dropped first, because closing a socket with unread data resets it and the client would lose the answer
            o.response().header("Connection", "close");
            Content.Source.asByteArrayAsync(request, maxBodyBytes + 1)
                    .orTimeout(limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ignored, error) -> reply.accept(o));
        };
        Outcome early = beforeAuthentication(node, request.getHeaders());
        if (early != null) {
            finish.accept(early);
            return;
        }
        String source = sourceAddress(request.getConnectionMetaData().getRemoteSocketAddress());
        try {
            pool.execute(() -> guarded(finish, () -> authenticated(request, node, source, finish, bodyRead)));
        } catch (RejectedExecutionException e) {
            finish.accept(unavailable("the collector is busy (too many reports being checked); retry later", 2));
        }
    }

    /** Runs a step, turning a bug into a 500 rather than a request that never ends. */
    private static void guarded(Consumer<Outcome> finish, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("intake failed");
            finish.accept(refuse(ReportOutcome.UNAVAILABLE, 500, "internal error"));
        }
    }

    /** The checks that cost nothing: readiness, node name, content type and declared length. */
    private Outcome beforeAuthentication(String node, HttpFields headers) {
        List<String> missing = notListed.get();
        if (!missing.isEmpty()) {
            // judging with half a view (no pods, no version) would flip verdicts and labels for nothing
            return unavailable("the collector is starting (" + String.join(", ", missing) + "); retry later", 5);
        }
        if (node.length() > 253 || !NODE_NAME.matcher(node).matches()) {
            return refuse(ReportOutcome.BAD_REQUEST, 400, "node: '" + printable(node) + "' is not a valid node name");
        }
        String type = headers.get("Content-Type");
        if (type == null || !isJson(type)) {
            return refuse(ReportOutcome.UNSUPPORTED_TYPE, 415, "Content-Type: expected application/json, got "
                    + (type == null ? "none" : "'" + printable(type) + "'"));
        }
        String length = headers.get("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return refuse(ReportOutcome.BAD_REQUEST, 400, "Content-Length: not a number");
            }
            if (n > maxBodyBytes) {
                return tooLarge();
            }
        }
        return null;
    }

    static boolean isJson(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        String media = (semi < 0 ? t : t.substring(0, semi)).trim();
        if (!media.equals("application/json")) {
            return false;
        }
        // a charset other than UTF-8 would be misread: JSON on the wire is UTF-8 (RFC 8259)
        return semi < 0 || !t.substring(semi).contains("charset=") || t.substring(semi).replace(" ", "")
                .contains("charset=utf-8");
    }

    /** On the intake pool: who is calling, whether the node exists; then the body, read without a thread. */
    private void authenticated(Request request, String node, String source, Consumer<Outcome> finish,
                               java.util.concurrent.atomic.AtomicBoolean bodyRead) {
        if (failures.blocked(source)) {
            finish.accept(new Outcome(ReportOutcome.RATE_LIMITED, Response.error(429,
                    "too many failed authentications from " + source + "; retry later")
                    .header("Retry-After", Long.toString(failures.retryAfterSeconds(source))),
                    "too many failed authentications"));
            return;
        }
        TokenAuthenticator.Result a = auth.authenticate(request.getHeaders().get("Authorization"), node);
        if (a instanceof TokenAuthenticator.Rejected rej) {
            failures.failed(source);
            Outcome o = refuse(rej.status() == 401 ? ReportOutcome.UNAUTHENTICATED : ReportOutcome.FORBIDDEN,
                    rej.status(), rej.message());
            if (rej.status() == 401) {
                o.response().header("WWW-Authenticate", "Bearer");
            }
            finish.accept(o);
            return;
        }
        if (a instanceof TokenAuthenticator.Unavailable u) {
            finish.accept(unavailable(u.message(), 5));
            return;
        }
        metrics.tokenReview(((TokenAuthenticator.Accepted) a).cached());
        if (nodes.facts(node).isEmpty()) {
            finish.accept(refuse(ReportOutcome.UNKNOWN_NODE, 404, "no node named " + node + " in the cluster"));
            return;
        }
        // one byte more than allowed, so that "too large" can be told from "exactly the limit"
        CompletableFuture<byte[]> body = Content.Source.asByteArrayAsync(request, maxBodyBytes + 1);
        body.orTimeout(limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((bytes, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof TimeoutException) {
                    Outcome o = refuse(ReportOutcome.TIMED_OUT, 408, "the report's body did not arrive within "
                            + limits.bodyTimeout().toSeconds() + " s");
                    o.response().header("Connection", "close");
                    finish.accept(o);
                } else if (cause instanceof IllegalArgumentException) {
                    // Jetty's "content larger than the limit"
                    finish.accept(tooLarge());
                } else {
                    finish.accept(refuse(ReportOutcome.BAD_REQUEST, 400, "could not read the request body: "
                            + cause.getMessage()));
                }
                return;
            }
            if (bytes.length > maxBodyBytes) {
                finish.accept(tooLarge());
                return;
            }
            bodyRead.set(true);
            try {
                pool.execute(() -> guarded(finish, () -> withBody(node, bytes, finish)));
            } catch (RejectedExecutionException e) {
                finish.accept(unavailable("the collector is busy (too many reports being checked); retry later", 2));
            }
        });
    }

    /** On the intake pool: the report, its order, and the write. */
    private void withBody(String node, byte[] bytes, Consumer<Outcome> finish) {
        NodeReport report;
        try {
            report = reader.read(bytes);
        } catch (ReportFormatException e) {
            finish.accept(refuse(ReportOutcome.BAD_REQUEST, 400, e.getMessage()));
            return;
        }
        if (!report.node().equals(node)) {
            finish.accept(refuse(ReportOutcome.BAD_REQUEST, 400, "node: the report is for '"
                    + printable(report.node()) + "' but was posted for '" + node + "'"));
            return;
        }
        Optional<String> unknown = AgentSide.unknownRequirement(report, service.judge().catalog());
        if (unknown.isPresent()) {
            finish.accept(refuse(ReportOutcome.BAD_REQUEST, 400, unknown.get()));
            return;
        }
        Instant latest = clock.instant().plus(limits.clockSkew());
        if (report.generatedAt().isAfter(latest)) {
            finish.accept(refuse(ReportOutcome.BAD_REQUEST, 400, "generatedAt: " + report.generatedAt()
                    + " is later than the collector's clock allows (now plus " + limits.clockSkew().toSeconds()
                    + " s); check the node's clock"));
            return;
        }
        Optional<NodeFacts> facts = nodes.facts(node);
        if (facts.isEmpty()) {
            finish.accept(refuse(ReportOutcome.UNKNOWN_NODE, 404, "no node named " + node + " in the cluster"));
            return;
        }
        String digest = ReportDigest.of(report, reader);
        NodeWrites.Admission admission = writes.submit(report, bytes, digest, NodeService.storedOrder(facts.get()),
                facts.get().ownedAnnotations().get(Keys.DIGEST));
        if (admission instanceof NodeWrites.Refused r) {
            finish.accept(r.status() == 503 ? unavailable(r.message(), 5)
                    : refuse(ReportOutcome.NOT_NEWEST, r.status(), r.message()));
            return;
        }
        NodeWrites.Admitted taken = (NodeWrites.Admitted) admission;
        taken.done().thenApply(o -> written(node, o))
                .completeOnTimeout(null, limits.answerWithin().toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(o -> finish.accept(o != null ? o : pending(node, taken.state())));
    }

    private Outcome written(String node, NodeWrites.Outcome o) {
        if (o instanceof NodeWrites.Superseded s) {
            return refuse(ReportOutcome.NOT_NEWEST, 409, s.message() + "; this report was not written");
        }
        if (o instanceof NodeWrites.Gone g) {
            return refuse(ReportOutcome.UNKNOWN_NODE, 404, g.message());
        }
        NodeService.Stored stored = ((NodeWrites.Written) o).stored();
        Response ok = Response.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("node", node);
            g.writeStringField("state", "stored");
            g.writeBooleanField("stored", true);
            g.writeBooleanField("changed", stored.changed());
            g.writeStringField("status", stored.judgement().status().name());
            g.writeObjectFieldStart("compliance");
            for (ReportSummary.ProfileResult p : stored.judgement().compliance().values()) {
                g.writeStringField(p.profile().wireName(), p.compliance().name());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("failed");
            for (String id : stored.judgement().failed()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        return new Outcome(stored.changed() ? ReportOutcome.STORED_CHANGED : ReportOutcome.STORED_UNCHANGED, ok, null);
    }

    /** 202: taken, the node not written yet; sending the same report again reports where it stands. */
    private static Outcome pending(String node, NodeWrites.Slot slot) {
        String state = slot.state();
        String error = slot.lastError();
        Response r = Response.json(202, g -> {
            g.writeStartObject();
            g.writeStringField("node", node);
            g.writeStringField("state", state);
            g.writeBooleanField("stored", false);
            if (error != null) {
                g.writeStringField("lastError", error);
            }
            g.writeStringField("note", "the collector keeps writing this report until it is stored or a newer one "
                    + "replaces it; send the same report again to learn its state");
            g.writeEndObject();
        });
        r.header("Retry-After", "5");
        return new Outcome(ReportOutcome.ACCEPTED, r, state + (error == null ? "" : ": " + error));
    }

    /** 413, and the connection closed: the rest of the body is not read. */
    private Outcome tooLarge() {
        Outcome o = refuse(ReportOutcome.TOO_LARGE, 413, "the report is larger than " + maxBodyBytes + " bytes");
        o.response().header("Connection", "close");
        return o;
    }

    private static void log(String node, Outcome o) {
        int code = o.response().status();
        switch (o.outcome()) {
            case STORED_CHANGED -> LOG.atInfo().addKeyValue("node", node).addKeyValue("code", code)
                    .log("report stored, node updated");
            case STORED_UNCHANGED -> LOG.atDebug().addKeyValue("node", node).log("report stored, node unchanged");
            case ACCEPTED -> LOG.atInfo().addKeyValue("node", node).addKeyValue("code", code)
                    .addKeyValue("state", o.reason()).log("report accepted, node write pending");
            case UNAVAILABLE -> LOG.atWarn().addKeyValue("node", node).addKeyValue("code", code)
                    .addKeyValue("reason", o.reason()).log("report not stored");
            default -> LOG.atInfo().addKeyValue("node", node).addKeyValue("code", code)
                    .addKeyValue("reason", o.reason()).log("report refused");
        }
    }

    private static String sourceAddress(SocketAddress a) {
        if (a instanceof InetSocketAddress i && i.getAddress() != null) {
            return i.getAddress().getHostAddress();
        }
        return String.valueOf(a);
    }

    private static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        StringBuilder sb = new StringBuilder();
        t.codePoints().forEach(c -> sb.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return sb.toString();
    }
}
