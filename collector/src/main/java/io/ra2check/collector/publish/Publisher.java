package io.ra2check.collector.publish;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.meta.Judgement;
import io.ra2check.collector.meta.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Publishes a node's judgement where the cluster's tools look: a policy report object (OpenReports ClusterReport or
 * wgpolicyk8s ClusterPolicyReport), the {@code Ra2Conformant} Node condition, and an Event on the Node when a
 * requirement's status changed. Called only after the Node's metadata changed; every object is compared first and
 * written only when it differs. A failure is logged and never fails the report's intake: the Node metadata is what
 * counts.
 *
 * <p>The report object also keeps the agent's report (gzip, base64, in an annotation), so that any replica, or a
 * restarted one, answers the read API's full report from it ({@link #restore}).
 */
public final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    public static final String REPORT = "ra2check.io/report";
    public static final String REPORT_DIGEST = "ra2check.io/report-digest";
    public static final String GENERATED_AT = "ra2check.io/generated-at";
    /** Annotations total at most 256 KiB; the kept report stays well below. */
    static final int MAX_ENCODED_REPORT = 128 * 1024;
    static final Duration REDISCOVER = Duration.ofMinutes(10);

    /** An agent's report read back from the report object. */
    public record Restored(byte[] body, Instant generatedAt) {
    }

    private final KubernetesClient client;
    private final PublishMode mode;
    private final String reportingInstance;
    private final Clock clock;
    private final int maxBodyBytes;
    private volatile ReportApi api;
    private volatile Instant discoveredAt;
    private volatile String lastDiscoveryLog;

    public Publisher(KubernetesClient client, PublishMode mode, String reportingInstance, Clock clock,
                     int maxBodyBytes) {
        this.client = client;
        this.mode = mode;
        this.reportingInstance = reportingInstance;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * The report API to write to, from the CRDs the cluster has (looked up again every 10 minutes, so a CRD
     * installed later is picked up); empty when none fits. A change of answer is logged once.
     */
    public Optional<ReportApi> reportApi() {
        if (mode == PublishMode.NONE) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (discoveredAt == null || now.isAfter(discoveredAt.plus(REDISCOVER))) {
            discoveredAt = now;
            ReportApi found = null;
            String why;
            try {
                List<ReportApi> candidates = switch (mode) {
                    case OPENREPORTS -> List.of(ReportApi.OPENREPORTS);
                    case WGPOLICY -> List.of(ReportApi.WGPOLICY);
                    default -> List.of(ReportApi.OPENREPORTS, ReportApi.WGPOLICY);
                };
                for (ReportApi c : candidates) {
                    if (client.apiextensions().v1().customResourceDefinitions().withName(c.crd()).get() != null) {
                        found = c;
                        break;
                    }
                }
                why = found != null ? "writing " + found.kind() + " objects (" + found.apiVersion() + ")"
                        : "no report objects written: CRD " + String.join(" or ", candidates.stream()
                        .map(ReportApi::crd).toList()) + " not installed";
            } catch (KubernetesClientException e) {
                found = api;
                why = "could not look up the report CRDs (" + e.getCode() + "); keeping the previous choice";
            }
            api = found;
            if (!why.equals(lastDiscoveryLog)) {
                lastDiscoveryLog = why;
                LOG.atInfo().addKeyValue("mode", mode.name().toLowerCase(java.util.Locale.ROOT)).log(why);
            }
        }
        return Optional.ofNullable(api);
    }

    /**
     * After the Node's metadata changed for a report: the report object, and an Event when statuses changed from
     * {@code before} (the judgement the Node's metadata carried; empty for a first report, which gets no Event).
     */
    public void changed(NodeFacts facts, Judgement now, Supplier<Optional<Judgement>> before, String reportDigest,
                        byte[] body, Instant generatedAt) {
        String node = facts.name();
        try {
            reportApi().ifPresent(a -> writeReport(a, facts, now, reportDigest, body, generatedAt));
        } catch (KubernetesClientException e) {
            fail(node, "report object", e);
        }
        try {
            Optional<Judgement> was = before.get();
            if (was.isPresent()) {
                List<StatusChanges.Change> changes = StatusChanges.between(was.get().merged(), now.merged());
                if (!changes.isEmpty()) {
                    writeEvent(facts, changes);
                }
            }
        } catch (KubernetesClientException e) {
            fail(node, "Event", e);
        }
    }

    /**
     * The {@code Ra2Conformant} condition for {@code now}, written only when the node's differs (so a condition lost
     * to a failed write, or removed by someone, comes back with the next report); the Node as the API server
     * stored it when written.
     */
    public Optional<Node> condition(NodeFacts facts, Judgement now) {
        ConformantCondition.Value v = ConformantCondition.of(now.merged());
        NodeFacts.OwnedCondition have = facts.conformant();
        if (ConformantCondition.same(have, v)) {
            return Optional.empty();
        }
        String at = clock.instant().toString();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", ConformantCondition.TYPE);
        c.put("status", v.status());
        c.put("reason", v.reason());
        c.put("message", v.message());
        c.put("lastHeartbeatTime", at);
        c.put("lastTransitionTime", have != null && v.status().equals(have.status())
                && have.lastTransitionTime() != null ? have.lastTransitionTime() : at);
        // a strategic merge patch merges Node conditions by type, as the kubelet's own heartbeats do: the kubelet's
        // conditions are never touched, whatever their order
        Node target = new Node();
        target.setMetadata(new ObjectMetaBuilder().withName(facts.name()).build());
        try {
            return Optional.ofNullable(client.nodes().resource(target).subresource("status")
                    .patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                            Serialization.asJson(Map.of("status", Map.of("conditions", List.of(c))))));
        } catch (KubernetesClientException e) {
            fail(facts.name(), "Ra2Conformant condition", e);
            return Optional.empty();
        }
    }

    private void fail(String node, String what, KubernetesClientException e) {
        if (e.getCode() == 404 && what.equals("report object")) {
            // the CRD went away: look again before the next write instead of failing on every report
            discoveredAt = null;
        }
        LOG.atWarn().addKeyValue("node", node).addKeyValue("code", e.getCode())
                .addKeyValue("reason", String.valueOf(e.getMessage())).log("could not write the node's " + what);
    }

    private void writeReport(ReportApi a, NodeFacts facts, Judgement j, String reportDigest, byte[] body,
                             Instant generatedAt) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(REPORT_DIGEST, reportDigest);
        extra.put(GENERATED_AT, generatedAt.toString());
        String encoded = encode(body);
        if (encoded.length() <= MAX_ENCODED_REPORT) {
            extra.put(REPORT, encoded);
        } else {
            LOG.atWarn().addKeyValue("node", facts.name()).addKeyValue("bytes", encoded.length())
                    .log("report too large to keep on its report object; a restarted replica answers without it");
        }
        Instant judgedAt = parse(j.annotations().get(Keys.REPORTED_AT), generatedAt);
        GenericKubernetesResource want = PolicyReports.build(a, facts.name(), facts.uid(), j.profile(), j.merged(),
                judgedAt, extra);
        var resources = client.genericKubernetesResources(a.context());
        GenericKubernetesResource have = resources.withName(want.getMetadata().getName()).get();
        if (have != null) {
            Map<String, String> ha = have.getMetadata().getAnnotations() == null ? Map.of()
                    : have.getMetadata().getAnnotations();
            if (want.getMetadata().getAnnotations().get(PolicyReports.CONTENT_DIGEST)
                    .equals(ha.get(PolicyReports.CONTENT_DIGEST)) && reportDigest.equals(ha.get(REPORT_DIGEST))) {
                return;
            }
            want.getMetadata().setResourceVersion(have.getMetadata().getResourceVersion());
            resources.resource(want).update();
        } else {
            resources.resource(want).create();
        }
    }

    private void writeEvent(NodeFacts facts, List<StatusChanges.Change> changes) {
        Instant now = clock.instant();
        Event e = new EventBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace("default")
                        .withName(facts.name() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L
                                + now.getNano()))
                        .build())
                .withRegarding(new ObjectReferenceBuilder().withApiVersion("v1").withKind("Node")
                        .withName(facts.name()).withUid(facts.uid()).build())
                .withEventTime(new MicroTime(now.toString()))
                .withReason("Ra2StatusChanged")
                .withAction("Judged")
                .withType(StatusChanges.worse(changes) ? "Warning" : "Normal")
                .withNote(StatusChanges.note(changes))
                .withReportingController("ra2check.io/collector")
                .withReportingInstance(PolicyReports.bound(reportingInstance, 128))
                .build();
        client.events().v1().events().inNamespace("default").resource(e).create();
    }

    /**
     * The agent's report kept on the node's report object, when its digest is {@code digest} (the one on the Node);
     * empty when there is no object, no kept report, or another one.
     */
    public Optional<Restored> restore(String node, String digest) {
        Optional<ReportApi> a = reportApi();
        if (a.isEmpty() || digest == null) {
            return Optional.empty();
        }
        try {
            GenericKubernetesResource o = client.genericKubernetesResources(a.get().context())
                    .withName(PolicyReports.name(node)).get();
            if (o == null || o.getMetadata().getAnnotations() == null) {
                return Optional.empty();
            }
            Map<String, String> an = o.getMetadata().getAnnotations();
            if (!digest.equals(an.get(REPORT_DIGEST)) || an.get(REPORT) == null) {
                return Optional.empty();
            }
            byte[] body = decode(an.get(REPORT), maxBodyBytes);
            return Optional.of(new Restored(body, parse(an.get(GENERATED_AT), clock.instant())));
        } catch (KubernetesClientException | IOException | IllegalArgumentException e) {
            LOG.atWarn().addKeyValue("node", node).addKeyValue("reason", String.valueOf(e.getMessage()))
                    .log("could not read the report kept on the node's report object");
            return Optional.empty();
        }
    }

    private static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put("op", op);
        m.put("path", path);
        m.put("value", value);
        return m;
    }

    private static Instant parse(String s, Instant otherwise) {
        try {
            return s == null ? otherwise : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }

    static String encode(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** Inflates at most {@code max} bytes: an object anyone with write access can edit is hostile input. */
    static byte[] decode(String encoded, int max) throws IOException {
        byte[] gz = Base64.getDecoder().decode(encoded);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            byte[] out = in.readNBytes(max + 1);
            if (out.length > max) {
                throw new IOException("kept report larger than " + max + " bytes");
            }
            return out;
        }
    }
}
