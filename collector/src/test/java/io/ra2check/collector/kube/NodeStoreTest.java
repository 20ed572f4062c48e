package io.ra2check.collector.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.check.PoolView;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.testing.FakeCluster;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeStoreTest {
    private static Node node(String name, String rv, String fingerprint) {
        var b = FakeCluster.goodNode(name).editMetadata().withResourceVersion(rv);
        if (fingerprint != null) {
            b.addToAnnotations(Keys.FINGERPRINT, fingerprint);
        }
        return b.endMetadata().build();
    }

    @Test
    void keepsFactsAndAnswersTheInformerWithReducedNodes() {
        NodeStore s = new NodeStore("node.kubernetes.io/instance-type");
        assertNull(s.put("a", node("a", "1", "os=11111111")));
        Node back = s.get("a");
        assertEquals("1", back.getMetadata().getResourceVersion());
        assertEquals(Map.of(Keys.FINGERPRINT, "os=11111111"), back.getMetadata().getAnnotations());
        assertNull(back.getStatus());
        assertEquals(1, s.size());
        assertEquals(List.of("a"), s.keySet().toList());
    }

    @Test
    void poolViewCountsTheJudgedNodesNewFingerprintInsteadOfItsOld() {
        NodeStore s = new NodeStore("node.kubernetes.io/instance-type");
        s.put("a", node("a", "1", "os=11111111"));
        s.put("b", node("b", "1", "os=11111111"));
        s.put("c", node("c", "1", "os=22222222"));
        s.put("d", node("d", "1", null));
        NodeFacts c = s.facts("c").orElseThrow();
        assertEquals(new PoolView("m5.metal", 4, Map.of("os=11111111", 3)), s.poolView(c, "os=11111111"));
        assertEquals(new PoolView("m5.metal", 4, Map.of("os=11111111", 2, "os=22222222", 1)),
                s.poolView(c, "os=22222222"));
        s.remove("a");
        assertEquals(new PoolView("m5.metal", 3, Map.of("os=11111111", 1, "os=22222222", 1)),
                s.poolView(c, "os=22222222"));
    }

    @Test
    void listenersHearOfChangesButNotOfResourceVersionBumps() {
        NodeStore s = new NodeStore("node.kubernetes.io/instance-type");
        List<String> heard = new ArrayList<>();
        s.addListener((before, after) -> heard.add((before == null ? "-" : before.name()) + ">"
                + (after == null ? "-" : after.name())));
        s.put("a", node("a", "1", null));
        s.put("a", node("a", "2", null));
        s.put("a", node("a", "3", "os=11111111"));
        s.remove("a");
        assertEquals(List.of("->a", "a>a", "a>-"), heard);
        assertTrue(s.facts("a").isEmpty());
    }
}
