package io.ra2check.collector.check;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeFactsTest {
    @Test
    void readsWhatTheChecksNeedAndOnlyTheOwnedMetadata() {
        Node n = new NodeBuilder().withNewMetadata().withName("w1").withUid("u").withResourceVersion("7")
                .addToLabels("node.kubernetes.io/instance-type", "m5.metal")
                .addToLabels("feature.node.kubernetes.io/cpu-cpuid.AVX2", "true")
                .addToLabels("feature.node.kubernetes.io/kernel-version.major", "6")
                .addToLabels("feature.node.kubernetes.io/vendor-made-up", "true")
                .addToLabels("feature.node.kubernetes.io/nodash", "true")
                .addToLabels("anuket.io/profile/basic", "true")
                .addToLabels("team", "x")
                .addToAnnotations("ra2check.io/status", "PASS")
                .addToAnnotations("other.io/thing", "y")
                .endMetadata().withNewStatus()
                .addToAllocatable("cpu", new Quantity("7910m"))
                .addToAllocatable("hugepages-2Mi", new Quantity("1Gi"))
                .addToAllocatable("hugepages-1Gi", new Quantity("0"))
                .withNewNodeInfo().withKubeletVersion("v1.29.1").withContainerRuntimeVersion("containerd://1.7.0")
                .endNodeInfo().endStatus().build();
        NodeFacts f = io.ra2check.collector.kube.NodeFactsReader.from(n, "node.kubernetes.io/instance-type");
        assertEquals("w1", f.name());
        assertEquals("m5.metal", f.pool());
        assertFalse(f.controlPlane());
        assertEquals(4, f.nfd().count());
        // only NFD's own source names are kept: a kubelet's made-up ones neither count as a source nor take space
        assertEquals(java.util.Set.of("cpu", "kernel"), f.nfd().sources());
        assertEquals(java.util.Map.of("anuket.io/profile/basic", "true"), f.ownedLabels());
        assertEquals(java.util.Map.of("ra2check.io/status", "PASS"), f.ownedAnnotations());
        assertEquals(7910L, f.allocatableCpuMillis());
        assertEquals(1L << 30, f.hugepages().get("hugepages-2Mi"));
        assertEquals(0L, f.hugepages().get("hugepages-1Gi"));
        assertEquals("v1.29.1", f.kubeletVersion());
        assertEquals("containerd://1.7.0", f.containerRuntimeVersion());
    }

    @Test
    void controlPlaneNodesFormTheirOwnPoolsAndUnlabelledNodesShareOne() {
        Node cp = new NodeBuilder().withNewMetadata().withName("cp1")
                .addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata().build();
        NodeFacts f = io.ra2check.collector.kube.NodeFactsReader.from(cp, "node.kubernetes.io/instance-type");
        assertTrue(f.controlPlane());
        assertEquals("control-plane/" + NodeFacts.NO_POOL, f.pool());
        assertFalse(f.allocatableKnown());
        assertNull(f.allocatableCpuMillis());
        assertNull(f.kubeletVersion());
    }

    @Test
    void quantitiesRoundUpAndRefuseNonsense() {
        assertEquals(1L, NodeFacts.millis(new Quantity("1m")));
        assertEquals(2L, NodeFacts.millis(new Quantity("0.0011")));
        assertEquals(500L, NodeFacts.millis(new Quantity("0.5")));
        assertEquals(2048L * 1024 * 1024, NodeFacts.amount(new Quantity("2Gi")));
        assertNull(NodeFacts.millis(new Quantity("lots")));
        assertNull(NodeFacts.millis(null));
        assertNull(NodeFacts.millis(new Quantity("1e30")));
    }
}
