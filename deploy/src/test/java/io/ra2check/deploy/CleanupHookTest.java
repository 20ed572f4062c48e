package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ra2check.agent.workload.KubeObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-delete hook that takes the Ra2Conformant condition off the nodes at helm uninstall. */
class CleanupHookTest {
    private static final String NAME = "ra2check-collector-cleanup";

    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    private static List<KubeObject> hooks(Chart.Rendered r) {
        List<KubeObject> out = new ArrayList<>();
        for (KubeObject o : r.all()) {
            if (o.node().at("/metadata/annotations").has("helm.sh/hook")) {
                out.add(o);
            }
        }
        return out;
    }

    @Test
    void rendersAPreDeleteJobWithItsOwnRbacCreatedFirstAndDeletedAfter() {
        Chart.Rendered r = Chart.objects(Chart.render());
        List<KubeObject> hooks = hooks(r);
        assertEquals(List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Job"),
                hooks.stream().map(KubeObject::kind).sorted((a, b) -> order(a) - order(b)).toList());
        for (KubeObject h : hooks) {
            JsonNode a = h.node().at("/metadata/annotations");
            assertEquals("pre-delete", a.path("helm.sh/hook").asText(), h.kind());
            assertEquals("before-hook-creation,hook-succeeded", a.path("helm.sh/hook-delete-policy").asText());
            assertEquals(NAME, h.name());
        }
        // Helm creates hooks of a lower weight first: the Job's permissions exist before it runs
        int job = r.node("Job", NAME).at("/metadata/annotations/helm.sh~1hook-weight").asInt();
        assertTrue(r.node("ServiceAccount", NAME).at("/metadata/annotations/helm.sh~1hook-weight").asInt() < job);
        assertTrue(r.node("ClusterRoleBinding", NAME).at("/metadata/annotations/helm.sh~1hook-weight").asInt() < job);

        JsonNode pod = r.node("Job", NAME).at("/spec/template/spec");
        assertEquals(NAME, pod.path("serviceAccountName").asText());
        assertEquals("Never", pod.path("restartPolicy").asText());
        JsonNode c = pod.path("containers").get(0);
        assertEquals("/opt/ra2check/ra2check-collector.jar", last(c.path("command")));
        assertEquals("[\"cleanup\"]", c.path("args").toString());
        assertTrue(c.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertEquals("[\"ALL\"]", c.at("/securityContext/capabilities/drop").toString());
    }

    @Test
    void theHooksRbacPatchesNodeStatusAndNodesOnlyWhenKeysAreRemoved() {
        JsonNode rules = Chart.objects(Chart.render()).node("ClusterRole", NAME).path("rules");
        assertEquals("[\"list\",\"get\"]", rules.get(0).path("verbs").toString());
        assertEquals("[\"nodes/status\"]", rules.get(1).path("resources").toString());
        assertEquals("[\"patch\"]", rules.get(1).path("verbs").toString());

        Chart.Rendered keys = Chart.objects(Chart.render(Chart.RELEASE, Chart.NAMESPACE,
                "collector: {cleanupOnUninstall: {removeNodeKeys: true}}"));
        assertEquals("[\"list\",\"get\",\"patch\"]", keys.node("ClusterRole", NAME).at("/rules/0/verbs").toString());
        assertEquals("[\"cleanup\",\"--remove-node-keys\"]",
                keys.node("Job", NAME).at("/spec/template/spec/containers/0/args").toString());
    }

    @Test
    void canBeTurnedOffAndIsNotInThePlainManifests() {
        assertTrue(hooks(Chart.objects(Chart.render(Chart.RELEASE, Chart.NAMESPACE,
                "collector: {cleanupOnUninstall: {enabled: false}}"))).isEmpty());
        assertFalse(Chart.objects(Chart.render(Chart.RELEASE, Chart.NAMESPACE, ManifestsInSyncTest.VALUES.get()))
                .all().stream().anyMatch(o -> o.name().equals(NAME)), "kubectl apply would run it at install");
    }

    private static int order(String kind) {
        return List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Job").indexOf(kind);
    }

    private static String last(JsonNode array) {
        return array.get(array.size() - 1).asText();
    }
}
