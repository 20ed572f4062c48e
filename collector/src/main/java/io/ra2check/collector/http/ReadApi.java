package io.ra2check.collector.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.kube.NodeStore;
import io.ra2check.collector.service.NodeService;
import io.ra2check.collector.service.NodeSummary;
import io.ra2check.collector.service.ReportArchive;
import io.ra2check.report.Compliance;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.ReportJson;
import io.ra2check.report.Requirement;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Status;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** {@code GET /api/v1/nodes}, {@code GET /api/v1/nodes/{node}} and {@code GET /api/v1/workloads}. */
final class ReadApi {
    private final NodeStore nodes;
    private final NodeService service;
    private final RequirementCatalog catalog;
    private final BooleanSupplier leader;
    private final java.util.function.Supplier<List<String>> notReady;
    private final Clock clock;
    private final ReportJson json = new ReportJson();

    /** @param notReady why this replica is not ready (the page says so instead of showing an empty matrix) */
    ReadApi(NodeStore nodes, NodeService service, BooleanSupplier leader, java.util.function.Supplier<List<String>>
            notReady, Clock clock) {
        this.notReady = notReady;
        this.nodes = nodes;
        this.service = service;
        this.catalog = service.judge().catalog();
        this.leader = leader;
        this.clock = clock;
    }

    Response list() {
        List<NodeFacts> all = new ArrayList<>(nodes.all());
        all.sort(Comparator.comparing(NodeFacts::name));
        return Response.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("generatedAt", clock.instant().toString());
            g.writeBooleanField("leader", leader.getAsBoolean());
            g.writeArrayFieldStart("notReady");
            for (String reason : notReady.get()) {
                g.writeString(reason);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("requirements");
            for (Requirement r : catalog.all()) {
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("title", r.title());
                g.writeStringField("section", r.section());
                if (r.scope() != null) {
                    g.writeStringField("scope", r.scope().name().toLowerCase(java.util.Locale.ROOT));
                }
                g.writeStringField("disposition", r.disposition().wireName());
                g.writeStringField("how", io.ra2check.report.Coverage.howDecided(r));
                g.writeEndObject();
            }
            g.writeEndArray();
            writeCluster(g);
            g.writeArrayFieldStart("nodes");
            for (NodeFacts f : all) {
                writeSummary(g, NodeSummary.of(f, catalog), service.archive().entry(f.name()).isPresent());
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** The verdicts on the cluster as a whole, with their status under each profile. */
    private void writeCluster(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        io.ra2check.collector.service.ClusterStatus status = service.cluster();
        if (status == null) {
            return;
        }
        io.ra2check.collector.service.ClusterStatus.Snapshot s = status.current();
        g.writeObjectFieldStart("cluster");
        if (s.readAt() != null) {
            g.writeStringField("readAt", s.readAt().toString());
        }
        g.writeArrayFieldStart("verdicts");
        for (io.ra2check.report.Verdict v : s.verdicts()) {
            g.writeStartObject();
            g.writeStringField("id", v.id());
            g.writeStringField("outcome", v.outcome().name());
            g.writeObjectFieldStart("status");
            for (io.ra2check.report.Profile p : io.ra2check.report.Profile.values()) {
                g.writeStringField(p.wireName(), v.statusFor(p).name());
            }
            g.writeEndObject();
            g.writeStringField("expected", v.expected());
            g.writeStringField("actual", v.actual());
            if (v.reason() != null) {
                g.writeStringField("reason", v.reason());
            }
            if (v.remediation() != null) {
                g.writeStringField("remediation", v.remediation());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * The workload rules' verdicts on each selected namespace, each in the shape of {@code ra2check workload --output
     * json} (source, objects, verdicts with per-object evidence), plus the objects each rule fails on.
     */
    Response workloads() {
        io.ra2check.collector.service.ClusterStatus status = service.cluster();
        io.ra2check.collector.service.ClusterStatus.Snapshot s = status == null ? null : status.current();
        return Response.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("generatedAt", clock.instant().toString());
            if (s != null && s.readAt() != null) {
                g.writeStringField("readAt", s.readAt().toString());
            }
            g.writeArrayFieldStart("namespaces");
            for (io.ra2check.collector.meta.LiveWorkloadJudge.NamespaceVerdicts ns : s == null ? List
                    .<io.ra2check.collector.meta.LiveWorkloadJudge.NamespaceVerdicts>of() : s.workloads()) {
                g.writeStartObject();
                g.writeStringField("namespace", ns.namespace());
                g.writeStringField("source", "namespace " + ns.namespace() + " (live objects)");
                g.writeNumberField("objects", ns.objects());
                g.writeArrayFieldStart("verdicts");
                for (io.ra2check.report.Verdict v : ns.verdicts()) {
                    ReportJson.writeVerdict(g, v);
                }
                g.writeEndArray();
                g.writeObjectFieldStart("problems");
                for (io.ra2check.report.Verdict v : ns.verdicts()) {
                    if (ns.problemCount(v.id()) > 0) {
                        g.writeObjectFieldStart(v.id());
                        g.writeNumberField("count", ns.problemCount(v.id()));
                        g.writeArrayFieldStart("objects");
                        for (String o : ns.problems(v.id())) {
                            g.writeString(o);
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    Response one(String name) {
        Optional<NodeFacts> facts = nodes.facts(name);
        if (facts.isEmpty()) {
            return Response.error(404, "no node named " + name + " in the cluster");
        }
        NodeSummary summary = NodeSummary.of(facts.get(), catalog);
        Optional<NodeReport> report = summary.reported() ? service.fullReport(facts.get()) : Optional.empty();
        Optional<ReportArchive.Entry> held = service.archive().entry(name);
        String reportJson = report.map(json::write).orElse(null);
        return Response.json(200, g -> {
            g.writeStartObject();
            g.writeFieldName("summary");
            writeSummary(g, summary, held.isPresent());
            if (held.isPresent()) {
                g.writeStringField("lastReceivedAt", held.get().lastReceivedAt().toString());
            }
            if (reportJson != null) {
                g.writeFieldName("report");
                g.writeRawValue(reportJson);
            } else {
                g.writeNullField("report");
                g.writeStringField("reportNote", !summary.reported() ? "the node has not reported yet"
                        : "this replica does not hold the node's latest full report (it was received by another "
                        + "replica, or before a restart); the statuses above come from the node's annotations, and "
                        + "the full report returns with the agent's next report");
            }
            g.writeEndObject();
        });
    }

    private static void writeSummary(JsonGenerator g, NodeSummary s, boolean held) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeStringField("pool", s.pool());
        g.writeBooleanField("reported", s.reported());
        g.writeBooleanField("fullReport", held);
        if (s.problem() != null) {
            g.writeStringField("problem", s.problem());
        }
        if (s.reported()) {
            g.writeStringField("profile", s.profile().wireName());
            g.writeStringField("status", s.status().name());
            g.writeStringField("reportedAt", s.reportedAt());
            g.writeStringField("lastSeen", s.lastSeen());
            g.writeBooleanField("stale", s.stale());
            g.writeObjectFieldStart("counts");
            for (Map.Entry<Status, Integer> e : s.counts().entrySet()) {
                g.writeNumberField(e.getKey().name(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("compliance");
            for (Map.Entry<Profile, Compliance> e : s.compliance().entrySet()) {
                g.writeStringField(e.getKey().wireName(), e.getValue().name());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("failed");
            for (String id : s.failed()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("statuses");
            for (Map.Entry<String, Status> e : s.statuses().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue().name());
            }
            g.writeEndObject();
        }
        g.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> e : s.labels().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
