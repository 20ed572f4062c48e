package io.ra2check.report;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every requirement ID of the current chapter text is in the catalog, each with a disposition that can be acted on. */
class ChapterTraceabilityTest {
    private static final Path CHAPTER = Path.of(System.getProperty("basedir", "."))
            .resolve("../../shared/spec/ra2-chapter04-component-level-architecture.rst.txt");
    private final RequirementCatalog catalog = RequirementCatalog.builtIn();

    static Set<String> chapterIds(String text) {
        Set<String> ids = new TreeSet<>();
        Matcher m = Pattern.compile("\\bra2\\.[a-z0-9]+\\.[0-9]{3}\\b").matcher(text);
        while (m.find()) {
            ids.add(m.group());
        }
        return ids;
    }

    @Test
    void everyIdOfTheCurrentChapterIsInTheCatalog() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(CHAPTER), "the spec is not at " + CHAPTER);
        Set<String> chapter = chapterIds(Files.readString(CHAPTER));
        assertEquals(165, chapter.size(), "the chapter's ID count changed: update the catalog");
        Set<String> catalogIds = new TreeSet<>(catalog.all().stream().map(Requirement::id).toList());
        Set<String> missing = new TreeSet<>(chapter);
        missing.removeAll(catalogIds);
        assertEquals(Set.of(), missing, "IDs of the chapter missing from requirements.yaml");
        Set<String> extra = new TreeSet<>(catalogIds);
        extra.removeAll(chapter);
        // ra2.ch.020 comes from the newer upstream text (../shared/spec/README.md)
        assertEquals(Set.of("ra2.ch.020"), extra);
    }

    @Test
    void chapterIdsAreFoundInLiteralText() {
        assertEquals(Set.of("ra2.k8s.012", "ra2.plat.045"),
                chapterIds("* - ra2.k8s.012 - Control plane services ... * - ra2.k8s.012 - APIs ra2.plat.045 x"));
    }

    @Test
    void everyRequirementSaysHowItIsDecided() {
        for (Requirement r : catalog.all()) {
            assertNotNull(r.disposition(), r.id());
            String how = Coverage.howDecided(r);
            assertTrue(how.length() > 20, r.id() + ": " + how);
            switch (r.disposition()) {
                case EXTERNAL -> assertTrue(!r.external().command().isBlank(), r.id());
                case MANUAL -> assertTrue(r.confirm() != null || r.perNode(), r.id() + " says what to confirm");
                case OPTIONAL -> assertEquals("plat", r.family(), r.id());
                default -> {
                }
            }
        }
        assertEquals(Requirement.Disposition.EXTERNAL, catalog.get("ra2.k8s.001").disposition());
        assertTrue(catalog.get("ra2.k8s.001").external().command().startsWith("sonobuoy run"));
        assertEquals(Requirement.Disposition.AGENT, catalog.get("ra2.ch.004").disposition());
        assertEquals(Requirement.Disposition.COLLECTOR, catalog.get("ra2.ch.006").disposition());
        assertEquals(Requirement.Disposition.MANUAL, catalog.get("ra2.ch.017").disposition());
        assertEquals(Requirement.Disposition.OPTIONAL, catalog.get("ra2.plat.001").disposition());
    }

    @Test
    void onlyTheNodeRequirementsAreVerdictsOfANodeReport() {
        List<Requirement> perNode = catalog.perNode();
        assertEquals(34, perNode.size());
        assertTrue(perNode.stream().allMatch(r -> r.scope() != null));
        assertTrue(catalog.all().stream().filter(r -> !r.perNode())
                .noneMatch(r -> r.disposition() == Requirement.Disposition.AGENT), "an agent requirement is per node");
    }

    @Test
    void selectFiltersByFamilyAndDisposition() {
        List<Requirement> k8sExternal = catalog.select("k8s", Requirement.Disposition.EXTERNAL);
        assertTrue(k8sExternal.stream().anyMatch(r -> r.id().equals("ra2.k8s.001")));
        assertTrue(k8sExternal.stream().allMatch(r -> r.family().equals("k8s")
                && r.disposition() == Requirement.Disposition.EXTERNAL));
        assertEquals(catalog.all().size(), catalog.select(null, null).size());
        assertEquals(List.of("ch", "os", "k8s", "crt", "ntw", "stg", "pkg", "app", "plat"), catalog.families());
    }

    @Test
    void theLoaderKnowsTheFieldsOtherChecksAddAndRejectsContradictions() {
        Map<String, Object> base = new java.util.LinkedHashMap<>(Map.of("id", "ra2.x.001", "title", "t",
                "section", "node", "text", "x", "levels", Map.of("basic", "must", "network-intensive", "must"),
                "levelSource", "wording", "scope", "node"));
        base.put("signals", List.of("/sys/a", "/proc/b"));
        base.put("unknownWhen", "the file is missing");
        Requirement r = RequirementCatalog.parse(Map.of("requirements", List.of(base))).get("ra2.x.001");
        assertEquals(List.of("/sys/a", "/proc/b"), r.signals());
        assertEquals("the file is missing", r.unknownWhen());
        assertEquals(Requirement.Disposition.AGENT, r.disposition());

        Map<String, Object> contradiction = new java.util.LinkedHashMap<>(base);
        contradiction.put("disposition", "collector");
        assertEquals("ra2.x.001: scope node contradicts disposition collector", assertThrows(
                IllegalArgumentException.class, () -> RequirementCatalog.parse(Map.of("requirements",
                        List.of(contradiction)))).getMessage());
        Map<String, Object> external = new java.util.LinkedHashMap<>(base);
        external.remove("scope");
        external.put("disposition", "external");
        assertEquals("ra2.x.001: an external requirement needs external: {test, command}", assertThrows(
                IllegalArgumentException.class, () -> RequirementCatalog.parse(Map.of("requirements",
                        List.of(external)))).getMessage());
        Map<String, Object> badSignals = new java.util.LinkedHashMap<>(base);
        badSignals.put("signals", "one");
        assertThrows(IllegalArgumentException.class,
                () -> RequirementCatalog.parse(Map.of("requirements", List.of(badSignals))));
    }
}
