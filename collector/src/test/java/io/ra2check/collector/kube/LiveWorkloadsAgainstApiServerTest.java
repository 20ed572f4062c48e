package io.ra2check.collector.kube;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.ra2check.collector.check.cluster.LiveWorkloads;
import io.ra2check.collector.meta.LiveWorkloadJudge;
import io.ra2check.collector.meta.LiveWorkloadJudge.NamespaceVerdicts;
import io.ra2check.report.Outcome;
import io.ra2check.report.Verdict;
import io.ra2check.workload.WorkloadCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live workloads end to end: objects created in fabric8's mock API server in CRUD mode, read by
 * {@link WorkloadReader}, judged by {@link LiveWorkloadJudge} with the workload rules.
 */
class LiveWorkloadsAgainstApiServerTest {
    private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes
                .client.ConfigBuilder(server.createClient().getConfiguration()).withRequestRetryBackoffLimit(0)
                .build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private void namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
    }

    /** A Deployment as the ra2check chart writes its own: every rule a manifest can settle is met. */
    private DeploymentBuilder good(String ns, String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .addToAnnotations("meta.helm.sh/release-name", "shop").addToLabels("app.kubernetes.io/managed-by",
                        "Helm")
                .addToManagedFields(new io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder()
                        .withManager("helm").build())
                .endMetadata().withNewSpec().withReplicas(2).withNewTemplate().withNewMetadata()
                .addToLabels("app.kubernetes.io/name", name).addToLabels("app.kubernetes.io/instance", "shop")
                .addToLabels("app.kubernetes.io/version", "1.2.3").addToLabels("app.kubernetes.io/component", "web")
                .addToLabels("app.kubernetes.io/part-of", "shop").addToLabels("app.kubernetes.io/managed-by", "Helm")
                .endMetadata().withNewSpec().withAutomountServiceAccountToken(false).withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(10001L).withRunAsGroup(10001L).endSecurityContext()
                .addNewContainer().withName("web").withImage("registry.example.com/shop/web@sha256:"
                        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
                .withNewSecurityContext().withPrivileged(false).withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true).endSecurityContext()
                .withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withNewPort(8080).endHttpGet()
                .endLivenessProbe().withNewReadinessProbe().withNewHttpGet().withPath("/readyz").withNewPort(8080)
                .endHttpGet().endReadinessProbe().withNewResources()
                .addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("1"))
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("256Mi")).endResources()
                .endContainer().endSpec().endTemplate().endSpec().withNewStatus().withReadyReplicas(2).endStatus();
    }

    private DeploymentBuilder bad(String ns, String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withHostNetwork(true).addNewContainer()
                .withName("tools").withImage("docker.io/library/busybox:latest").withNewSecurityContext()
                .withPrivileged(true).endSecurityContext().endContainer().endSpec().endTemplate().endSpec();
    }

    private static Map<String, Verdict> byRule(NamespaceVerdicts ns) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        ns.verdicts().forEach(v -> out.put(v.id(), v));
        assertEquals(WorkloadCheck.rules().stream().map(r -> r.id()).toList(), List.copyOf(out.keySet()),
                "every workload rule, once per namespace");
        return out;
    }

    private List<NamespaceVerdicts> judge(String... namespaces) {
        return LiveWorkloadJudge.judge(new WorkloadReader(client).read(List.of(namespaces)));
    }

    @Test
    void aHelmInstalledDeploymentPassesAndAPrivilegedOneFailsByName() {
        namespace("shop");
        namespace("tools");
        client.apps().deployments().inNamespace("shop").resource(good("shop", "web").build()).create();
        client.apps().deployments().inNamespace("tools").resource(bad("tools", "debug").build()).create();

        List<NamespaceVerdicts> all = judge("shop", "tools");
        assertEquals(List.of("shop", "tools"), all.stream().map(NamespaceVerdicts::namespace).toList());
        Map<String, Verdict> shop = byRule(all.get(0));
        assertEquals(1, all.get(0).objects());
        for (String id : List.of("ra2.app.026", "ra2.app.027", "ra2.app.029", "ra2.app.030", "ra2.app.031",
                "ra2.app.033", "ra2.app.034", "ra2.app.041", "ra2.app.043")) {
            assertEquals(Outcome.PASS, shop.get(id).outcome(), id + ": " + shop.get(id).actual());
        }
        assertTrue(shop.get("ra2.app.041").evidence().stream().anyMatch(e -> e.source()
                .equals("Deployment shop/web [live object]")), String.valueOf(shop.get("ra2.app.041").evidence()));
        // the API server answers in the version asked: the manifests' versions are not visible
        assertEquals(Outcome.MANUAL, shop.get("ra2.app.016").outcome());

        NamespaceVerdicts toolsNs = all.get(1);
        Map<String, Verdict> tools = byRule(toolsNs);
        for (String id : List.of("ra2.app.030", "ra2.app.034", "ra2.app.041")) {
            assertEquals(Outcome.FAIL, tools.get(id).outcome(), id + ": " + tools.get(id).actual());
            assertTrue(tools.get(id).actual().contains("Deployment tools/debug"), tools.get(id).actual());
            assertEquals(List.of("Deployment tools/debug"), toolsNs.problems(id));
        }
        assertTrue(tools.get("ra2.app.034").actual().contains("latest"), tools.get("ra2.app.034").actual());
        assertTrue(toolsNs.problems("ra2.app.030").size() == 1 && toolsNs.problemCount("ra2.app.030") == 1);
        assertTrue(all.get(0).problems("ra2.app.030").isEmpty());
    }

    @Test
    void objectsAreTrimmedAndControlledOnesAreLeftToTheirController() {
        namespace("shop");
        client.apps().deployments().inNamespace("shop").resource(good("shop", "web").editMetadata()
                .addToAnnotations(WorkloadReader.LAST_APPLIED, "{\"big\":true}").endMetadata().build()).create();
        // the Deployment's pod: privileged here, but its template decides (it is what the next pod is made from)
        client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("web-1")
                .withNamespace("shop").addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet")
                .withName("web-5d8").withUid("u1").withController(true).endOwnerReference().endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("x:latest").withNewSecurityContext()
                .withPrivileged(true).endSecurityContext().endContainer().endSpec().build()).create();
        // a pod no controller owns is judged itself
        client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("debug")
                .withNamespace("shop").endMetadata().withNewSpec().addNewContainer().withName("sh")
                .withImage("busybox:latest").endContainer().endSpec().build()).create();
        client.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata().withName("cfg")
                .withNamespace("shop").endMetadata().addToData("secret-ish", "x".repeat(1000)).withImmutable(true)
                .build()).create();

        LiveWorkloads live = new WorkloadReader(client).read(List.of("shop"));
        LiveWorkloads.Namespace ns = live.namespaces().get(0);
        var deployment = ns.list("Deployment").items().get(0).node();
        assertEquals("apps/v1", deployment.path("apiVersion").asText());
        assertEquals("Deployment", deployment.path("kind").asText());
        assertTrue(deployment.path("status").isMissingNode(), "status is the server's");
        assertTrue(deployment.path("metadata").path("managedFields").isMissingNode());
        assertTrue(deployment.path("metadata").path("annotations").path(WorkloadReader.LAST_APPLIED).isMissingNode());
        assertEquals("shop", deployment.path("metadata").path("annotations").path("meta.helm.sh/release-name")
                .asText());
        assertEquals(List.of("debug"), ns.list("Pod").items().stream().map(o -> o.name()).toList());
        var cm = ns.list("ConfigMap").items().get(0).node();
        assertTrue(cm.path("data").isMissingNode());
        assertTrue(cm.path("immutable").asBoolean());

        NamespaceVerdicts v = LiveWorkloadJudge.judge(live).get(0);
        assertEquals(List.of("Pod shop/debug"), v.problems("ra2.app.034"));
        assertEquals(Outcome.PASS, byRule(v).get("ra2.app.037").outcome());
        assertEquals(Outcome.PASS, byRule(v).get("ra2.app.041").outcome(), "the owned privileged pod is not judged");
        assertEquals(3, v.objects());
    }

    @Test
    void aForbiddenListMakesTheRulesThatReadItUnknownInThatNamespaceOnly() {
        namespace("shop");
        namespace("web");
        client.apps().deployments().inNamespace("shop").resource(good("shop", "web").build()).create();
        client.apps().deployments().inNamespace("web").resource(good("web", "web").build()).create();
        client.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("web")
                .withNamespace("shop").endMetadata().withNewSpec().withType("NodePort").addNewPort().withPort(80)
                .withNodePort(30080).endPort().endSpec().build()).create();
        server.expect().get().withPath("/apis/apps/v1/namespaces/shop/daemonsets?limit=" + WorkloadReader.PAGE)
                .andReturn(403, "{}").always();

        List<NamespaceVerdicts> all = judge("shop", "web");
        Map<String, Verdict> shop = byRule(all.get(0));
        for (String id : List.of("ra2.app.030", "ra2.app.041", "ra2.app.032", "ra2.app.038")) {
            assertEquals(Outcome.UNKNOWN, shop.get(id).outcome(), id);
            assertEquals("cannot list daemonsets in shop: forbidden (the collector's ClusterRole lacks it)",
                    shop.get(id).reason(), id);
        }
        // a rule that does not read DaemonSets is still judged, on a complete listing
        assertEquals(Outcome.FAIL, shop.get("ra2.app.036").outcome());
        assertTrue(shop.get("ra2.app.036").actual().contains("Service shop/web"), shop.get("ra2.app.036").actual());
        // the other namespace is read in full
        assertEquals(Outcome.PASS, byRule(all.get(1)).get("ra2.app.041").outcome());
    }

    @Test
    void moreObjectsThanTheBoundAreUnknownNotAShortCount() {
        namespace("big");
        for (int i = 0; i < 4; i++) {
            client.apps().deployments().inNamespace("big").resource(good("big", "web-" + i).build()).create();
        }
        client.services().inNamespace("big").resource(new ServiceBuilder().withNewMetadata().withName("svc")
                .withNamespace("big").endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec()
                .build()).create();

        LiveWorkloads live = new WorkloadReader(client, 3, WorkloadReader.MAX_BYTES).read(List.of("big"));
        LiveWorkloads.Namespace ns = live.namespaces().get(0);
        assertFalse(ns.list("Deployment").complete());
        assertEquals("more than 3 objects in namespace big (at deployments): not all were read",
                ns.list("Deployment").unknownReason());
        // the kinds after the one that broke the bound are not read either: the namespace is over it
        assertFalse(ns.list("Service").complete());
        Map<String, Verdict> v = byRule(LiveWorkloadJudge.judge(live).get(0));
        v.values().forEach(x -> assertEquals(Outcome.UNKNOWN, x.outcome(), x.id() + ": " + x.actual()));
        assertTrue(v.get("ra2.app.041").reason().startsWith("more than 3 objects"), v.get("ra2.app.041").reason());

        // within the bound, every object counts
        Map<String, Verdict> within = byRule(LiveWorkloadJudge.judge(new WorkloadReader(client, 5, WorkloadReader.MAX_BYTES)
                .read(List.of("big"))).get(0));
        assertEquals(Outcome.PASS, within.get("ra2.app.041").outcome());
        assertTrue(within.get("ra2.app.041").actual().equals("met by 4 objects"), within.get("ra2.app.041").actual());
    }

    @Test
    void theBytesBoundIsSharedByTheNamespacesAndManyObjectsKeepBoundedEvidence() {
        namespace("a");
        namespace("b");
        client.apps().deployments().inNamespace("a").resource(good("a", "web").build()).create();
        client.apps().deployments().inNamespace("b").resource(good("b", "web").build()).create();
        int one = new WorkloadReader(client).read(List.of("a")).namespaces().get(0).list("Deployment").items().get(0)
                .node().toString().length();
        long bound = one + one / 2;
        // room for a's Deployment, not for b's too: a is judged, b is over the bound that both share
        LiveWorkloads live = new WorkloadReader(client, 2_000, bound).read(List.of("a", "b"));
        assertTrue(live.namespaces().get(0).list("Deployment").complete());
        assertEquals("the objects of the workload namespaces exceed " + bound + " bytes (at deployments in b): not all "
                + "were read",
                live.namespaces().get(1).list("Deployment").unknownReason());

        // a rule verdict holds at most MAX_EVIDENCE lines, and says how many more there were
        for (int i = 0; i < LiveWorkloadJudge.MAX_EVIDENCE + 5; i++) {
            client.configMaps().inNamespace("a").resource(new ConfigMapBuilder().withNewMetadata().withName("c" + i)
                    .withNamespace("a").endMetadata().build()).create();
        }
        Verdict configMaps = byRule(judge("a").get(0)).get("ra2.app.037");
        assertEquals(Outcome.FAIL, configMaps.outcome());
        assertEquals(LiveWorkloadJudge.MAX_EVIDENCE + 1, configMaps.evidence().size());
        assertTrue(configMaps.evidence().get(LiveWorkloadJudge.MAX_EVIDENCE).value().startsWith("1"),
                String.valueOf(configMaps.evidence().get(LiveWorkloadJudge.MAX_EVIDENCE)));
        assertTrue(configMaps.actual().contains("FAIL on 105 objects"), configMaps.actual());
        assertEquals(LiveWorkloadJudge.NAMED_PROBLEMS, judge("a").get(0).problems("ra2.app.037").size());
        assertEquals(105, judge("a").get(0).problemCount("ra2.app.037"));
    }

    @Test
    void aNamespaceThatDoesNotExistIsUnknownNotEmpty() {
        Map<String, Verdict> v = byRule(judge("gone").get(0));
        v.values().forEach(x -> assertEquals(Outcome.UNKNOWN, x.outcome(), x.id()));
        assertEquals("namespace gone does not exist", v.get("ra2.app.041").reason());
    }

    @Test
    void everyWorkloadRuleSaysWhichKindsItReads() {
        for (var rule : WorkloadCheck.rules()) {
            List<String> kinds = LiveWorkloadJudge.readsOf(rule.id());
            assertTrue(kinds != null && !kinds.isEmpty(), rule.id() + " has no entry: a new rule needs one");
            for (String k : kinds) {
                assertTrue(LiveWorkloads.WORKLOAD_KINDS.contains(k) || LiveWorkloads.OTHER_KINDS.contains(k), k);
                assertTrue(k.equals("Namespace") || WorkloadReader.APIS.stream().anyMatch(a -> a.kind().equals(k)),
                        k + " is read");
            }
        }
        assertNull(LiveWorkloadJudge.readsOf("ra2.app.999"));
    }
}
