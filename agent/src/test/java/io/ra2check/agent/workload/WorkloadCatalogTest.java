package io.ra2check.agent.workload;

import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;
import io.ra2check.report.RequirementCatalog;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The catalog's workload requirements are the rules that can decide from manifests, at the rules' levels. */
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
}
