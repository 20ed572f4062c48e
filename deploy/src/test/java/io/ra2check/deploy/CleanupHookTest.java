package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-delete hook that takes the Ra2Conformant condition off the nodes at helm uninstall. */
class CleanupHookTest {
    private static final String NAME = "ra2check-collector-cleanup";

    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    private static final String TEMPLATE = "templates/collector-cleanup-hook.yaml";

    /**
     * The chart with its hooks as ordinary objects. helm-java's template action leaves hooks out (the helm CLI
     * appends them), so this renders a copy of the chart whose hook template has the hook annotations taken out:
     * everything else of the hook's objects is what Helm renders. The annotations are checked on the template itself
     * ({@link #hookAnnotations}).
     */
    private static Chart.Rendered render(String values) {
        try {
            java.nio.file.Path copy = java.nio.file.Path.of(System.getProperty("ra2check.scratchDir",
                    System.getProperty("java.io.tmpdir")), "chart-without-hooks-" + System.nanoTime());
            try (var files = java.nio.file.Files.walk(Chart.dir())) {
                for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                    java.nio.file.Path to = copy.resolve(Chart.dir().relativize(f).toString());
                    if (java.nio.file.Files.isDirectory(f)) {
                        java.nio.file.Files.createDirectories(to);
                    } else {
                        java.nio.file.Files.copy(f, to);
                    }
                }
            }
            java.nio.file.Path hook = copy.resolve(TEMPLATE);
            java.nio.file.Files.writeString(hook, java.nio.file.Files.readString(hook)
                    .replaceAll("(?m)^ *helm\\.sh/hook[-a-z]*:.*\n", ""));
            String out = new com.marcnuri.helm.Helm(copy).template().withName(Chart.RELEASE)
                    .withNamespace(Chart.NAMESPACE).withValuesFile(Chart.writeValues(values)).call();
            return Chart.objects(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Per object of the hook template (kind), its helm.sh/hook* annotations as written in the template. */
    private static java.util.Map<String, java.util.Map<String, String>> hookAnnotations() throws java.io.IOException {
        java.util.Map<String, java.util.Map<String, String>> out = new java.util.LinkedHashMap<>();
        for (String doc : java.nio.file.Files.readString(Chart.dir().resolve(TEMPLATE)).split("(?m)^---$")) {
            java.util.regex.Matcher kind = java.util.regex.Pattern.compile("(?m)^kind: (\\w+)$").matcher(doc);
            if (!kind.find()) {
                continue;
            }
            java.util.Map<String, String> a = new java.util.TreeMap<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^ +(helm\\.sh/hook[-a-z]*): \"?([^\"\\n]*)\"?$")
                    .matcher(doc);
            while (m.find()) {
                a.put(m.group(1), m.group(2));
            }
            out.put(kind.group(1), a);
        }
        return out;
    }

    private static Chart.Rendered render() {
        return render("");
    }

    @Test
    void rendersAPreDeleteJobWithItsOwnRbacCreatedFirstAndDeletedAfter() throws java.io.IOException {
        java.util.Map<String, java.util.Map<String, String>> a = hookAnnotations();
        assertEquals(List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Job"), List.copyOf(a.keySet()));
        for (var e : a.entrySet()) {
            assertEquals("pre-delete", e.getValue().get("helm.sh/hook"), e.getKey());
            assertEquals("before-hook-creation,hook-succeeded", e.getValue().get("helm.sh/hook-delete-policy"),
                    e.getKey());
        }
        // Helm creates hooks of a lower weight first: the Job's permissions exist before it runs
        int job = Integer.parseInt(a.get("Job").get("helm.sh/hook-weight"));
        for (String k : List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding")) {
            assertTrue(Integer.parseInt(a.get(k).get("helm.sh/hook-weight")) < job, k);
        }
        Chart.Rendered r = render();
        for (String k : a.keySet()) {
            assertEquals(NAME, r.get(k, NAME).name());
        }
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
        JsonNode rules = render().node("ClusterRole", NAME).path("rules");
        assertEquals("[\"list\",\"get\"]", rules.get(0).path("verbs").toString());
        assertEquals("[\"nodes/status\"]", rules.get(1).path("resources").toString());
        assertEquals("[\"patch\"]", rules.get(1).path("verbs").toString());

        Chart.Rendered keys = render(
                "collector: {cleanupOnUninstall: {removeNodeKeys: true}}");
        assertEquals("[\"list\",\"get\",\"patch\"]", keys.node("ClusterRole", NAME).at("/rules/0/verbs").toString());
        assertEquals("[\"cleanup\",\"--remove-node-keys\"]",
                keys.node("Job", NAME).at("/spec/template/spec/containers/0/args").toString());
    }

    @Test
    void canBeTurnedOffAndIsNotInThePlainManifests() {
        assertTrue(render("collector: {cleanupOnUninstall: {enabled: false}}").all().stream()
                .noneMatch(o -> o.name().equals(NAME)));
        assertTrue(render("").all().stream().anyMatch(o -> o.name().equals(NAME)));
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
