package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The chart's PrometheusRule and Grafana dashboard, checked by Prometheus's own promtool. */
class MonitoringTest {
    private static final Pattern METRIC = Pattern.compile("\\bra2check_[a-z0-9_]+");

    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    @TempDir
    Path dir;

    @Test
    void offByDefault() {
        Chart.Rendered r = Chart.objects(Chart.render());
        assertTrue(r.ofKind("PrometheusRule").isEmpty());
        assertTrue(r.all().stream().noneMatch(o -> o.name().endsWith("-dashboard")));
    }

    @Test
    void theAlertsAreValidRulesAndFireWhenTheyShould() throws Exception {
        JsonNode rule = Chart.objects(Chart.render(Chart.RELEASE, Chart.NAMESPACE,
                "monitoring: {prometheusRule: {enabled: true, labels: {release: kube-prometheus-stack}}}"))
                .node("PrometheusRule", "ra2check-collector");
        assertEquals("kube-prometheus-stack", rule.at("/metadata/labels/release").asText());
        Path rules = dir.resolve("rules.yaml");
        new YAMLMapper().writeValue(rules.toFile(), rule.path("spec"));
        assumeTrue(promtool(), "promtool not installed (Debian: prometheus)");
        Result check = run("promtool", "check", "rules", rules.toString());
        assertEquals(0, check.exit(), check.output());
        assertTrue(check.output().contains("SUCCESS: 4 rules found"), check.output());
        try (InputStream in = getClass().getResourceAsStream("alerts-test.yaml")) {
            Files.write(dir.resolve("alerts-test.yaml"), in.readAllBytes());
        }
        Result test = run("promtool", "test", "rules", dir.resolve("alerts-test.yaml").toString());
        assertEquals(0, test.exit(), test.output());
        assertTrue(test.output().contains("SUCCESS"), test.output());
    }

    @Test
    void everyDashboardQueryParsesAndNamesSeriesTheCollectorExports() throws Exception {
        JsonNode cm = Chart.objects(Chart.render(Chart.RELEASE, Chart.NAMESPACE,
                "monitoring: {grafanaDashboard: {enabled: true}}")).node("ConfigMap", "ra2check-collector-dashboard");
        assertEquals("1", cm.at("/metadata/labels/grafana_dashboard").asText());
        JsonNode dashboard = new ObjectMapper().readTree(cm.at("/data/ra2check.json").asText());
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                exprs.add(t.path("expr").asText());
            }
        }
        assertTrue(exprs.size() >= 8, exprs.toString());
        // Grafana's variables, as Grafana substitutes them, make plain PromQL that promtool parses
        ObjectNode group = new ObjectMapper().createObjectNode().put("name", "dashboard");
        ArrayNode recording = group.putArray("rules");
        for (int i = 0; i < exprs.size(); i++) {
            String promql = exprs.get(i).replace("$node", ".*").replace("$job", "ra2check-collector");
            recording.addObject().put("record", "dashboard:panel_" + i).put("expr", promql);
        }
        ObjectNode file = new ObjectMapper().createObjectNode();
        file.putArray("groups").add(group);
        Path rules = dir.resolve("dashboard-rules.yaml");
        new YAMLMapper().writeValue(rules.toFile(), file);
        assertEveryMetricIsExported(String.join("\n", exprs));
        assumeTrue(promtool(), "promtool not installed (Debian: prometheus)");
        Result check = run("promtool", "check", "rules", rules.toString());
        assertEquals(0, check.exit(), check.output());
    }

    @Test
    void theAlertsNameOnlySeriesTheCollectorExports() throws IOException {
        String rule = Files.readString(Chart.dir().resolve("templates/prometheus-rule.yaml"));
        assertEveryMetricIsExported(rule);
    }

    /** Each ra2check_* name used is one the collector's metrics code registers (with _total/_bucket suffixes). */
    private static void assertEveryMetricIsExported(String queries) throws IOException {
        StringBuilder source = new StringBuilder();
        try (var files = Files.list(Chart.projectDir().resolve("collector/src/main/java/io/ra2check/collector/ops"))) {
            for (Path p : files.toList()) {
                source.append(Files.readString(p));
            }
        }
        Set<String> unknown = new TreeSet<>();
        Matcher m = METRIC.matcher(queries);
        while (m.find()) {
            String name = m.group().replaceAll("_(total|bucket|count|sum)$", "");
            if (!source.toString().contains("\"" + name + "\"")) {
                unknown.add(m.group());
            }
        }
        assertEquals(Set.of(), unknown, "series the collector does not export");
    }

    private static boolean promtool() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, "promtool"))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", argv) + " did not finish");
        return new Result(p.exitValue(), out);
    }
}
