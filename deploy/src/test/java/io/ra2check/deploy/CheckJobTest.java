package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ra2check.workload.KubeObject;
import io.ra2check.workload.WorkloadCheck;
import io.ra2check.workload.WorkloadReport;
import io.ra2check.report.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-shot check Job (checkJob.*), kube-bench style, and its plain manifest. */
class CheckJobTest {
    static final Supplier<Path> MANIFEST = () -> Chart.projectDir()
            .resolve("deploy/manifests/one-shot/ra2check-check-job.yaml");
    static final Supplier<Path> VALUES = () -> Chart.projectDir().resolve("deploy/check-job-values.yaml");
    private static final List<String> KEPT_SOURCES = List.of("templates/namespace.yaml",
            "templates/agent-serviceaccount.yaml", "templates/check-job.yaml");
    private static final String HEADER = """
            # ra2check, a one-shot check of a node (as kube-bench's job.yaml): kubectl apply -f this file, then
            #   kubectl -n ra2check logs job/ra2check-check
            # Its image is "ra2check:<version>": build and push it (README, "In a cluster") and point the image: line at
            # your registry (edit it, or kustomize's images: field) before applying; a Job's pods cannot be changed later.
            # Every node: set checkJob.nodes to the node count with Helm (helm template ... --set checkJob.enabled=true).
            # Generated from deploy/helm/ra2check with deploy/check-job-values.yaml; do not edit. Regenerate with
            #   mvn -q -pl deploy -am verify -DskipFuzz -Dra2check.updateManifests=true
            """;

    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    @Test
    void noJobUnlessAskedFor() {
        // the uninstall hook's Job runs at helm uninstall only (CleanupHookTest)
        assertTrue(Chart.objects(Chart.render()).ofKind("Job").stream()
                .allMatch(j -> j.node().at("/metadata/annotations").has("helm.sh/hook")));
    }

