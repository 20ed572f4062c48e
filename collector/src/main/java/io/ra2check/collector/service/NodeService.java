package io.ra2check.collector.service;

import io.fabric8.kubernetes.api.model.Node;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.check.PodView;
import io.ra2check.collector.kube.ApiUnavailableException;
import io.ra2check.collector.kube.KubeAccess;
import io.ra2check.collector.kube.NodeGoneException;
import io.ra2check.collector.kube.NodeStore;
import io.ra2check.collector.kube.PodStore;
import io.ra2check.collector.meta.AgentSide;
import io.ra2check.collector.meta.Judge;
import io.ra2check.collector.meta.Judgement;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.meta.Liveness;
import io.ra2check.collector.meta.MetadataPatch;
import io.ra2check.collector.meta.ReportDigest;
import io.ra2check.collector.meta.ReportOrder;
import io.ra2check.collector.ops.Metrics;
import io.ra2check.collector.publish.Publisher;
import io.ra2check.report.NodeReport;
import io.ra2check.report.ReportFormatException;
import io.ra2check.report.ReportJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Judges nodes and writes their metadata: for a report just received (any replica), and for a node whose cluster
 * view changed without a new report (the leader, from the node's annotations). Work on one node is serialized within
 * this process; a node is written only when its owned metadata differs from what it should be.
 */
public final class NodeService {
    private static final Logger LOG = LoggerFactory.getLogger(NodeService.class);

    /** A stored report: whether the node's metadata changed, and the judgement. */
    public record Stored(boolean changed, Judgement judgement) {
    }

    /** What a reconciliation of one node did. */
    public enum Reconciled {
        /** The node is gone. */
        GONE,
        /** No report and nothing owned on the node: nothing to do. */
        NO_REPORT,
        /** The node carried owned keys no report backs (no or unreadable results): they were removed. */
        CLEANED,
        /** Judged again; the metadata was already right. */
        UNCHANGED,
        /** Judged again; the metadata was written. */
        UPDATED
    }

    private final Judge judge;
    private final NodeStore nodes;
    private final PodStore pods;
    private final BooleanSupplier podsSynced;
    private final VersionTracker version;
    private final KubeAccess kube;
    private final ReportArchive archive;
    private final Metrics metrics;
    private final ReportJson json = new ReportJson();
    private final ReportJson reader = json;
    private final Clock clock;
    private final Liveness liveness;
    /** Work on one node is serialized; 4,096 stripes keep unrelated nodes from waiting on each other's writes. */
    private final Object[] locks = new Object[4096];
    /** Where a changed judgement is also published (report object, condition, Event); null: nowhere. */
    private volatile Publisher publisher;

    public NodeService(Judge judge, NodeStore nodes, PodStore pods, BooleanSupplier podsSynced, VersionTracker version,
                       KubeAccess kube, ReportArchive archive, Metrics metrics, Clock clock, Liveness liveness) {
        this.judge = judge;
        this.nodes = nodes;
        this.pods = pods;
        this.podsSynced = podsSynced;
        this.version = version;
        this.kube = kube;
        this.archive = archive;
        this.metrics = metrics;
        this.clock = clock;
        this.liveness = liveness;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** Where each report's facts are also published as an NFD NodeFeature object; null: nowhere. */
    private volatile io.ra2check.collector.publish.NodeFeatures nodeFeatures;

    public void nodeFeaturesTo(io.ra2check.collector.publish.NodeFeatures f) {
        this.nodeFeatures = f;
    }

    public void publishTo(Publisher p) {
        this.publisher = p;
    }

    public Judge judge() {
        return judge;
    }

    private volatile ClusterStatus cluster;

    /** The cluster-wide verdicts shown beside the nodes' (null when none are judged, as in some tests). */
    public ClusterStatus cluster() {
        return cluster;
    }

    public void cluster(ClusterStatus status) {
        this.cluster = status;
    }

    public ReportArchive archive() {
        return archive;
    }

    private Object lock(String node) {
        return locks[Math.floorMod(node.hashCode(), locks.length)];
    }

    /**
     * Stores a report: judges the node with it and writes the node's metadata if it changed. Nothing is stored when
     * this throws.
     */
    public Stored accept(NodeReport report, byte[] body) throws ApiUnavailableException, UnknownNodeException {
        return acceptIfNewest(report, body, null).orElseThrow();
    }

    /**
     * As {@link #accept}, unless {@code order} is given and the Node's annotations already come from a newer report
     * (another replica wrote it meanwhile): then nothing is written and the result is empty.
     */
    public Optional<Stored> acceptIfNewest(NodeReport report, byte[] body, ReportOrder order)
            throws ApiUnavailableException, UnknownNodeException {
        String node = report.node();
        String digest = ReportDigest.of(report, json);
        synchronized (lock(node)) {
            NodeFacts facts = nodes.facts(node).orElseThrow(() -> new UnknownNodeException(node));
            if (order != null && storedOrder(facts).map(o -> order.relativeTo(o) == ReportOrder.Relation.OLDER)
                    .orElse(false)) {
                return Optional.empty();
            }
            String reportedAt = facts.ownedAnnotations().get(Keys.REPORTED_AT);
            ReportOrder kept = storedOrder(facts).orElse(null);
            if (!digest.equals(facts.ownedAnnotations().get(Keys.DIGEST)) || reportedAt == null || kept == null) {
                // new results: they date from this report; the same results keep the date and order of the first
                // report that had them, so that re-checks with nothing new write nothing
                reportedAt = report.generatedAt().toString();
                kept = ReportOrder.of(report);
            }
            AgentSide agent = AgentSide.fromReport(report, judge.catalog(), digest, reportedAt, kept);
            Judgement j = liveness.onReport(judge(agent, facts), facts, clock.instant());
            boolean changed;
            try {
                changed = write(facts, MetadataPatch.between(facts, j, judge.options().manageLabels()));
            } catch (NodeGoneException e) {
                throw new UnknownNodeException(node);
            }
            archive.put(node, digest, body, report.generatedAt(), clock.instant());
            io.ra2check.collector.publish.NodeFeatures nf = nodeFeatures;
            if (nf != null) {
                nf.publish(nodes.facts(node).orElse(facts), report.inventory());
            }
            Publisher p = publisher;
            if (p != null) {
                NodeFacts after = nodes.facts(node).orElse(facts);
                if (changed) {
                    p.changed(after, j, () -> judgeFromAnnotations(facts), digest, body, report.generatedAt());
                }
                p.condition(after, j).ifPresent(n -> nodes.put(node, n));
            }
            return Optional.of(new Stored(changed, j));
        }
    }

    /**
     * The ordering key on the node's annotations: the report its results come from. Empty when absent or malformed
     * (a kubelet can edit it; the leader's reconciliation then removes the unreadable keys).
     */
    public static Optional<ReportOrder> storedOrder(NodeFacts facts) {
        String v = facts.ownedAnnotations().get(Keys.REPORT_ORDER);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ReportOrder.parse(v));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Liveness liveness() {
        return liveness;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Judges a node again from its annotations and the current cluster view (the leader's work), withdrawing the
     * labels of a node that stopped reporting.
     *
     * @param observedSince when the caller started watching: a node with no last-seen counts as silent since then
     */
    public Reconciled reconcile(String node, Instant observedSince) throws ApiUnavailableException {
        synchronized (lock(node)) {
            Optional<NodeFacts> found = nodes.facts(node);
            if (found.isEmpty()) {
                archive.remove(node);
                return Reconciled.GONE;
            }
            NodeFacts facts = found.get();
            boolean manageLabels = judge.options().manageLabels();
            AgentSide agent = null;
            String problem = null;
            if (facts.ownedAnnotations().containsKey(Keys.AGENT_RESULTS)) {
                try {
                    agent = AgentSide.fromAnnotations(facts.ownedAnnotations(), judge.catalog());
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            try {
                if (agent == null) {
                    MetadataPatch cleanup = MetadataPatch.removeAll(facts, manageLabels);
                    if (cleanup.isEmpty()) {
                        return Reconciled.NO_REPORT;
                    }
                    LOG.atInfo().addKeyValue("node", node)
                            .addKeyValue("reason", problem != null ? problem : "no report backs them")
                            .log("removing the collector's keys from the node");
                    write(facts, cleanup);
                    return Reconciled.CLEANED;
                }
                Judgement j = liveness.onReconcile(judge(agent, facts), facts, clock.instant(), observedSince);
                boolean updated = write(facts, MetadataPatch.between(facts, j, manageLabels));
                Publisher p = publisher;
                if (p != null) {
                    // a cluster check or staleness can change the condition without a report
                    p.condition(nodes.facts(node).orElse(facts), j).ifPresent(n -> nodes.put(node, n));
                }
                return updated ? Reconciled.UPDATED : Reconciled.UNCHANGED;
            } catch (NodeGoneException e) {
                return Reconciled.GONE;
            }
        }
    }

    /** The node judged now from its annotations (no write): what the read API shows when no report is held. */
    public Optional<Judgement> judgeFromAnnotations(NodeFacts facts) {
        if (!facts.ownedAnnotations().containsKey(Keys.AGENT_RESULTS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(judge(AgentSide.fromAnnotations(facts.ownedAnnotations(), judge.catalog()), facts));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The node's last report held by this replica, merged with the collector's verdicts as of now; empty when this
     * replica holds none, or holds an older report than the one the node's annotations come from.
     */
    public Optional<NodeReport> fullReport(NodeFacts facts) {
        Optional<ReportArchive.Entry> e = archive.entry(facts.name());
        Publisher p = publisher;
        String onNode = facts.ownedAnnotations().get(Keys.DIGEST);
        if (p != null && onNode != null && (e.isEmpty() || !e.get().digest().equals(onNode))) {
            // another replica received it, or this one restarted: the report object keeps it
            p.restore(facts.name(), onNode).ifPresent(r -> archive.put(facts.name(), onNode, r.body(),
                    r.generatedAt(), clock.instant()));
            e = archive.entry(facts.name());
        }
        if (e.isEmpty() || !e.get().digest().equals(facts.ownedAnnotations().get(Keys.DIGEST))) {
            return Optional.empty();
        }
        NodeReport agentReport;
        try {
            agentReport = reader.read(archive.body(e.get()));
        } catch (ReportFormatException | IllegalStateException ex) {
            LOG.atWarn().addKeyValue("node", facts.name()).addKeyValue("reason", ex.getMessage())
                    .log("archived report unreadable");
            return Optional.empty();
        }
        AgentSide agent = AgentSide.fromReport(agentReport, judge.catalog(), e.get().digest(),
                facts.ownedAnnotations().getOrDefault(Keys.REPORTED_AT, agentReport.generatedAt().toString()),
                storedOrder(facts).orElse(null));
        Judgement j = judge(agent, facts);
        return Optional.of(new NodeReport(agentReport.tool(), agentReport.node(), e.get().lastGeneratedAt(),
                agentReport.durationMs(), agentReport.root(), agentReport.profile(), agentReport.inventory(),
                agentReport.fingerprint(), j.merged(), agentReport.origin()));
    }

    private Judgement judge(AgentSide agent, NodeFacts facts) {
        PodView podView = podsSynced.getAsBoolean() ? PodView.of(pods.totals(facts.name()), pods.nfd(facts.name()))
                : PodView.unknown("the collector has not listed the cluster's pods yet");
        return judge.judge(agent, facts, podView, version.current(), nodes.poolView(facts, agent.fingerprint()));
    }

    /** Sends the patch unless it is empty; true when something was written. */
    private boolean write(NodeFacts facts, MetadataPatch patch) throws ApiUnavailableException, NodeGoneException {
        if (patch.isEmpty()) {
            return false;
        }
        long t0 = System.nanoTime();
        try {
            Node updated = kube.patchNode(facts.name(), patch.toJson(facts.resourceVersion()));
            metrics.patch(true, (System.nanoTime() - t0) / 1e9);
            nodes.put(facts.name(), updated);
            return true;
        } catch (ApiUnavailableException | RuntimeException e) {
            metrics.patch(false, (System.nanoTime() - t0) / 1e9);
            throw e;
        } catch (NodeGoneException e) {
            metrics.patch(false, (System.nanoTime() - t0) / 1e9);
            throw e;
        }
    }
}
