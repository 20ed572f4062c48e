package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ra2check.workload.KubeObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.ra2check.deploy.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * collector.workloadNamespaces: the collector is told the namespaces, and may list the kinds the workload rules read
 * in those namespaces only, read-only; with none (the default) it is given nothing more.
 */
class ChartWorkloadNamespacesTest {
    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    @Test
    void selectedNamespacesReachTheFlagAndAreReadableThereOnly() {
        Chart.Rendered r = Chart.objects(Chart.render(Chart.RELEASE, Chart.NAMESPACE,
                "collector: {workloadNamespaces: [shop, tools]}"));
        assertEquals("shop,tools", r.ofKind("ConfigMap").get(0).node().at("/data/RA2CHECK_WORKLOAD_NAMESPACES")
                .asText());

        JsonNode rules = r.node("ClusterRole", "ra2check-collector-workloads").path("rules");
        for (JsonNode rule : rules) {
            assertEquals(yaml("[list]"), rule.path("verbs"), "read-only: " + rule);
        }
        assertEquals(yaml("[deployments, statefulsets, daemonsets, replicasets]"), rules.at("/0/resources"));
        assertEquals(yaml("[jobs, cronjobs]"), rules.at("/1/resources"));
        assertEquals(yaml("[pods, services, configmaps, limitranges, resourcequotas]"), rules.at("/2/resources"));
        assertEquals(yaml("[horizontalpodautoscalers]"), rules.at("/3/resources"));

        List<KubeObject> bindings = r.ofKind("RoleBinding").stream().filter(b -> b.name()
                .equals("ra2check-collector-workloads")).toList();
        assertEquals(List.of("shop", "tools"), bindings.stream().map(KubeObject::namespace).toList(),
                "bound in the selected namespaces, not cluster-wide");
        for (KubeObject b : bindings) {
            assertEquals(yaml("{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "
                    + "ra2check-collector-workloads}"), b.node().path("roleRef"));
            assertEquals(yaml("[{kind: ServiceAccount, name: ra2check-collector, namespace: " + Chart.NAMESPACE
                    + "}]"), b.node().path("subjects"));
        }
        assertTrue(r.ofKind("ClusterRoleBinding").stream().noneMatch(b -> b.node().at("/roleRef/name").asText()
                .equals("ra2check-collector-workloads")));
        assertEquals(yaml("[{apiGroups: [''], resources: [namespaces], resourceNames: [shop, tools], verbs: [get]}]"),
                r.node("ClusterRole", "ra2check-collector-workload-namespaces").path("rules"));
        assertEquals("ra2check-collector-workload-namespaces", r.node("ClusterRoleBinding",
                "ra2check-collector-workload-namespaces").at("/roleRef/name").asText());
    }

    @Test
    void noneSelectedGrantsNothingMore() {
        Chart.Rendered r = Chart.objects(Chart.render());
        assertTrue(r.kindsAndNames().stream().noneMatch(n -> n.contains("workload")), r.kindsAndNames().toString());
        assertEquals("", r.ofKind("ConfigMap").get(0).node().at("/data/RA2CHECK_WORKLOAD_NAMESPACES").asText());
    }
}
