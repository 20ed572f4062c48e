package io.ra2check.workload;

import io.ra2check.report.Outcome;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One verdict per rule over every object: which object's finding decides, and what the evidence shows. */
class RuleVerdictsTest {
    private static List<KubeObject> pods(String... hostNetwork) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hostNetwork.length; i++) {
            b.append("---\napiVersion: v1\nkind: Pod\nmetadata: {name: p").append(i).append("}\nspec:\n  hostNetwork: ")
                    .append(hostNetwork[i]).append("\n  containers: [{name: c, image: \"a:1\"}]\n");
        }
        return Manifests.parse(b.toString(), "pods.yaml");
    }

    private static Verdict rule(WorkloadReport r, String id) {
        return r.ruleVerdicts().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyRuleHasOneVerdictInIdOrder() throws Exception {
        WorkloadReport r = WorkloadCheck.checkObjects(pods("false"), Set.of());
        assertEquals(WorkloadRules.all().stream().map(WorkloadRule::id).toList(),
                r.ruleVerdicts().stream().map(Verdict::id).toList());
    }

    @Test
    void anUnexcusedFailDecidesAndNamesItsObject() throws Exception {
        WorkloadReport r = WorkloadCheck.checkObjects(pods("false", "true", "true"), Set.of("ra2.app.030@Pod/p1"));
        Verdict v = rule(r, "ra2.app.030");
        assertEquals(Outcome.FAIL, v.outcome());
        assertEquals(Status.FAIL, v.status());
        assertTrue(v.actual().startsWith("FAIL on 1 object: Pod p2 ("), v.actual());
        // one evidence line per object, then the failing object's own evidence
        assertTrue(v.evidence().get(0).source().startsWith("Pod p0 [pods.yaml, document "), v.evidence().toString());
        assertTrue(v.evidence().get(1).value().startsWith("SKIP (allowed exception)"), v.evidence().toString());
        assertTrue(v.evidence().size() > 3, v.evidence().toString());
        assertEquals(WorkloadRules.byId("ra2.app.030").remediation(), v.remediation());
    }

    @Test
    void onlyExcusedFailuresMakeAnIgnoredFail() throws Exception {
        WorkloadReport r = WorkloadCheck.checkObjects(pods("false", "true"), Set.of("ra2.app.030@Pod/p1"));
        Verdict v = rule(r, "ra2.app.030");
        assertEquals(Outcome.FAIL, v.outcome());
        assertTrue(v.ignored());
        assertEquals(Status.SKIP, v.status());
    }

    @Test
    void allMetIsAPassCountingTheObjects() throws Exception {
        Verdict v = rule(WorkloadCheck.checkObjects(pods("false", "false"), Set.of()), "ra2.app.030");
        assertEquals(Status.PASS, v.status());
        assertEquals("met by 2 objects", v.actual());
        assertEquals(null, v.remediation());
    }

    @Test
    void aManualFindingBeatsPassesAndARuleNoObjectIsSubjectToIsNotApplicable() throws Exception {
        WorkloadReport r = WorkloadCheck.checkObjects(pods("false"), Set.of());
        Verdict logs = rule(r, "ra2.app.046");
        assertEquals(Status.MANUAL, logs.status());
        assertTrue(logs.reason() != null && !logs.reason().isBlank());
        // no Service in the input: the node-port rule has nothing to judge
        Verdict nodePort = rule(r, "ra2.app.036");
        assertEquals(Outcome.NOT_APPLICABLE, nodePort.outcome());
        assertEquals(Status.SKIP, nodePort.status());
        assertEquals("no object in the input is subject to this rule", nodePort.reason());
    }
}
