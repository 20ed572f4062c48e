package io.ra2check.collector.http;

import com.sun.net.httpserver.Headers;
import io.ra2check.collector.auth.TokenAuthenticator;
import io.ra2check.collector.kube.ApiUnavailableException;
import io.ra2check.collector.kube.NodeStore;
import io.ra2check.collector.meta.AgentSide;
import io.ra2check.collector.ops.Metrics;
import io.ra2check.collector.ops.Metrics.ReportOutcome;
import io.ra2check.collector.service.NodeService;
import io.ra2check.collector.service.UnknownNodeException;
import io.ra2check.report.NodeReport;
import io.ra2check.report.ReportFormatException;
import io.ra2check.report.ReportJson;
import io.ra2check.report.ReportSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code PUT /api/v1/reports/{node}}: checks size, caller and node before reading the body, then the report, then
 * stores it. A rejected request changes nothing.
 */
final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    /** A Kubernetes node name: an RFC 1123 DNS subdomain. */
    private static final Pattern NODE_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final TokenAuthenticator auth;
    private final NodeService service;
    private final NodeStore nodes;
    private final Supplier<List<String>> notListed;
    private final Metrics metrics;
    private final int maxBodyBytes;
    private final ReportJson reader = new ReportJson();

    /** @param notListed what the collector has not read yet (nodes, pods, control plane version); empty when ready */
    Intake(TokenAuthenticator auth, NodeService service, NodeStore nodes, Supplier<List<String>> notListed,
           Metrics metrics, int maxBodyBytes) {
        this.auth = auth;
        this.service = service;
        this.nodes = nodes;
        this.notListed = notListed;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    Response handle(String node, Headers headers, InputStream body) {
        long t0 = System.nanoTime();
        Outcome o = process(node, headers, body);
        metrics.report(o.outcome(), (System.nanoTime() - t0) / 1e9);
        Response r = o.response();
        if (o.outcome() == ReportOutcome.STORED_CHANGED) {
            LOG.atInfo().addKeyValue("node", node).addKeyValue("code", r.status()).log("report stored, node updated");
        } else if (o.outcome() == ReportOutcome.STORED_UNCHANGED) {
            LOG.atDebug().addKeyValue("node", node).log("report stored, node unchanged");
        } else if (o.outcome() == ReportOutcome.UNAVAILABLE) {
            LOG.atWarn().addKeyValue("node", node).addKeyValue("code", r.status()).addKeyValue("reason", o.reason())
                    .log("report not stored");
        } else {
            LOG.atInfo().addKeyValue("node", node).addKeyValue("code", r.status()).addKeyValue("reason", o.reason())
                    .log("report refused");
        }
        return r;
    }

    private record Outcome(ReportOutcome outcome, Response response, String reason) {
    }

    private static Outcome refuse(ReportOutcome outcome, int status, String message) {
        return new Outcome(outcome, Response.error(status, message), message);
    }

    private Outcome process(String node, Headers headers, InputStream body) {
        List<String> missing = notListed.get();
        if (!missing.isEmpty()) {
            // judging with half a view (no pods, no version) would flip verdicts and labels for nothing
            String m = "the collector is starting (" + String.join(", ", missing) + "); retry later";
            return new Outcome(ReportOutcome.UNAVAILABLE, Response.error(503, m).header("Retry-After", "5"), m);
        }
        if (node.length() > 253 || !NODE_NAME.matcher(node).matches()) {
            return refuse(ReportOutcome.BAD_REQUEST, 400, "node: '" + printable(node) + "' is not a valid node name");
        }
        String length = headers.getFirst("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return refuse(ReportOutcome.BAD_REQUEST, 400, "Content-Length: not a number");
            }
            if (n > maxBodyBytes) {
                return tooLarge(body);
            }
        }
        TokenAuthenticator.Result a = auth.authenticate(headers.getFirst("Authorization"), node);
        if (a instanceof TokenAuthenticator.Rejected rej) {
            Outcome o = refuse(rej.status() == 401 ? ReportOutcome.UNAUTHENTICATED : ReportOutcome.FORBIDDEN,
                    rej.status(), rej.message());
            if (rej.status() == 401) {
                o.response().header("WWW-Authenticate", "Bearer");
            }
            return o;
        }
        if (a instanceof TokenAuthenticator.Unavailable u) {
            return new Outcome(ReportOutcome.UNAVAILABLE, Response.error(503, u.message()).header("Retry-After", "5"),
                    u.message());
        }
        metrics.tokenReview(((TokenAuthenticator.Accepted) a).cached());
        if (nodes.facts(node).isEmpty()) {
            return refuse(ReportOutcome.UNKNOWN_NODE, 404, "no node named " + node + " in the cluster");
        }
        byte[] bytes;
        try {
            bytes = readLimited(body);
        } catch (IOException e) {
            return refuse(ReportOutcome.BAD_REQUEST, 400, "could not read the request body: " + e.getMessage());
        }
        if (bytes == null) {
            return tooLarge(body);
        }
        NodeReport report;
        try {
            report = reader.read(bytes);
        } catch (ReportFormatException e) {
            return refuse(ReportOutcome.BAD_REQUEST, 400, e.getMessage());
        }
        if (!report.node().equals(node)) {
            return refuse(ReportOutcome.BAD_REQUEST, 400, "node: the report is for '" + printable(report.node())
                    + "' but was posted for '" + node + "'");
        }
        Optional<String> unknown = AgentSide.unknownRequirement(report, service.judge().catalog());
        if (unknown.isPresent()) {
            return refuse(ReportOutcome.BAD_REQUEST, 400, unknown.get());
        }
        NodeService.Stored stored;
        try {
            stored = service.accept(report, bytes);
        } catch (UnknownNodeException e) {
            return refuse(ReportOutcome.UNKNOWN_NODE, 404, e.getMessage());
        } catch (ApiUnavailableException e) {
            String m = "the report was not stored, the API server cannot be written now: " + e.getMessage();
            return new Outcome(ReportOutcome.UNAVAILABLE, Response.error(503, m).header("Retry-After", "5"), m);
        }
        Response ok = Response.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("node", node);
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

    /**
     * 413. The rest of the body is read and thrown away (never kept), up to {@link #DISCARD_LIMIT}: closing a
     * connection with unread data resets it, and the client would lose the answer. Beyond that, the connection is
     * closed anyway.
     */
    private Outcome tooLarge(InputStream body) {
        byte[] scratch = new byte[8192];
        long discarded = 0;
        try {
            int n;
            while (discarded < DISCARD_LIMIT && (n = body.read(scratch)) > 0) {
                discarded += n;
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
        Outcome o = refuse(ReportOutcome.TOO_LARGE, 413, "the report is larger than " + maxBodyBytes + " bytes");
        o.response().header("Connection", "close");
        return o;
    }

    /** How much of an oversized body is read (and discarded) so that the 413 reaches the client. */
    static final long DISCARD_LIMIT = 1024 * 1024;

    /** The body, or null when it is longer than the limit (reading stops there). */
    private byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBodyBytes, 32 * 1024));
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > maxBodyBytes) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        StringBuilder sb = new StringBuilder();
        t.codePoints().forEach(c -> sb.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return sb.toString();
    }
}
