package io.ra2check.collector.publish;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-delete hook's work against the mock API server: ours goes, the kubelet's and everyone else's stay. */
class UninstallTest {
    private final FakeCluster cluster = new FakeCluster();
    private final KubernetesClient client = cluster.newClient();

    @AfterEach
    void close() {
        client.close();
        cluster.close();
    }

    private static NodeCondition condition(String type, String status, String reason) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(reason).withLastHeartbeatTime("2025-05-01T10:00:00Z")
                .withLastTransitionTime("2025-05-01T09:00:00Z").build();
    }

    /** A node as the kubelet and the collector leave it: kubelet conditions around ours, keys of both. */
    private Node node(String name, boolean ours) {
        List<NodeCondition> cs = new java.util.ArrayList<>(List.of(
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory"),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure")));
        if (ours) {
            cs.add(condition(Keys.CONDITION_TYPE, "False", "RequirementsFailed"));
        }
        cs.add(condition("Ready", "True", "KubeletReady"));
        Node n = FakeCluster.goodNode(name).editMetadata().addToLabels("anuket.io/profile/basic", "true")
                .addToAnnotations(Keys.STATUS, "FAIL").addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .endMetadata().editStatus().withConditions(cs).endStatus().build();
        return client.nodes().resource(n).create();
    }

    private List<String> types(String node) {
        return client.nodes().withName(node).get().getStatus().getConditions().stream().map(NodeCondition::getType)
                .toList();
    }

    @Test
    void removesOnlyOurConditionFromEveryNode() {
        node("w1", true);
        node("w2", true);
        node("w3", false);
        Uninstall.Result r = new Uninstall(client).run(false);
        assertEquals(3, r.nodes());
        assertEquals(2, r.conditionsRemoved());
        assertEquals(List.of(), r.failed());
        for (String n : List.of("w1", "w2", "w3")) {
            assertEquals(List.of("MemoryPressure", "DiskPressure", "Ready"), types(n), n);
            Node after = client.nodes().withName(n).get();
            assertEquals("KubeletReady", after.getStatus().getConditions().get(2).getReason());
            // without --remove-node-keys the metadata stays
            assertEquals("true", after.getMetadata().getLabels().get("anuket.io/profile/basic"));
            assertEquals("FAIL", after.getMetadata().getAnnotations().get(Keys.STATUS));
        }
        // a second run finds nothing to do and writes nothing
        int writes = cluster.writes();
        assertEquals(0, new Uninstall(client).run(false).conditionsRemoved());
        assertEquals(writes, cluster.writes());
    }

    @Test
    void aListThatMovedIsReadAgainInsteadOfRemovingTheKubeletsCondition() {
        Node stale = node("w1", true);
        // the kubelet rewrote the list after our read: a new condition in front shifts ours to index 3
        Node moved = client.nodes().withName("w1").get();
        moved.getStatus().getConditions().add(0, condition("PIDPressure", "False", "KubeletHasSufficientPID"));
        client.nodes().resource(moved).update();
        assertEquals(3, types("w1").indexOf(Keys.CONDITION_TYPE));
        assertTrue(new Uninstall(client).removeCondition(stale));
        assertEquals(List.of("PIDPressure", "MemoryPressure", "DiskPressure", "Ready"), types("w1"));
    }

    @Test
    void removesTheCollectorsKeysWhenAsked() {
        node("w1", true);
        Uninstall.Result r = new Uninstall(client).run(true);
        assertEquals(1, r.keysRemoved());
        Node after = client.nodes().withName("w1").get();
        Map<String, String> labels = after.getMetadata().getLabels();
        Map<String, String> annotations = after.getMetadata().getAnnotations();
        assertFalse(labels.containsKey("anuket.io/profile/basic"));
        assertFalse(annotations.containsKey(Keys.STATUS));
        assertEquals("m5.metal", labels.get("node.kubernetes.io/instance-type"));
        assertEquals("true", labels.get("feature.node.kubernetes.io/cpu-cpuid.AVX512F"));
        assertEquals("0", annotations.get("node.alpha.kubernetes.io/ttl"));
        assertEquals(List.of("MemoryPressure", "DiskPressure", "Ready"), types("w1"));
    }
}
