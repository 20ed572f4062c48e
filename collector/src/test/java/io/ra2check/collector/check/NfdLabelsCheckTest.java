package io.ra2check.collector.check;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.ra2check.collector.kube.NodeFactsReader;
import io.ra2check.collector.kube.PodStore;
import io.ra2check.collector.testing.FakeCluster;
import io.ra2check.report.Finding;
import io.ra2check.report.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ra2.ch.018 from Node labels as NFD v0.17 writes them and NFD's pods as its Helm chart deploys them. */
class NfdLabelsCheckTest {
    /** Labels NFD's default configuration puts on an x86 server (a subset). */
    private static final Map<String, String> NFD_LABELS = Map.of(
            "feature.node.kubernetes.io/cpu-cpuid.AVX512F", "true",
            "feature.node.kubernetes.io/cpu-model.vendor_id", "Intel",
            "feature.node.kubernetes.io/cpu-hardware_multithreading", "true",
            "feature.node.kubernetes.io/kernel-version.full", "6.8.0-45-generic",
            "feature.node.kubernetes.io/kernel-version.major", "6",
            "feature.node.kubernetes.io/pci-0300_1a03.present", "true",
            "feature.node.kubernetes.io/system-os_release.ID", "ubuntu");

    private static NodeFacts node(Map<String, String> labels) {
        Node n = FakeCluster.goodNode("w1").editMetadata().withLabels(labels).endMetadata().build();
        return NodeFactsReader.from(n, "node.kubernetes.io/instance-type");
    }

    private static PodView pods(Pod... pods) {
        PodStore store = new PodStore();
        for (Pod p : pods) {
            store.put(store.getKey(p), p);
        }
        return PodView.of(store.totals("w1"), store.nfd("w1"));
    }

    private static Finding check(NodeFacts n, PodView p) {
        Finding f = NfdLabelsCheck.nodeFeatureDiscovery(n, p);
        if (f.outcome() == Outcome.UNKNOWN) {
            assertTrue(f.reason() != null && !f.reason().isBlank(), f.toString());
        }
        return f;
    }

    @Test
    void passesWhenCoreLabelsAreThereAndWorkerAndMasterRun() {
        Finding f = check(node(NFD_LABELS), pods(FakeCluster.nfdWorker("w1"), FakeCluster.nfdMaster("cp1")));
        assertEquals(Outcome.PASS, f.outcome(), f.toString());
        assertEquals("7 labels from cpu,kernel,pci,system; nfd-worker node-feature-discovery/nfd-worker-w1, "
                + "nfd-master node-feature-discovery/nfd-master-5d8f9", f.actual());
    }

    @Test
    void failsWithoutLabels() {
        Finding f = check(node(Map.of("kubernetes.io/hostname", "w1")), pods(FakeCluster.nfdWorker("w1"),
                FakeCluster.nfdMaster("cp1")));
        assertEquals(Outcome.FAIL, f.outcome());
        assertEquals("no feature.node.kubernetes.io/* labels", f.actual());
    }

    @Test
    void failsWhenOnlyHandSetLabelsAreThere() {
        // what "kubectl label node w1 feature.node.kubernetes.io/sriov=true" leaves: no NFD source labelled anything
        Finding f = check(node(Map.of("feature.node.kubernetes.io/network-sriov.capable", "true",
                "feature.node.kubernetes.io/fast-nic", "true")), pods(FakeCluster.nfdWorker("w1"),
                FakeCluster.nfdMaster("cp1")));
        assertEquals(Outcome.FAIL, f.outcome());
        assertTrue(f.actual().contains("none from NFD's cpu and kernel source"), f.actual());
    }

    @Test
    void failsWhenTheLabelsAreLeftOverWithoutAWorkerOnTheNode() {
        // NFD uninstalled (or its DaemonSet not scheduled here): the labels stay on the Node but nobody updates them
        Finding f = check(node(NFD_LABELS), pods(FakeCluster.nfdWorker("w2"), FakeCluster.nfdMaster("cp1")));
        assertEquals(Outcome.FAIL, f.outcome());
        assertTrue(f.actual().contains("no nfd-worker pod"), f.actual());
    }

    @Test
    void aWorkerThatIsNotReadyDoesNotCount() {
        Pod crashing = new PodBuilder(FakeCluster.nfdWorker("w1")).editStatus().editFirstCondition()
                .withStatus("False").endCondition().endStatus().build();
        Pod pending = new PodBuilder(FakeCluster.nfdWorker("w1")).editMetadata().withName("nfd-worker-p")
                .endMetadata().editStatus().withPhase("Pending").endStatus().build();
        assertEquals(Outcome.FAIL, check(node(NFD_LABELS), pods(crashing, pending, FakeCluster.nfdMaster("cp1")))
                .outcome());
    }

    @Test
    void failsWithoutAMaster() {
        Finding f = check(node(NFD_LABELS), pods(FakeCluster.nfdWorker("w1")));
        assertEquals(Outcome.FAIL, f.outcome());
        assertTrue(f.actual().contains("no nfd-master pod"), f.actual());
    }

    @Test
    void unknownWhenThePodsAreNotListedYet() {
        Finding f = check(node(NFD_LABELS), PodView.unknown("the collector has not listed the cluster's pods yet"));
        assertEquals(Outcome.UNKNOWN, f.outcome());
        assertTrue(f.reason().contains("not listed"), f.reason());
        // no labels at all fail whatever the pods: that needs no pod to tell
        assertEquals(Outcome.FAIL, check(node(Map.of()), PodView.unknown("not listed")).outcome());
    }

    @Test
    void recognisesTheDaemonsByCommandOrByTheChartsLabels() {
        // the NFD operator's worker: another image, no chart labels, the same binary
        Pod operator = new PodBuilder(FakeCluster.nfdWorker("w1")).editMetadata().withLabels(Map.of("app",
                "nfd-worker")).endMetadata().editSpec().editFirstContainer()
                .withImage("quay.io/openshift/origin-node-feature-discovery:4.16")
                .withCommand("/usr/bin/nfd-worker").endContainer().endSpec().build();
        assertEquals(NfdPods.Role.WORKER, NfdPods.roleOf(operator));
        Pod chartNoCommand = new PodBuilder(FakeCluster.nfdMaster("cp1")).editSpec().editFirstContainer()
                .withCommand(List.of()).endContainer().endSpec().build();
        assertEquals(NfdPods.Role.MASTER, NfdPods.roleOf(chartNoCommand));
        Pod unrelated = new PodBuilder(FakeCluster.nfdWorker("w1")).editMetadata().withLabels(Map.of("app", "x"))
                .endMetadata().editSpec().editFirstContainer().withCommand("nfd-worker-lookalike").endContainer()
                .endSpec().build();
        assertNull(NfdPods.roleOf(unrelated));
    }

    @Test
    void theStoreForgetsAWorkerThatStopsOrGoes() {
        PodStore store = new PodStore();
        Pod w = FakeCluster.nfdWorker("w1");
        String key = store.getKey(w);
        store.put(key, w);
        assertEquals(List.of(key), store.nfd("w1").workersOnNode());
        store.put(key, new PodBuilder(w).editStatus().withPhase("Failed").endStatus().build());
        assertEquals(List.of(), store.nfd("w1").workersOnNode());
        store.put(key, w);
        store.remove(key);
        assertEquals(List.of(), store.nfd("w1").workersOnNode());
        assertEquals(0, store.size());
    }
}
