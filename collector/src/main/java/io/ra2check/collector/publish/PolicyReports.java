package io.ra2check.collector.publish;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.ra2check.report.Evidence;
import io.ra2check.report.Level;
import io.ra2check.report.Profile;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's verdicts as a policy report object (OpenReports ClusterReport or wgpolicyk8s ClusterPolicyReport): one
 * result per requirement, scoped to the Node and owned by it, so it goes away with the Node.
 *
 * <p>Status mapping (the report APIs know pass, fail, warn, error, skip): PASS, FAIL, WARN and SKIP map to themselves;
 * UNKNOWN maps to {@code error} ("the policy could not be evaluated", which is what UNKNOWN means: a fact could not be
 * read); MANUAL maps to {@code skip} (not evaluated by the tool: a person decides). The exact ra2check status is kept
 * in each result's {@code status} property. Severity follows the requirement's level in the node's profile: must is
 * high, should medium, may low, not in the profile info.
 */
public final class PolicyReports {
    public static final String SOURCE = "ra2check";
    public static final String CONTENT_DIGEST = "ra2check.io/content-digest";
    static final int MAX_PROPERTY = 512;
    static final int MAX_MESSAGE = 1024;
    static final int MAX_EVIDENCE_ITEMS = 8;

    private PolicyReports() {
    }

    /** The object's name: {@code ra2check-<node>}, shortened with a hash where that would pass 253 characters. */
    public static String name(String node) {
        String n = "ra2check-" + node;
        return n.length() <= 253 ? n : "ra2check-" + sha256(node).substring(0, 32);
    }

    public static String result(Status s) {
        return switch (s) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case WARN -> "warn";
            case SKIP, MANUAL -> "skip";
            case UNKNOWN -> "error";
        };
    }

    public static String severity(Level level) {
        return switch (level) {
            case MUST -> "high";
            case SHOULD -> "medium";
            case MAY -> "low";
            case NONE -> "info";
        };
    }

    /**
     * The object for one node. {@code judgedAt} dates every result: it is the time of the first report with these
     * results, so the same results give the same object.
     */
    public static GenericKubernetesResource build(ReportApi api, String node, String uid, Profile profile,
                                                  List<Verdict> verdicts, Instant judgedAt,
                                                  Map<String, String> extraAnnotations) {
        Map<String, Object> ts = new LinkedHashMap<>();
        ts.put("seconds", judgedAt.getEpochSecond());
        ts.put("nanos", judgedAt.getNano());
        Map<String, Object> nodeRef = new LinkedHashMap<>();
        nodeRef.put("apiVersion", "v1");
        nodeRef.put("kind", "Node");
        nodeRef.put("name", node);
        if (uid != null) {
            nodeRef.put("uid", uid);
        }
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (String k : List.of("pass", "fail", "warn", "error", "skip")) {
            summary.put(k, 0);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Verdict v : verdicts) {
            String result = result(v.status());
            summary.merge(result, 1, Integer::sum);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("source", SOURCE);
            r.put("policy", v.id());
            r.put("category", category(v.id()));
            r.put("severity", severity(v.level(profile)));
            r.put("timestamp", ts);
            r.put("result", result);
            r.put("scored", v.level(profile) == Level.MUST || v.level(profile) == Level.SHOULD);
            r.put("message", bound(v.reasonFor(profile) != null ? v.reasonFor(profile) : v.title(), MAX_MESSAGE));
            r.put("properties", properties(v));
            r.put(api.subjectsField(), List.of(nodeRef));
            results.add(r);
        }
        Map<String, String> annotations = new LinkedHashMap<>(extraAnnotations);
        GenericKubernetesResource o = new GenericKubernetesResource();
        o.setApiVersion(api.apiVersion());
        o.setKind(api.kind());
        o.setMetadata(new ObjectMetaBuilder().withName(name(node))
                .withLabels(Map.of("app.kubernetes.io/managed-by", "ra2check", "ra2check.io/node",
                        labelValue(node)))
                .withOwnerReferences(uid == null ? List.of() : List.of(new OwnerReferenceBuilder()
                        .withApiVersion("v1").withKind("Node").withName(node).withUid(uid).build()))
                .build());
        if (api == ReportApi.OPENREPORTS) {
            o.setAdditionalProperty("source", SOURCE);
        }
        o.setAdditionalProperty("scope", nodeRef);
        o.setAdditionalProperty("summary", summary);
        o.setAdditionalProperty("results", results);
        // the digest covers everything above, so a rewrite happens only when something a reader sees changed
        annotations.put(CONTENT_DIGEST, sha256(String.valueOf(nodeRef) + summary + results + profile));
        o.getMetadata().setAnnotations(annotations);
        return o;
    }

    private static Map<String, String> properties(Verdict v) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("status", v.status().name());
        p.put("title", bound(v.title(), MAX_PROPERTY));
        p.put("judgedBy", v.judgedBy());
        if (!v.expected().isEmpty()) {
            p.put("expected", bound(v.expected(), MAX_PROPERTY));
        }
        if (!v.actual().isEmpty()) {
            p.put("actual", bound(v.actual(), MAX_PROPERTY));
        }
        List<Evidence> ev = v.evidence();
        for (int i = 0; i < Math.min(ev.size(), MAX_EVIDENCE_ITEMS); i++) {
            p.put("evidence." + i, bound(ev.get(i).source() + " = " + ev.get(i).value(), MAX_PROPERTY));
        }
        if (ev.size() > MAX_EVIDENCE_ITEMS) {
            p.put("evidence.more", (ev.size() - MAX_EVIDENCE_ITEMS) + " more (see GET /api/v1/nodes/{node})");
        }
        return p;
    }

    /** {@code ra2.ch.004} is in category {@code ch}: the RA2 chapter 4 section the requirement comes from. */
    private static String category(String id) {
        String[] parts = id.split("\\.");
        return parts.length >= 3 ? parts[1] : id;
    }

    static String bound(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A label value is at most 63 characters; longer node names are hashed. */
    static String labelValue(String node) {
        return node.length() <= 63 ? node : sha256(node).substring(0, 63);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
