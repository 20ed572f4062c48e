package io.ra2check.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequirementCatalogTest {
    private final RequirementCatalog catalog = RequirementCatalog.builtIn();

    @Test
    void listsEveryRequirementTheIssueNamesInOrder() {
        List<String> ids = catalog.all().stream().map(Requirement::id).toList();
        for (int i = 1; i <= 20; i++) {
            assertTrue(ids.contains(String.format("ra2.ch.%03d", i)), "ch." + i);
        }
        for (int i = 1; i <= 5; i++) {
            assertTrue(ids.contains(String.format("ra2.os.%03d", i)), "os." + i);
        }
        for (int i = 5; i <= 11; i++) {
            assertTrue(ids.contains(String.format("ra2.k8s.%03d", i)), "k8s." + i);
        }
        assertEquals("ra2.ch.001", ids.get(0));
    }

    @Test
    void levelsFollowTheRi2Table() {
        // ../shared/spec/README.md: ch.002 -/Must, ch.009 Should/Should, ch.014 Must/-, k8s.006 -/Must
        assertEquals(Level.NONE, catalog.get("ra2.ch.002").level(Profile.BASIC));
        assertEquals(Level.MUST, catalog.get("ra2.ch.002").level(Profile.NETWORK_INTENSIVE));
        assertEquals(Level.SHOULD, catalog.get("ra2.ch.009").level(Profile.BASIC));
        assertEquals(Level.MUST, catalog.get("ra2.ch.014").level(Profile.BASIC));
        assertEquals(Level.NONE, catalog.get("ra2.ch.014").level(Profile.NETWORK_INTENSIVE));
        assertEquals(Level.NONE, catalog.get("ra2.k8s.006").level(Profile.BASIC));
        assertEquals("afxdp", catalog.get("ra2.ch.019").condition());
        assertEquals(Requirement.Scope.CLUSTER, catalog.get("ra2.ch.006").scope());
        assertEquals(Requirement.Scope.MANUAL, catalog.get("ra2.ch.017").scope());
    }

    @Test
    void thresholdsAreTypedAndOverridable() {
        assertEquals(32, catalog.get("ra2.ch.012").longThreshold("minMemoryGiB"));
        RequirementCatalog tuned = catalog.withThresholds(Map.of("ra2.ch.012", Map.of("minMemoryGiB", 64L)));
        assertEquals(64, tuned.get("ra2.ch.012").longThreshold("minMemoryGiB"));
        assertEquals(32, catalog.get("ra2.ch.012").longThreshold("minMemoryGiB"), "original unchanged");
    }

    @Test
    void overridesNamingUnknownThingsOrWrongKindsAreRejected() {
        assertEquals("unknown requirement ra2.ch.999", assertThrows(IllegalArgumentException.class,
                () -> catalog.withThresholds(Map.of("ra2.ch.999", Map.of("x", 1L)))).getMessage());
        assertEquals("ra2.ch.012 has no threshold 'minRam' (it has minMemoryGiB, memTotalMarginPercent)",
                assertThrows(IllegalArgumentException.class,
                        () -> catalog.withThresholds(Map.of("ra2.ch.012", Map.of("minRam", 1L)))).getMessage());
        assertEquals("ra2.ch.012 threshold minMemoryGiB: expected a number, got a string",
                assertThrows(IllegalArgumentException.class,
                        () -> catalog.withThresholds(Map.of("ra2.ch.012", Map.of("minMemoryGiB", "lots"))))
                        .getMessage());
    }
}
