package io.ra2check.collector.ops;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.meta.Keys;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeSeriesTest {
    private static NodeFacts node(String name, Map<String, String> annotations, Map<String, String> labels) {
        Node n = new NodeBuilder().withNewMetadata().withName(name).withUid("u-" + name).withResourceVersion("1")
                .withAnnotations(annotations).withLabels(labels).endMetadata().build();
        return io.ra2check.collector.kube.NodeFactsReader.from(n, "node.kubernetes.io/instance-type");
    }

    private static final NodeFacts FAILING = node("w1", Map.of(Keys.PROFILE, "basic",
            Keys.AGENT_RESULTS, "ch.004=Pmm,ch.013=Fmm,ch.003=Usm,ch.016=Fmm!",
            Keys.CLUSTER_RESULTS, "k8s.011=Pmm"), Map.of());
    private static final NodeFacts PASSING = node("w2", Map.of(Keys.PROFILE, "network-intensive",
            Keys.AGENT_RESULTS, "ch.004=Pmm,ch.013=Psm"), Map.of("anuket.io/profile/basic", "true",
            "anuket.io/profile/network-intensive", "true"));

    /** name{labels} -> value, over every data point of every metric. */
    private static Map<String, Double> points(MetricSnapshots snapshots) {
        Map<String, Double> out = new TreeMap<>();
        for (MetricSnapshot m : snapshots) {
            for (DataPointSnapshot d : m.getDataPoints()) {
                StringBuilder key = new StringBuilder(m.getMetadata().getName()).append('{');
                d.getLabels().forEach(l -> key.append(l.getName()).append('=').append(l.getValue()).append(','));
                out.put(key.append('}').toString(), ((GaugeSnapshot.GaugeDataPointSnapshot) d).getValue());
            }
        }
        return out;
    }

    @Test
    void actionableStatusesOnlyPerNodeButEveryStatusCounted() {
        Map<String, Double> p = points(new NodeSeries(() -> List.of(FAILING, PASSING), NodeSeries.Detail.ACTIONABLE)
                .collect());
        assertEquals(1.0, p.get("ra2check_requirement_status{node=w1,requirement=ra2.ch.013,status=FAIL,}"));
        // an unreadable fact is UNKNOWN whatever its level; an ignored FAIL is a SKIP
        assertEquals(1.0, p.get("ra2check_requirement_status{node=w1,requirement=ra2.ch.003,status=UNKNOWN,}"));
        assertTrue(p.keySet().stream().noneMatch(k -> k.contains("ra2.ch.016") && k.startsWith("ra2check_requirement_status")),
                "ignored: SKIP, not actionable " + p);
        assertTrue(p.keySet().stream().noneMatch(k -> k.startsWith("ra2check_requirement_status{node=w2")), p.toString());
        assertEquals(1.0, p.get("ra2check_requirement_nodes{requirement=ra2.ch.013,status=FAIL,}"));
        assertEquals(1.0, p.get("ra2check_requirement_nodes{requirement=ra2.ch.013,status=PASS,}"));
        assertEquals(2.0, p.get("ra2check_requirement_nodes{requirement=ra2.ch.004,status=PASS,}"));
        assertEquals(1.0, p.get("ra2check_requirement_nodes{requirement=ra2.ch.016,status=SKIP,}"));
        assertEquals(1.0, p.get("ra2check_requirement_nodes{requirement=ra2.k8s.011,status=PASS,}"),
                "the collector's own verdicts count too");
        assertEquals(0.0, p.get("ra2check_node_profile{node=w1,profile=basic,}"));
        assertEquals(1.0, p.get("ra2check_node_profile{node=w2,profile=network-intensive,}"));
        assertEquals(1.0, p.get("ra2check_profile_nodes{profile=basic,}"));
    }

    @Test
    void allGivesPassesPerNodeAndNoneOnlyTheCounts() {
        Map<String, Double> all = points(new NodeSeries(() -> List.of(PASSING), NodeSeries.Detail.ALL).collect());
        assertEquals(1.0, all.get("ra2check_requirement_status{node=w2,requirement=ra2.ch.004,status=PASS,}"));
        Map<String, Double> none = points(new NodeSeries(() -> List.of(FAILING), NodeSeries.Detail.NONE).collect());
        assertTrue(none.keySet().stream().noneMatch(k -> k.startsWith("ra2check_requirement_status{")), none.toString());
        assertEquals(1.0, none.get("ra2check_requirement_nodes{requirement=ra2.ch.013,status=FAIL,}"));
    }

    @Test
    void aHandEditedAnnotationStatesNothingRatherThanSomethingWrong() {
        NodeFacts edited = node("w3", Map.of(Keys.PROFILE, "basic", Keys.AGENT_RESULTS, "ch.013=Xmm,,"), Map.of());
        NodeFacts badProfile = node("w4", Map.of(Keys.PROFILE, "gold", Keys.AGENT_RESULTS, "ch.013=Fmm"), Map.of());
        Map<String, Double> p = points(new NodeSeries(() -> List.of(edited, badProfile), NodeSeries.Detail.ALL)
                .collect());
        assertTrue(p.keySet().stream().noneMatch(k -> k.contains("requirement=")), p.toString());
        assertEquals(0.0, p.get("ra2check_node_profile{node=w3,profile=basic,}"));
    }

    @Test
    void detailParsesItsThreeNames() {
        assertEquals(NodeSeries.Detail.ALL, NodeSeries.Detail.parse("ALL"));
        assertEquals(NodeSeries.Detail.NONE, NodeSeries.Detail.parse("none"));
        assertThrows(IllegalArgumentException.class, () -> NodeSeries.Detail.parse("some"));
    }
}
