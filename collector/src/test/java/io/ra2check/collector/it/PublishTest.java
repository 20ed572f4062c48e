package io.ra2check.collector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ra2check.collector.Collector;
import io.ra2check.collector.publish.ConformantCondition;
import io.ra2check.collector.publish.PolicyReports;
import io.ra2check.collector.publish.PublishMode;
import io.ra2check.collector.testing.FakeCluster;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report objects, the Ra2Conformant condition and the Events, against the mock API server in CRUD mode. */
class PublishTest {
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

    private Collector start(PublishMode mode) throws Exception {
        KubernetesClient client = cluster.newClient();
        clients.add(client);
        Collector c = Collector.start(Fixture.config("a"), client, Clock.systemUTC(), mode);
        collectors.add(c);
        assertTrue(c.awaitReady(Duration.ofSeconds(15)), () -> "not ready: " + c.notReady());
        return c;
    }

    private void installCrd(String plural, String group, String kind) {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder().withNewMetadata()
                .withName(plural + "." + group).endMetadata().withNewSpec().withGroup(group).withScope("Cluster")
                .withNewNames().withKind(kind).withPlural(plural).endNames()
                .addNewVersion().withName(group.equals("openreports.io") ? "v1alpha1" : "v1alpha2").withServed(true)
                .withStorage(true).endVersion().endSpec().build();
        cluster.client().apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    private GenericKubernetesResource clusterReport(String node) {
        return cluster.client().genericKubernetesResources(io.ra2check.collector.publish.ReportApi.OPENREPORTS.context())
                .withName(PolicyReports.name(node)).get();
    }

    private List<Event> events() {
        return cluster.client().events().v1().events().inNamespace("default").list().getItems();
    }

    private NodeCondition condition(String node) {
        return ConformantCondition.find(cluster.node(node).getStatus().getConditions());
    }

    @Test
    void writesAClusterReportTheConditionAndAnEventOnlyWhenAStatusChanges() throws Exception {
        installCrd("clusterreports", "openreports.io", "ClusterReport");
        cluster.createNode("n1");
        // the kubelet's own conditions come first on a real Node: they must survive every write of the collector's
        cluster.editNode("n1", n -> {
            n.getStatus().setConditions(new java.util.ArrayList<>(List.of(new io.fabric8.kubernetes.api.model
                    .NodeConditionBuilder().withType("Ready").withStatus("True").withReason("KubeletReady").build(),
                    new io.fabric8.kubernetes.api.model.NodeConditionBuilder().withType("MemoryPressure")
                            .withStatus("False").build())));
            return n;
        });
        Http http = new Http(start(PublishMode.AUTO).port());
        assertEquals(200, http.report("n1", cluster.agentToken("n1"), TestReports.report("n1").json()).statusCode());

        GenericKubernetesResource r = clusterReport("n1");
        assertNotNull(r, "ClusterReport written");
        JsonNode o = mapper.valueToTree(r);
        assertEquals("Node", o.get("scope").get("kind").asText());
        assertEquals(cluster.node("n1").getMetadata().getUid(), o.get("scope").get("uid").asText());
        assertEquals("Node", o.get("metadata").get("ownerReferences").get(0).get("kind").asText());
        assertEquals("ra2check", o.get("source").asText());
        int judged = mapper.readTree(http.get("/api/v1/nodes").body()).get("nodes").get(0).get("statuses").size();
        assertEquals(judged, o.get("results").size(), "one result per requirement judged");
        JsonNode first = o.get("results").get(0);
        assertTrue(first.get("properties").has("status"));
        int total = 0;
        for (String k : List.of("pass", "fail", "warn", "error", "skip")) {
            total += o.get("summary").get(k).asInt();
        }
        assertEquals(o.get("results").size(), total, "summary counts every result");
        assertNotNull(condition("n1"), "Ra2Conformant condition written");
        assertTrue(events().isEmpty(), "a first report is no change: no Event");
        String rv = r.getMetadata().getResourceVersion();
        String conditionTime = condition("n1").getLastHeartbeatTime();

        // the same results again: nothing rewritten, no Event
        assertEquals(200, http.report("n1", cluster.agentToken("n1"), TestReports.report("n1").json()).statusCode());
        assertEquals(rv, clusterReport("n1").getMetadata().getResourceVersion());
        assertEquals(conditionTime, condition("n1").getLastHeartbeatTime());
        assertTrue(events().isEmpty());

        // a requirement fails: the object, the condition and one Event say so
        assertEquals(200, http.report("n1", cluster.agentToken("n1"), TestReports.report("n1")
                .outcome("ra2.ch.013", Outcome.FAIL).json()).statusCode());
        NodeCondition c = condition("n1");
        assertEquals("False", c.getStatus());
        assertTrue(c.getMessage().contains("ra2.ch.013"), c.getMessage());
        List<Event> ev = events();
        assertEquals(1, ev.size());
        assertEquals("Warning", ev.get(0).getType());
        assertEquals("n1", ev.get(0).getRegarding().getName());
        assertTrue(ev.get(0).getNote().contains("ra2.ch.013 PASS->FAIL"), ev.get(0).getNote());
        JsonNode failed = mapper.valueToTree(clusterReport("n1"));
        assertTrue(failed.get("summary").get("fail").asInt() >= 1);
        assertEquals(List.of("Ready", "MemoryPressure", "Ra2Conformant"), cluster.node("n1").getStatus()
                .getConditions().stream().map(NodeCondition::getType).toList(), "the kubelet's conditions kept");
        assertEquals("KubeletReady", cluster.node("n1").getStatus().getConditions().get(0).getReason());
    }

    @Test
    void aRestartedCollectorAnswersTheFullReportFromTheClusterReport() throws Exception {
        installCrd("clusterreports", "openreports.io", "ClusterReport");
        cluster.createNode("n1");
        Collector first = start(PublishMode.AUTO);
        assertEquals(200, new Http(first.port()).report("n1", cluster.agentToken("n1"), TestReports.report("n1")
                .outcome("ra2.ch.013", Outcome.FAIL).json()).statusCode());
        first.close();
        collectors.remove(first);

        Collector second = start(PublishMode.AUTO);
        JsonNode body = mapper.readTree(new Http(second.port()).get("/api/v1/nodes/n1").body());
        JsonNode report = body.get("report");
        assertTrue(report != null && !report.isNull(), "full report restored: " + body);
        assertEquals("n1", report.get("node").asText());
    }

    @Test
    void writesAClusterPolicyReportWhereOnlyTheWgPolicyCrdIsInstalled() throws Exception {
        installCrd("clusterpolicyreports", "wgpolicyk8s.io", "ClusterPolicyReport");
        cluster.createNode("n1");
        Http http = new Http(start(PublishMode.AUTO).port());
        assertEquals(200, http.report("n1", cluster.agentToken("n1"), TestReports.report("n1").json()).statusCode());
        GenericKubernetesResource r = cluster.client()
                .genericKubernetesResources(io.ra2check.collector.publish.ReportApi.WGPOLICY.context())
                .withName(PolicyReports.name("n1")).get();
        assertNotNull(r);
        JsonNode o = mapper.valueToTree(r);
        assertEquals("n1", o.get("results").get(0).get("resources").get(0).get("name").asText());
        assertNull(clusterReport("n1"));
    }

    @Test
    void withoutAReportCrdNothingIsWrittenAndTheConditionStillIs() throws Exception {
        cluster.createNode("n1");
        Http http = new Http(start(PublishMode.AUTO).port());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, http.report("n1", cluster.agentToken("n1"), TestReports.report("n1")
                    .outcome("ra2.ch.013", i % 2 == 0 ? Outcome.FAIL : Outcome.PASS).json()).statusCode());
        }
        assertEquals(0, cluster.requests("POST", "/apis/openreports.io"));
        assertEquals(0, cluster.requests("POST", "/apis/wgpolicyk8s.io"));
        assertEquals(1, cluster.requests("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/"
                + "clusterreports"), "looked up once, not on every report");
        assertNotNull(condition("n1"));
    }

    @Test
    void modeNoneWritesNothingButTheNodeMetadata() throws Exception {
        installCrd("clusterreports", "openreports.io", "ClusterReport");
        cluster.createNode("n1");
        Http http = new Http(start(PublishMode.NONE).port());
        assertEquals(200, http.report("n1", cluster.agentToken("n1"), TestReports.report("n1").json()).statusCode());
        assertNull(clusterReport("n1"));
        assertEquals(0, cluster.requests("GET", "/apis/apiextensions.k8s.io"), "no discovery when told none");
        assertNotNull(condition("n1"), "the condition does not depend on a report CRD");
    }
}
