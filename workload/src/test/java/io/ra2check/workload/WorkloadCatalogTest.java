package io.ra2check.workload;

import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;
import io.ra2check.report.RequirementCatalog;
import org.junit.jupiter.api.Test;

import io.ra2check.report.Outcome;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog's workload requirements are the rules that can decide from manifests, and the rules' metadata is the
 * catalog's: a title, level or remediation changed in requirements.yaml is what the verdicts show.
 */
class WorkloadCatalogTest {
    private final RequirementCatalog catalog = RequirementCatalog.builtIn();

    @Test
    void everyRuleIsInTheCatalogAtItsLevel() {
        for (WorkloadRule rule : WorkloadRules.all()) {
            Requirement r = catalog.get(rule.id());
            assertEquals(rule.level(), r.level(Profile.BASIC), rule.id());
            assertEquals(rule.level(), r.level(Profile.NETWORK_INTENSIVE), rule.id());
            assertEquals(rule.title(), r.title(), rule.id());
        }
    }

    @Test
    void workloadDispositionIsExactlyTheRulesThatCanDecide() {
        Set<String> decided = new TreeSet<>();
        for (Requirement r : catalog.select("app", Requirement.Disposition.WORKLOAD)) {
            decided.add(r.id());
        }
        Set<String> rules = new TreeSet<>();
        WorkloadRules.all().forEach(r -> rules.add(r.id()));
        // image size (039) and startup time (040) are not in a manifest, nor where a container logs (046): those
        // rules can only answer MANUAL, so the catalog names the external test or what a person confirms instead
        Set<String> manualOnly = Set.of("ra2.app.039", "ra2.app.040", "ra2.app.046");
        rules.removeAll(manualOnly);
        assertEquals(rules, decided);
        assertEquals(Requirement.Disposition.EXTERNAL, catalog.get("ra2.app.039").disposition());
        assertEquals(Requirement.Disposition.EXTERNAL, catalog.get("ra2.app.040").disposition());
        assertEquals(Requirement.Disposition.MANUAL, catalog.get("ra2.app.046").disposition());
    }

    @Test
    void everyRuleTakesItsMetadataFromTheCatalog() {
        for (WorkloadRule rule : WorkloadRules.all()) {
            Requirement r = catalog.get(rule.id());
            assertEquals(r, rule.requirement(), rule.id());
            assertEquals("workload", r.section(), rule.id());
            assertTrue(r.remediation() != null && !r.remediation().isBlank(), rule.id() + " has no remediation");
            assertEquals(r.remediation(), rule.remediation(), rule.id());
        }
    }

    @Test
    void aFailedRuleCarriesTheCatalogsRemediation() throws Exception {
        WorkloadReport report = WorkloadCheck.checkObjects(Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  hostNetwork: true
                  containers: [{name: c, image: "busybox:latest"}]
                """, "p.yaml"), Set.of());
        for (String id : List.of("ra2.app.030", "ra2.app.034")) {
            WorkloadFinding f = report.forRule(id).get(0);
            assertEquals(Outcome.FAIL, f.outcome(), f::describe);
            assertEquals(catalog.get(id).remediation(), f.verdict().remediation(), id);
            assertEquals(catalog.get(id).title(), f.verdict().title(), id);
            assertEquals(catalog.get(id).levels(), f.verdict().levels(), id);
        }
    }

    @Test
    void aRuleWhoseLevelDependsOnTheProfileIsRefused() {
        // such a rule would give a Pod a status that depends on which node's profile is asked for
        Requirement nodeScoped = catalog.all().stream()
                .filter(r -> r.level(Profile.BASIC) != r.level(Profile.NETWORK_INTENSIVE)).findFirst().orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkloadRule(nodeScoped, (o, all) -> null));
        assertTrue(e.getMessage().contains(nodeScoped.id()), e.getMessage());
    }
}
