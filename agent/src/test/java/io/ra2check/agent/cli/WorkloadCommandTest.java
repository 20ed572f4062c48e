package io.ra2check.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ra2check workload}: inputs, outputs, exit codes and one-line errors. */
class WorkloadCommandTest {
    @TempDir
    Path dir;

    /** A Deployment that breaks three musts: privileged, on the host network, and a latest image. */
    private static final String BAD_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec:
                  hostNetwork: true
                  containers:
                    - name: web
                      image: nginx:latest
                      securityContext: {privileged: true}
            """;

    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {ports: [{port: 80}]}
            """;

    private static final int RULES = 26;

    @Test
    void aBadDeploymentFailsNamingTheObject() throws Exception {
        Path f = Files.writeString(dir.resolve("web.yaml"), BAD_DEPLOYMENT);
        Cli r = Cli.run("workload", "--no-color", f.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals("", r.err());
        for (String id : List.of("ra2.app.030", "ra2.app.034", "ra2.app.041")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("[FAIL   ] " + id)
                    && l.contains("Deployment shop/web")), id + "\n" + r.out());
        }
        assertTrue(r.out().contains("ra2.app.041 FAIL Deployment shop/web"), r.out());
        assertTrue(r.out().contains(RULES + " rules: "), r.out());
    }

    @Test
    void jsonParsesAndNamesEachObjectsFinding() throws Exception {
        Path f = Files.writeString(dir.resolve("web.yaml"), BAD_DEPLOYMENT + "---\n" + SERVICE);
        Cli r = Cli.run("workload", "--output", "json", f.toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("WorkloadReport", doc.path("kind").asText());
        assertEquals(RULES, doc.path("verdicts").size());
        JsonNode hostNetwork = verdict(doc, "ra2.app.030");
        assertEquals("FAIL", hostNetwork.path("status").asText());
        assertEquals("workload-check", hostNetwork.path("judgedBy").asText());
        assertFalse(hostNetwork.path("remediation").asText().isBlank(), "a FAIL says what to change");
        assertTrue(hostNetwork.path("actual").asText().contains("Deployment shop/web"), hostNetwork.toString());
        // the Service has no node port: judged on the Service alone
        assertEquals("PASS", verdict(doc, "ra2.app.036").path("status").asText());
        boolean found = false;
        for (JsonNode finding : doc.path("findings")) {
            if (finding.at("/object/kind").asText().equals("Deployment")
                    && finding.at("/verdict/id").asText().equals("ra2.app.041")) {
                assertEquals("web", finding.at("/object/name").asText());
                assertEquals("shop", finding.at("/object/namespace").asText());
                assertTrue(finding.at("/object/origin").asText().startsWith(f + ", document 1"));
                assertEquals("FAIL", finding.at("/verdict/status").asText());
                found = true;
            }
        }
        assertTrue(found, r.out());
    }

    @Test
    void junitHasOneTestcasePerRule() throws Exception {
        Path f = Files.writeString(dir.resolve("web.yaml"), BAD_DEPLOYMENT);
        Path out = dir.resolve("report.xml");
        Cli r = Cli.run("workload", "--output", "junit", "--out", out.toString(), f.toString());
        assertEquals(1, r.exit(), r.err());
        String xml = Files.readString(out);
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("<testcase classname=\"ra2check.workload\" name=\"(ra2\\.app\\.\\d{3}) ").matcher(xml);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertEquals(RULES, names.size(), xml);
        assertEquals(RULES, names.stream().distinct().count(), xml);
        assertTrue(xml.contains("<failure type=\"FAIL\""), xml);
        assertTrue(r.err().strip().matches("ra2check: wrote junit workload report to .*: \\d+ of 26 rules failing; exit 1"),
                r.err());
    }

    @Test
    void htmlIsOnePageWithEveryRule() throws Exception {
        Path f = Files.writeString(dir.resolve("web.yaml"), BAD_DEPLOYMENT);
        Cli r = Cli.run("workload", "--output", "html", f.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().startsWith("<!DOCTYPE html>"));
        assertTrue(r.out().contains("RA2 workload check"));
        assertEquals(RULES, Pattern.compile("<tr class=\"v-").matcher(r.out()).results().count());
    }

    @Test
    void standardInputIsRead() {
        Cli r = Cli.withStdin(BAD_DEPLOYMENT.getBytes(StandardCharsets.UTF_8), "workload", "--no-color", "-");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("ra2.app.030 FAIL Deployment shop/web: "), r.out());
    }

    @Test
    void anAllowedExceptionMakesTheFailureASkipAndTheExitZeroWhenNothingElseFails() throws Exception {
        Path f = Files.writeString(dir.resolve("svc.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec: {type: NodePort, ports: [{port: 80, nodePort: 30080}]}
                """);
        assertEquals(1, Cli.run("workload", f.toString()).exit());
        Cli allowed = Cli.run("workload", "--no-color", "--allow", "ra2.app.036@Service/web", f.toString());
        assertEquals(0, allowed.exit(), allowed.out());
        assertTrue(allowed.out().lines().anyMatch(l -> l.startsWith("[SKIP   ] ra2.app.036")), allowed.out());
        Cli stale = Cli.run("workload", "--no-color", "--allow", "ra2.app.036@Service/web,ra2.app.030", f.toString());
        assertTrue(stale.out().contains("unused allowed exception ra2.app.030"), stale.out());
    }

    @Test
    void aDirectoryIsReadRecursivelyAndOnlyItsManifests() throws Exception {
        Files.createDirectories(dir.resolve("m/sub"));
        Files.writeString(dir.resolve("m/sub/web.yml"), BAD_DEPLOYMENT);
        Files.writeString(dir.resolve("m/svc.json"), "{\"apiVersion\": \"v1\", \"kind\": \"Service\", "
                + "\"metadata\": {\"name\": \"api\"}, \"spec\": {\"ports\": [{\"port\": 80}]}}");
        Files.writeString(dir.resolve("m/README.md"), "not: [a manifest");
        Cli r = Cli.run("workload", "--output", "json", dir.resolve("m").toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        List<String> origins = new ArrayList<>();
        doc.path("findings").forEach(x -> origins.add(x.at("/object/origin").asText()));
        assertTrue(origins.stream().anyMatch(o -> o.startsWith(dir.resolve("m/sub/web.yml").toString())), origins::toString);
        assertTrue(origins.stream().anyMatch(o -> o.startsWith(dir.resolve("m/svc.json").toString())), origins::toString);
    }

    @Test
    void malformedYamlIsOneLineNamingTheFileAndLine() throws Exception {
        Path f = Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: [p\n");
        Cli r = Cli.run("workload", f.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.oneLineError(f + ": not valid YAML: "), r.err());
        assertTrue(r.err().matches("(?s).*\\(line \\d+\\)\\s*"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void badInputsAreOneLineAndExitTwo() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("nothing.yaml"), "---\n# rendered nothing\n---\n");
        Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
        Path good = Files.writeString(dir.resolve("svc.yaml"), SERVICE);
        String[][] cases = {
                {dir.resolve("empty").toString(), "no *.yaml, *.yml or *.json file in the directory"},
                {dir.resolve("missing.yaml").toString(), "missing.yaml: no such file or directory"},
                {dir.resolve("nothing.yaml").toString(), "nothing.yaml: no Kubernetes objects"},
                {dir.resolve("list.yaml").toString(), "list.yaml, document 1: not a Kubernetes object"},
        };
        for (String[] c : cases) {
            Cli r = Cli.run("workload", c[0]);
            assertEquals(2, r.exit(), c[0] + ": " + r.out() + r.err());
            assertTrue(r.oneLineError(c[1]), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        Cli emptyStdin = Cli.withStdin(new byte[0], "workload", "-");
        assertEquals(2, emptyStdin.exit());
        assertTrue(emptyStdin.oneLineError("-: no Kubernetes objects"), emptyStdin.err());
        Cli badAllow = Cli.run("workload", "--allow", "ra2.ch.004", good.toString());
        assertEquals(2, badAllow.exit());
        assertTrue(badAllow.oneLineError("--allow: allowed exception 'ra2.ch.004'"), badAllow.err());
        Cli badOutput = Cli.run("workload", "--output", "pdf", good.toString());
        assertEquals(2, badOutput.exit());
        assertTrue(badOutput.oneLineError("--output: expected text, json, junit or html, got 'pdf'"), badOutput.err());
        Cli noInput = Cli.run("workload");
        assertEquals(2, noInput.exit());
    }

    @Test
    void failOnWarnCountsAShouldRuleNotMet() throws Exception {
        // a Service breaks no rule; the Pod below meets every must a manifest settles but lacks the recommended
        // labels (ra2.app.045, a should): WARN, exit 0 unless --fail-on warn
        Path f = Files.writeString(dir.resolve("pod.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: shop}
                spec:
                  automountServiceAccountToken: false
                  securityContext: {runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000}
                  containers:
                    - name: c
                      image: registry.example.com/app:1.2.3
                      livenessProbe: {httpGet: {path: /, port: 8080}}
                      readinessProbe: {httpGet: {path: /, port: 8080}}
                      resources: {limits: {cpu: "1", memory: 1Gi}}
                      securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false,
                                        privileged: false}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: v1
                kind: LimitRange
                metadata: {name: limits, namespace: shop}
                spec: {limits: [{type: Container, default: {cpu: "1", memory: 1Gi}}]}
                """);
        Cli r = Cli.run("workload", "--no-color", f.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("[WARN   ] ra2.app.045")), r.out());
        assertFalse(r.out().contains("[FAIL"), r.out());
        assertEquals(1, Cli.run("workload", "--fail-on", "warn", f.toString()).exit());
    }

    private static JsonNode verdict(JsonNode doc, String id) {
        for (JsonNode v : doc.path("verdicts")) {
            if (v.path("id").asText().equals(id)) {
                return v;
            }
        }
        throw new AssertionError(id + " not in " + doc);
    }
}
