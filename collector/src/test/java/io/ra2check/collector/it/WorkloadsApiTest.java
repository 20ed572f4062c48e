package io.ra2check.collector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ra2check.collector.Collector;
import io.ra2check.collector.testing.Eventually;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.workload.WorkloadCheck;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/v1/workloads} over HTTP: the selected namespaces' live workloads, judged with the cluster checks. */
class WorkloadsApiTest {
    private final ObjectMapper mapper = new ObjectMapper();

    /** Objects a test cluster holds: a Helm-installed Deployment in shop, a privileged one in tools. */
    static void createWorkloads(KubernetesClient client) {
        for (String ns : List.of("shop", "tools")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                    .create();
        }
        client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder().withNewMetadata()
                .withName("web").withNamespace("shop").addToAnnotations("meta.helm.sh/release-name", "shop")
                .endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("web")
                .withImage("registry.example.com/web:1.4.2").withNewSecurityContext().withPrivileged(false)
                .endSecurityContext().endContainer().endSpec().endTemplate().endSpec().build()).create();
        client.apps().deployments().inNamespace("tools").resource(new DeploymentBuilder().withNewMetadata()
                .withName("debug").withNamespace("tools").endMetadata().withNewSpec().withNewTemplate().withNewSpec()
                .withHostNetwork(true).addNewContainer().withName("sh").withImage("busybox:latest")
                .withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    @Test
    void theSelectedNamespacesAreJudgedAndServedPerRuleWithTheFailingObjects() throws Exception {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("n1");
            try (KubernetesClient client = f.cluster.newClient()) {
                createWorkloads(client);
            }
            Collector c = f.startLeader(Fixture.config("w").withWorkloadNamespaces(List.of("shop", "tools")));
            Http http = f.http(c);
            JsonNode body = firstRead(http);
            JsonNode namespaces = body.get("namespaces");
            assertEquals(2, namespaces.size());
            JsonNode shop = namespaces.get(0);
            JsonNode tools = namespaces.get(1);
            assertEquals("shop", shop.get("namespace").asText());
            assertEquals(1, shop.get("objects").asInt());
            assertEquals(WorkloadCheck.rules().size(), shop.get("verdicts").size());
            JsonNode shopPrivileged = verdict(shop, "ra2.app.041");
            assertEquals("PASS", shopPrivileged.get("status").asText());
            assertEquals("Deployment shop/web [live object]", shopPrivileged.get("evidence").get(0).get("source")
                    .asText());
            assertFalse(shop.get("problems").has("ra2.app.041"));

            for (String id : List.of("ra2.app.030", "ra2.app.034", "ra2.app.041")) {
                JsonNode v = verdict(tools, id);
                assertEquals("FAIL", v.get("status").asText(), v.toString());
                assertTrue(v.get("actual").asText().contains("Deployment tools/debug"), v.toString());
                assertEquals("Deployment tools/debug", tools.get("problems").get(id).get("objects").get(0).asText());
                assertEquals(1, tools.get("problems").get(id).get("count").asInt());
                assertTrue(v.has("remediation"), v.toString());
            }

            // ra2.pkg.002 among the cluster verdicts: tools/debug was not installed by Helm 3
            JsonNode cluster = mapper.readTree(http.get("/api/v1/nodes").body()).get("cluster").get("verdicts");
            JsonNode pkg = null;
            for (JsonNode v : cluster) {
                if (v.get("id").asText().equals("ra2.pkg.002")) {
                    pkg = v;
                }
            }
            assertEquals("FAIL", pkg.get("outcome").asText(), String.valueOf(pkg));
            assertEquals("1 of 2 not installed by Helm 3: Deployment tools/debug", pkg.get("actual").asText());
            assertTrue(f.cluster.requests("GET", "/apis/apps/v1/namespaces/shop/deployments") > 0);
        }
    }

    @Test
    void withNoNamespaceSelectedNothingIsJudged() throws Exception {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("n1");
            try (KubernetesClient client = f.cluster.newClient()) {
                createWorkloads(client);
            }
            Collector c = f.startLeader(Fixture.config("w"));
            Http http = f.http(c);
            JsonNode body = firstRead(http);
            assertEquals(0, body.get("namespaces").size());
            assertEquals(0, f.cluster.requests("GET", "/apis/apps/v1/namespaces/shop"), "nothing listed");
        }
    }

    /** The answer once the collector has read the cluster (it reads at start, then every 10 minutes). */
    private JsonNode firstRead(Http http) {
        java.util.concurrent.atomic.AtomicReference<JsonNode> body = new java.util.concurrent.atomic.AtomicReference<>();
        Eventually.await("the first cluster read", Duration.ofSeconds(20), () -> {
            HttpResponse<String> r = http.get("/api/v1/workloads");
            assertEquals(200, r.statusCode(), r.body());
            try {
                body.set(mapper.readTree(r.body()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return body.get().has("readAt");
        });
        return body.get();
    }

    private static JsonNode verdict(JsonNode ns, String id) {
        for (JsonNode v : ns.get("verdicts")) {
            if (v.get("id").asText().equals(id)) {
                return v;
            }
        }
        throw new AssertionError(id + " missing in " + ns.get("namespace"));
    }
}
