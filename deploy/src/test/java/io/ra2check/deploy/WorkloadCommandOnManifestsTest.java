package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ra2check.agent.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ra2check workload} on the plain manifests the project ships gives what docs/deploy.md documents: the agent's
 * exceptions fail (and only they), and allowed for the agent's DaemonSet alone, the whole install passes.
 */
class WorkloadCommandOnManifestsTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new ByteArrayInputStream(stdin), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Rules found not met (outcome FAIL: a must's status FAIL, a should's WARN). */
    private static Set<String> failing(String json) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (JsonNode v : new ObjectMapper().readTree(json).path("verdicts")) {
            if (v.path("outcome").asText().equals("FAIL")) {
                ids.add(v.path("id").asText());
            }
        }
        return ids;
    }

    @Test
    void withoutExceptionsExactlyTheAgentsDocumentedExceptionsFail() throws Exception {
        Run r = run(new byte[0], "workload", "--output", "json", ManifestsInSyncTest.MANIFESTS.get().toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(WorkloadConformanceTest.documentedExceptions(false), failing(r.out()));
        for (JsonNode v : new ObjectMapper().readTree(r.out()).path("verdicts")) {
            if (v.path("outcome").asText().equals("FAIL")) {
                assertTrue(v.path("actual").asText().contains("DaemonSet ra2check/ra2check-agent"), v.toString());
            }
        }
    }

    @Test
    void theManifestsDirectoryAddsTheCheckJobsOwnExceptions() throws Exception {
        // deploy/manifests/one-shot holds the check Job: no probes for a pod that runs to completion (CheckJobTest)
        Run r = run(new byte[0], "workload", "--output", "json", Chart.projectDir().resolve("deploy/manifests")
                .toString());
        assertEquals(1, r.exit(), r.err());
        Set<String> expected = new TreeSet<>(WorkloadConformanceTest.documentedExceptions(false));
        expected.addAll(Set.of("ra2.app.026", "ra2.app.027"));
        assertEquals(expected, failing(r.out()));
        for (JsonNode v : new ObjectMapper().readTree(r.out()).path("verdicts")) {
            if (Set.of("ra2.app.026", "ra2.app.027").contains(v.path("id").asText())) {
                assertTrue(v.path("actual").asText().contains("Job "), v.toString());
            }
        }
    }

    @Test
    void withTheDocumentedExceptionsScopedToTheAgentTheManifestsPass() throws Exception {
        List<String> args = new ArrayList<>(List.of("workload", "--no-color"));
        for (String id : WorkloadConformanceTest.documentedExceptions(false)) {
            args.add("--allow");
            args.add(id + "@DaemonSet/ra2check-agent");
        }
        args.add("-");
        // as from helm template: the manifests on standard input
        Run r = run(Files.readAllBytes(ManifestsInSyncTest.MANIFESTS.get()), args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(!r.out().contains("[FAIL") && !r.out().contains("[WARN") && !r.out().contains("unused allowed"),
                r.out());
        assertTrue(r.out().contains("26 rules: "), r.out());
    }
}
