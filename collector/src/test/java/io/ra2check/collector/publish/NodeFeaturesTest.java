package io.ra2check.collector.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ra2check.collector.Collector;
import io.ra2check.collector.testing.FakeCluster;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.Inventory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NFD NodeFeature objects from the agents' reports, against the mock API server in CRUD mode. */
class NodeFeaturesTest {
    private final FakeCluster cluster = new FakeCluster();
    private final List<Collector> collectors = new ArrayList<>();
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        collectors.forEach(Collector::close);
        clients.forEach(KubernetesClient::close);
        cluster.close();
    }

    private Http start(boolean nodeFeatures) throws Exception {
        KubernetesClient client = cluster.newClient();
        clients.add(client);
        Collector c = Collector.start(Fixture.config("a"), client, Clock.systemUTC(), PublishMode.AUTO,
                nodeFeatures);
        collectors.add(c);
        assertTrue(c.awaitReady(Duration.ofSeconds(15)), () -> "not ready: " + c.notReady());
        return new Http(c.port());
    }

    private void installCrd() {
        cluster.client().apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(NodeFeatures.CRD).endMetadata().withNewSpec().withGroup("nfd.k8s-sigs.io")
                .withScope("Namespaced").withNewNames().withKind("NodeFeature").withPlural("nodefeatures").endNames()
                .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true).endVersion().endSpec()
                .build()).create();
    }

    private GenericKubernetesResource feature(String node) {
        return cluster.client().genericKubernetesResources(NodeFeatures.CONTEXT).inNamespace("ra2check")
                .withName("ra2check-" + node).get();
    }

    /** An E810 with 8 of 128 VFs configured and zero-copy AF_XDP, a LOM port, two PCIe slots, SMT on. */
    static Inventory inventory(int numVfs) {
        return new Inventory("w1", "Dell Inc.", "PowerEdge R750", "SN1", "1.10.2", "bare-metal",
                "Intel(R) Xeon(R) Gold 6338", 2, 32, 2, 128, 2, 512L << 30, "smbios", 16, 32,
                List.of(new Inventory.Nic("0000:31:00.0", "ens1f0", "8086:159b", "ice", "4.40 0x8001c967 1.3534.0",
                                25000L, 100000L, "ethtool", 128, numVfs, true),
                        new Inventory.Nic("0000:04:00.0", "eno1", "14e4:165f", "tg3", "FFV21.80.8", 1000L, 1000L,
                                "pci-id", 0, 0, false)),
                List.of(new Inventory.Slot("PCIe Slot 1", "PCI Express 4 x16", 4, 16, true, "0000:31:00.0"),
                        new Inventory.Slot("PCIe Slot 2", "PCI Express 4 x8", 4, 8, false, null)),
                List.of(), "Ubuntu 22.04.4 LTS", "5.15.0-105-generic",
                List.of(new Inventory.Hugepages(1048576, null, 16L, 16L), new Inventory.Hugepages(1048576, 0, 8L, 8L),
                        new Inventory.Hugepages(1048576, 1, 8L, 8L)), Boolean.TRUE);
    }

    @Test
    void writesTheNodesFactsAsANodeFeatureOnlyWhenTheyChange() throws Exception {
        installCrd();
        cluster.createNode("w1");
        Http http = start(true);
        assertEquals(200, http.report("w1", cluster.agentToken("w1"), TestReports.report("w1")
                .inventory(inventory(8)).json()).statusCode());
        GenericKubernetesResource f = feature("w1");
        JsonNode o = mapper.valueToTree(f);
        assertEquals("w1", o.at("/metadata/labels").path(NodeFeatures.NODE_NAME_LABEL).asText(),
                "the label nfd-master finds a node's NodeFeature objects by");
        assertEquals(cluster.node("w1").getMetadata().getUid(), o.at("/metadata/ownerReferences/0/uid").asText());
        JsonNode nic = o.at("/spec/features/instances/ra2check.nic/elements/0/attributes");
        assertEquals("ice", nic.path("driver").asText());
        assertEquals("128", nic.path("sriovTotalVfs").asText());
        assertEquals("8", nic.path("sriovNumVfs").asText());
        assertEquals("100000", nic.path("maxSpeedMbps").asText());
        assertEquals("25000", nic.path("speedMbps").asText());
        assertEquals("true", nic.path("xdpZeroCopy").asText());
        assertEquals("4.40 0x8001c967 1.3534.0", nic.path("firmware").asText());
        assertTrue(o.at("/spec/features/flags/ra2check.network/elements").has("sriov.configured"));
        assertTrue(o.at("/spec/features/flags/ra2check.network/elements").has("afxdp.zerocopy"));
        assertEquals("true", o.at("/spec/features/attributes/ra2check.cpu/elements/smt").asText());
        assertEquals("17179869184", o.at("/spec/features/attributes/ra2check.hugepages/elements/hugepages-1Gi")
                .asText(), "the node's allocatable huge pages by size");
        assertEquals("16", o.at("/spec/features/instances/ra2check.pcie_slot/elements/0/attributes/lanes").asText());
        assertEquals("true", o.at("/spec/labels").path("ra2check-network.sriov.configured").asText());
        JsonNode pools = o.at("/spec/features/instances/ra2check.hugepage_pool/elements");
        assertEquals(3, pools.size(), pools.toString());
        assertEquals("1", pools.get(2).at("/attributes/numaNode").asText());
        assertEquals("1048576", pools.get(2).at("/attributes/sizeKiB").asText());
        assertTrue(pools.get(0).at("/attributes/numaNode").isMissingNode(), "the system's pool has no node");
        assertEquals("true", o.at("/spec/features/attributes/ra2check.kernel/elements/realtime").asText());
        assertEquals("true", o.at("/spec/labels").path("ra2check-kernel.realtime").asText());

        // the same facts again: no write
        int puts = cluster.requests("PUT", "/apis/nfd.k8s-sigs.io/v1alpha1/namespaces/ra2check/nodefeatures/");
        int gets = cluster.requests("GET", "/apis/nfd.k8s-sigs.io/v1alpha1/namespaces/ra2check/nodefeatures/");
        assertEquals(200, http.report("w1", cluster.agentToken("w1"), TestReports.report("w1")
                .inventory(inventory(8)).json()).statusCode());
        assertEquals(puts, cluster.requests("PUT", "/apis/nfd.k8s-sigs.io/v1alpha1/namespaces/ra2check/nodefeatures/"));
        assertEquals(gets, cluster.requests("GET", "/apis/nfd.k8s-sigs.io/v1alpha1/namespaces/ra2check/nodefeatures/"),
                "an unchanged report is not even compared again");

        // VFs removed: the object follows
        assertEquals(200, http.report("w1", cluster.agentToken("w1"), TestReports.report("w1")
                .inventory(inventory(0)).json()).statusCode());
        JsonNode after = mapper.valueToTree(feature("w1"));
        assertEquals("0", after.at("/spec/features/instances/ra2check.nic/elements/0/attributes/sriovNumVfs")
                .asText());
        assertEquals("false", after.at("/spec/labels").path("ra2check-network.sriov.configured").asText());
    }

    @Test
    void nothingWithoutTheCrdOrWhenTurnedOff() throws Exception {
        cluster.createNode("w1");
        Http http = start(true);
        assertEquals(200, http.report("w1", cluster.agentToken("w1"), TestReports.report("w1")
                .inventory(inventory(8)).json()).statusCode());
        assertEquals(0, cluster.requests("POST", "/apis/nfd.k8s-sigs.io"));
        assertEquals(0, cluster.requests("GET", "/apis/nfd.k8s-sigs.io"));

        installCrd();
        cluster.createNode("w2");
        Http off = start(false);
        assertEquals(200, off.report("w2", cluster.agentToken("w2"), TestReports.report("w2")
                .inventory(inventory(8)).json()).statusCode());
        assertNull(feature("w2"));
    }

    @Test
    void aNodeThatJoinsAgainUnderItsNameGetsItsObjectAgain() {
        installCrd();
        KubernetesClient client = cluster.newClient();
        clients.add(client);
        NodeFeatures features = new NodeFeatures(client, "ra2check", true, Clock.systemUTC());
        io.ra2check.collector.check.NodeFacts first = io.ra2check.collector.kube.NodeFactsReader.from(
                FakeCluster.goodNode("w1").editMetadata().withUid("uid-1").endMetadata().build(), "pool");
        features.publish(first, inventory(8));
        assertEquals("uid-1", feature("w1").getMetadata().getOwnerReferences().get(0).getUid());
        // the Node is deleted (its NodeFeature with it, by the garbage collector) and joins again: same facts
        cluster.client().genericKubernetesResources(NodeFeatures.CONTEXT).inNamespace("ra2check")
                .withName("ra2check-w1").delete();
        io.ra2check.collector.check.NodeFacts again = io.ra2check.collector.kube.NodeFactsReader.from(
                FakeCluster.goodNode("w1").editMetadata().withUid("uid-2").endMetadata().build(), "pool");
        features.publish(again, inventory(8));
        assertEquals("uid-2", feature("w1").getMetadata().getOwnerReferences().get(0).getUid());
    }

    @Test
    void aHostileReportMakesABoundedObject() {
        List<Inventory.Nic> nics = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            nics.add(new Inventory.Nic("0000:" + i, "x".repeat(10_000), null, "d\u0000" + "r".repeat(10_000), null,
                    null, null, null, null, null, null));
        }
        Inventory huge = new Inventory(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, nics, null, null, null, "k".repeat(100_000));
        String json = io.fabric8.kubernetes.client.utils.Serialization.asJson(NodeFeatures.spec(huge,
                java.util.Map.of()));
        assertTrue(json.length() < 32 * 1024, "spec of " + json.length() + " bytes");
        assertTrue(!json.contains("\\u0000"), "control characters are not passed on");
        // what the report does not say is left out, not written as false or 0
        assertTrue(!json.contains("smt") && !json.contains("sriovTotalVfs"), json.substring(0, 300));
    }
}
