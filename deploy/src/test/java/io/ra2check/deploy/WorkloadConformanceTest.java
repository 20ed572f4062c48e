package io.ra2check.deploy;

import io.ra2check.workload.KubeObject;
import io.ra2check.workload.WorkloadCheck;
import io.ra2check.workload.WorkloadFinding;
import io.ra2check.workload.WorkloadReport;
import io.ra2check.report.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart's own workloads against the RA2 workload rules (ra2.app.*), with the project's reusable check: the
 * collector meets every rule a manifest can settle; the agent fails exactly the exceptions docs/deploy.md lists and
 * explains, no more and no fewer.
 */
class WorkloadConformanceTest {
    /** The rules only a person (or a running cluster) can judge: MANUAL findings, never silently dropped. */
    private static final Set<String> MANUAL_BY_NATURE = Set.of("ra2.app.038", "ra2.app.039", "ra2.app.040",
            "ra2.app.046");

    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    @Test
    void theCollectorMeetsEveryRuleAManifestCanSettle() {
        List<KubeObject> collector = component(Chart.objects(Chart.render()), "collector");
        WorkloadReport r = WorkloadCheck.checkObjects(collector, Set.of());
        assertTrue(r.conformant(), r::describe);
        assertEquals(Set.of(), r.rulesWithOutcome(Outcome.FAIL), r::describe);
        assertEquals(Set.of(), r.rulesWithOutcome(Outcome.UNKNOWN), r::describe);
        // the namespace's own limits (ra2.app.032) are decided where a Helm install's namespace is made
        Set<String> manual = new TreeSet<>(MANUAL_BY_NATURE);
        manual.add("ra2.app.032");
        assertEquals(manual, r.rulesWithOutcome(Outcome.MANUAL), r::describe);
        assertEquals(Outcome.MANUAL, r.forObject("Namespace", "ra2check").get(0).outcome());
        for (WorkloadFinding f : r.forObject("Deployment", "ra2check-collector")) {
            Outcome expected = MANUAL_BY_NATURE.contains(f.ruleId()) ? Outcome.MANUAL : Outcome.PASS;
            assertEquals(expected, f.outcome(), f::describe);
        }
        assertEquals(Outcome.PASS, r.forRule("ra2.app.036").get(0).outcome(), "the Service has no node port");
        assertEquals(Outcome.PASS, r.forRule("ra2.app.037").get(0).outcome(), "the ConfigMap is immutable");
    }

    @Test
    void theAgentFailsExactlyItsDocumentedExceptionsAsRoot() throws IOException {
        assertAgentFailsExactly(Chart.render(), documentedExceptions(false));
    }

    @Test
    void theNonRootAgentFailsOnlyTheExceptionsItAlwaysNeeds() throws IOException {
        assertAgentFailsExactly(Chart.render(Chart.RELEASE, Chart.NAMESPACE, "agent: {nonRoot: {enabled: true}}"),
                documentedExceptions(true));
    }

    @Test
    void theWholeChartConformsWithTheExceptionsScopedToTheAgent() throws IOException {
        Set<String> scoped = documentedExceptions(false).stream().map(id -> id + "@DaemonSet/ra2check-agent")
                .collect(Collectors.toSet());
        WorkloadReport r = WorkloadCheck.check(Chart.objects(Chart.render()).nodes(), scoped);
        assertTrue(r.conformant(), r::describe);
        assertEquals(List.of(), r.unusedExceptions(), "every documented exception is still needed");
    }

    @Test
    void thePlainManifestsWithTheirNamespaceAndLimitRangeConformToo() throws IOException {
        Set<String> scoped = documentedExceptions(false).stream().map(id -> id + "@DaemonSet/ra2check-agent")
                .collect(Collectors.toSet());
        Chart.Rendered manifests = Chart.objects(Files.readString(ManifestsInSyncTest.MANIFESTS.get()));
        WorkloadReport r = WorkloadCheck.checkObjects(manifests.all(), scoped);
        assertTrue(r.conformant(), r::describe);
        assertEquals(Outcome.PASS, r.forObject("Namespace", "ra2check").get(0).outcome(),
                "the namespace the manifests create has default limits: " + r.describe());
        assertEquals(MANUAL_BY_NATURE, r.rulesWithOutcome(Outcome.MANUAL), r::describe);
    }

    private static void assertAgentFailsExactly(String rendered, Set<String> exceptions) {
        List<KubeObject> agent = List.of(Chart.objects(rendered).get("DaemonSet", "ra2check-agent"));
        WorkloadReport r = WorkloadCheck.checkObjects(agent, Set.of());
        assertEquals(exceptions, r.rulesWithOutcome(Outcome.FAIL), r::describe);
        assertEquals(Set.of(), r.rulesWithOutcome(Outcome.UNKNOWN), r::describe);
        WorkloadReport excused = WorkloadCheck.checkObjects(agent, exceptions);
        assertTrue(excused.conformant(), excused::describe);
        assertEquals(List.of(), excused.unusedExceptions());
    }

    private static List<KubeObject> component(Chart.Rendered r, String component) {
        return r.all().stream().filter(o -> o.node().at("/metadata/labels").path("app.kubernetes.io/component")
                .asText().equals(component)).toList();
    }

    private static final Pattern ROW = Pattern.compile("^\\| (ra2\\.app\\.\\d{3}) [^|]*\\| ([^|]+?) \\|", Pattern.MULTILINE);

    /**
     * The exception table of docs/deploy.md (between its agent-exceptions markers): rule ID, then when it applies
     * ("always" or "root mode").
     *
     * @param nonRoot true for the exceptions of the non-root agent (the "always" rows)
     */
    static Set<String> documentedExceptions(boolean nonRoot) throws IOException {
        String doc = Files.readString(Chart.projectDir().resolve("docs/deploy.md"));
        int start = doc.indexOf("<!-- agent-exceptions:start -->");
        int end = doc.indexOf("<!-- agent-exceptions:end -->");
        assertTrue(start >= 0 && end > start, "docs/deploy.md has no agent-exceptions table");
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(doc.substring(start, end));
        while (m.find()) {
            rows.put(m.group(1), m.group(2).trim());
        }
        assertTrue(rows.values().stream().allMatch(w -> w.equals("always") || w.equals("root mode")), rows::toString);
        return rows.entrySet().stream().filter(e -> !nonRoot || e.getValue().equals("always"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }
}