    @Test
    void checksEachOfNNodesOncePodPerNodeWithAFinalVerdictPerIndex() {
        JsonNode job = job("checkJob: {enabled: true, nodes: 3}");
        JsonNode spec = job.path("spec");
        assertEquals("Indexed", spec.path("completionMode").asText());
        assertEquals(3, spec.path("completions").asInt());
        assertEquals(3, spec.path("parallelism").asInt());
        assertEquals(0, spec.path("backoffLimitPerIndex").asInt(), "a failing node is not checked again");
        JsonNode rule = spec.at("/podFailurePolicy/rules/0");
        assertEquals("FailIndex", rule.path("action").asText());
        assertEquals("[1,2]", rule.at("/onExitCodes/values").toString());
        JsonNode pod = spec.at("/template/spec");
        assertEquals("Never", pod.path("restartPolicy").asText());
        JsonNode anti = pod.at("/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0");
        assertEquals("kubernetes.io/hostname", anti.path("topologyKey").asText());
        assertEquals("check", anti.at("/labelSelector/matchLabels").path("app.kubernetes.io/component").asText());
        assertEquals("check", spec.at("/template/metadata/labels").path("app.kubernetes.io/component").asText(),
                "the pods carry the label their anti-affinity selects");
        assertEquals(List.of("check", "--root", "/host", "--mounted", "--profile", "basic", "--output", "junit",
                "--fail-on", "fail"), args(pod));
        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), "the check needs no API token");
    }

    @Test
    void readsTheHostExactlyAsTheAgentDoesReadOnly() {
        String values = "checkJob: {enabled: true}";
        Chart.Rendered r = Chart.objects(Chart.render(Chart.RELEASE, Chart.NAMESPACE, values));
        JsonNode pod = r.node("Job", "ra2check-check").at("/spec/template/spec");
        JsonNode agentPod = r.node("DaemonSet", "ra2check-agent").at("/spec/template/spec");
        assertEquals(hostMounts(agentPod), hostMounts(pod));
        assertEquals(agentPod.path("securityContext"), pod.path("securityContext"));
        JsonNode c = pod.at("/containers/0/securityContext");
        assertTrue(c.path("readOnlyRootFilesystem").asBoolean() && !c.path("privileged").asBoolean()
                && !c.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("[\"ALL\"]", c.at("/capabilities/drop").toString());
        for (JsonNode m : pod.at("/containers/0/volumeMounts")) {
            if (m.path("mountPath").asText().startsWith("/host/")) {
                assertTrue(m.path("readOnly").asBoolean(), m.toString());
            }
        }
        assertEquals("spec.nodeName", pod.at("/containers/0/env/0/valueFrom/fieldRef/fieldPath").asText());
    }

    @Test
    void oneNamedNodeIsOnePodPinnedToIt() {
        JsonNode job = job("checkJob: {enabled: true, nodeName: worker-7, nodes: 5, profile: network-intensive}");
        assertEquals(1, job.at("/spec/completions").asInt());
        JsonNode pod = job.at("/spec/template/spec");
        assertEquals("worker-7", pod.path("nodeName").asText());
        assertTrue(pod.path("affinity").isMissingNode());
        assertTrue(args(pod).containsAll(List.of("--profile", "network-intensive")));
    }

    @Test
    void aHostPathForReportsGetsOneFilePerNode() {
        JsonNode pod = job("checkJob: {enabled: true, output: json, failOn: 'fail,unknown', "
                + "outputHostPath: /var/log/ra2check}").at("/spec/template/spec");
        List<String> args = args(pod);
        assertEquals("/out/$(NODE_NAME).json", args.get(args.indexOf("--out") + 1),
                "the kubelet expands $(NODE_NAME) from the container's env");
        assertTrue(args.containsAll(List.of("--output", "json", "--fail-on", "fail,unknown")));
        JsonNode out = volume(pod, "out");
        assertEquals("/var/log/ra2check", out.at("/hostPath/path").asText());
        assertEquals("DirectoryOrCreate", out.at("/hostPath/type").asText());
    }

    @Test
    void theSchemaRefusesWhatCheckWouldRefuse() {
        for (String bad : List.of("checkJob: {enabled: true, output: pdf}", "checkJob: {enabled: true, nodes: 0}",
                "checkJob: {enabled: true, failOn: sometimes}", "checkJob: {enabled: true, outputHostPath: rel/dir}",
                "checkJob: {enabled: true, profile: gold}", "checkJob: {enabled: true, nodeName: 'Bad Name'}")) {
            Exception e = assertThrows(Exception.class, () -> Chart.render(Chart.RELEASE, Chart.NAMESPACE, bad), bad);
            assertTrue(String.valueOf(e.getMessage()).contains("checkJob"), bad + ": " + e.getMessage());
        }
    }

    @Test
    void theJobConformsWithTheAgentsDocumentedExceptionsAndNoMore() throws IOException {
        KubeObject job = Chart.objects(Chart.render(Chart.RELEASE, Chart.NAMESPACE, "checkJob: {enabled: true}"))
                .get("Job", "ra2check-check");
        Set<String> expected = new TreeSet<>(WorkloadConformanceTest.documentedExceptions(false));
        expected.remove("ra2.app.047"); // no port: the Job serves nothing
        // nothing to probe in a run-to-completion pod; activeDeadlineSeconds bounds a check that hangs
        expected.addAll(List.of("ra2.app.026", "ra2.app.027"));
        WorkloadReport r = WorkloadCheck.checkObjects(List.of(job), Set.of());
        assertEquals(expected, r.rulesWithOutcome(Outcome.FAIL), r::describe);
        assertEquals(Set.of(), r.rulesWithOutcome(Outcome.UNKNOWN), r::describe);
    }

    @Test
    void thePlainJobManifestIsTheChartsRendering() throws IOException {
        String expected = HEADER + keep(Chart.render(Chart.RELEASE, Chart.NAMESPACE, VALUES.get()));
        Path file = MANIFEST.get();
        if (Boolean.getBoolean("ra2check.updateManifests")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8), file + " is not the chart's rendering: "
                + "regenerate it with mvn -q -pl deploy -am verify -DskipFuzz -Dra2check.updateManifests=true");
        List<String> kinds = Chart.objects(Files.readString(file)).kindsAndNames();
        assertEquals(List.of("Job/ra2check-check", "LimitRange/ra2check", "Namespace/ra2check",
                "ServiceAccount/ra2check-agent"), kinds);
    }

    /** The documents of a rendering that come from the templates the Job needs, in the rendering's order. */
    private static String keep(String rendered) {
        List<String> kept = new ArrayList<>();
        for (String doc : rendered.split("(?m)^---\n")) {
            if (KEPT_SOURCES.stream().anyMatch(s -> doc.startsWith("# Source: ra2check/" + s + "\n"))) {
                kept.add("---\n" + doc);
            }
        }
        assertTrue(kept.size() >= KEPT_SOURCES.size(), "templates kept: " + KEPT_SOURCES + " in " + rendered);
        return String.join("", kept);
    }

    private static JsonNode job(String values) {
        return Chart.objects(Chart.render(Chart.RELEASE, Chart.NAMESPACE, values)).node("Job", "ra2check-check");
    }

    private static List<String> args(JsonNode pod) {
        List<String> a = new ArrayList<>();
        pod.at("/containers/0/args").forEach(n -> a.add(n.asText()));
        return a;
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static Set<String> hostMounts(JsonNode pod) {
        Set<String> paths = new TreeSet<>();
        for (JsonNode v : pod.path("volumes")) {
            if (v.has("hostPath") && v.path("name").asText().startsWith("host-")) {
                paths.add(v.at("/hostPath/path").asText());
            }
        }
        return paths.stream().collect(Collectors.toCollection(TreeSet::new));
    }
}
