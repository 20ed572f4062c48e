package io.ra2check.collector.ops;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.meta.CompactResults;
import io.ra2check.collector.meta.Keys;
import io.ra2check.report.Profile;
import io.ra2check.report.Status;
import io.ra2check.report.Verdicts;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The fleet's results as Prometheus series, computed at scrape time from what the node informer already holds (the
 * collector's annotations and labels on each Node): nothing is stored twice, and every replica answers the same.
 *
 * <ul>
 * <li>{@code ra2check_requirement_status{node,requirement,status}} 1: a node's status of a requirement, under the
 * profile it was checked for. By default only for the statuses someone acts on (FAIL, WARN, UNKNOWN): a PASS series
 * per node and requirement is 35 series a node that say nothing the counts below do not (5,000 nodes: 175,000
 * series per scrape); {@link Detail#ALL} gives them all.</li>
 * <li>{@code ra2check_requirement_nodes{requirement,status}}: how many nodes have each status of each requirement.</li>
 * <li>{@code ra2check_node_profile{node,profile}} 1 or 0: whether the node carries {@code anuket.io/profile/<p>}.</li>
 * <li>{@code ra2check_profile_nodes{profile}}: nodes carrying each profile label.</li>
 * </ul>
 */
public final class NodeSeries implements MultiCollector {
    /** Which per-node requirement series to export. */
    public enum Detail {
        /** Only FAIL, WARN and UNKNOWN. */
        ACTIONABLE(EnumSet.of(Status.FAIL, Status.WARN, Status.UNKNOWN)),
        /** Every status. */
        ALL(EnumSet.allOf(Status.class)),
        /** None (the fleet's counts only). */
        NONE(EnumSet.noneOf(Status.class));

        private final Set<Status> statuses;

        Detail(Set<Status> statuses) {
            this.statuses = statuses;
        }

        public static Detail parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "actionable" -> ACTIONABLE;
                case "all" -> ALL;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("expected actionable, all or none, got '" + s + "'");
            };
        }
    }

    private final Supplier<? extends Collection<NodeFacts>> nodes;
    private final Detail detail;

    public NodeSeries(Supplier<? extends Collection<NodeFacts>> nodes, Detail detail) {
        this.nodes = nodes;
        this.detail = detail;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder perNode = GaugeSnapshot.builder().name("ra2check_requirement_status")
                .help("1 for a node's status of a requirement, under the profile it was checked for");
        GaugeSnapshot.Builder profiles = GaugeSnapshot.builder().name("ra2check_node_profile")
                .help("1 when the node carries the anuket.io/profile/<profile> label, else 0");
        Map<String, Map<Status, Integer>> byRequirement = new TreeMap<>();
        Map<Profile, Integer> profileCounts = new java.util.EnumMap<>(Profile.class);
        for (Profile p : Profile.values()) {
            profileCounts.put(p, 0);
        }
        for (NodeFacts n : nodes.get()) {
            for (Profile p : Profile.values()) {
                boolean has = "true".equals(n.ownedLabels().get(Keys.profileLabel(p)));
                profiles.dataPoint(GaugeDataPointSnapshot.builder().value(has ? 1 : 0)
                        .labels(Labels.of("node", n.name(), "profile", p.wireName())).build());
                if (has) {
                    profileCounts.merge(p, 1, Integer::sum);
                }
            }
            Map<String, String> a = n.ownedAnnotations();
            Profile profile = profileOf(a.get(Keys.PROFILE));
            if (profile == null) {
                continue; // no report yet, or an annotation nobody can read: no status to state
            }
            for (String key : new String[] {Keys.AGENT_RESULTS, Keys.CLUSTER_RESULTS}) {
                String encoded = a.get(key);
                if (encoded == null) {
                    continue;
                }
                java.util.List<CompactResults.Entry> entries;
                try {
                    entries = CompactResults.decode(encoded);
                } catch (IllegalArgumentException e) {
                    continue; // a hand-edited annotation: the node's status annotation already says it is unreadable
                }
                for (CompactResults.Entry e : entries) {
                    Status s = Verdicts.status(e.outcome(), e.level(profile), e.ignored());
                    byRequirement.computeIfAbsent(e.id(), k -> new java.util.EnumMap<>(Status.class))
                            .merge(s, 1, Integer::sum);
                    if (detail.statuses.contains(s)) {
                        perNode.dataPoint(GaugeDataPointSnapshot.builder().value(1).labels(Labels.of("node",
                                n.name(), "requirement", e.id(), "status", s.name())).build());
                    }
                }
            }
        }
        GaugeSnapshot.Builder counts = GaugeSnapshot.builder().name("ra2check_requirement_nodes")
                .help("Nodes by their status of each requirement");
        byRequirement.forEach((id, statuses) -> statuses.forEach((s, c) -> counts.dataPoint(GaugeDataPointSnapshot
                .builder().value(c).labels(Labels.of("requirement", id, "status", s.name())).build())));
        GaugeSnapshot.Builder fleet = GaugeSnapshot.builder().name("ra2check_profile_nodes")
                .help("Nodes carrying each anuket.io/profile/<profile> label");
        profileCounts.forEach((p, c) -> fleet.dataPoint(GaugeDataPointSnapshot.builder().value(c)
                .labels(Labels.of("profile", p.wireName())).build()));
        return MetricSnapshots.of(perNode.build(), counts.build(), profiles.build(), fleet.build());
    }

    private static Profile profileOf(String wire) {
        if (wire == null) {
            return null;
        }
        try {
            return Profile.fromWire(wire);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
