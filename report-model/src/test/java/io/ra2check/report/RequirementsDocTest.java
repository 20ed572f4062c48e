package io.ra2check.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/requirements.md explains every requirement of the catalog and names each of its thresholds; its generated
 * section (counts and every ID with its disposition) is the catalog's. After editing requirements.yaml, regenerate
 * both with {@code mvn -q -o -pl report-model test -DskipFuzz -Dtest='Requirements*Test' -Dra2check.regenerate=true}.
 */
class RequirementsDocTest {
    private static final Path DOC = Path.of(System.getProperty("basedir", ".")).resolve("../docs/requirements.md");
    private static final Path YAML = Path.of(System.getProperty("basedir", "."),
            "src/main/resources/io/ra2check/report", RequirementCatalog.SOURCE);

    /** The catalog from the YAML people edit (not the classpath copy, which a regeneration run has not refreshed). */
    private static RequirementCatalog source() throws java.io.IOException {
        return RequirementCatalog.parse(RequirementCatalog.toJava(new com.fasterxml.jackson.dataformat.yaml
                .YAMLMapper().readTree(Files.readAllBytes(YAML))));
    }

    @Test
    void everyRequirementAndThresholdIsDocumented() throws Exception {
        String text = Files.readString(DOC);
        for (Requirement r : RequirementCatalog.builtIn().all()) {
            assertTrue(text.contains("| " + r.id() + " "), r.id() + " is missing from " + DOC);
            for (String t : r.thresholds().keySet()) {
                assertTrue(text.contains("`" + t + "`"), r.id() + " threshold " + t + " is missing from " + DOC);
            }
        }
    }

    @Test
    void theGeneratedSectionIsTheCatalogs() throws Exception {
        String text = Files.readString(DOC);
        int begin = text.indexOf(RequirementsDoc.BEGIN);
        int end = text.indexOf(RequirementsDoc.END);
        assertTrue(begin >= 0 && end > begin, DOC + " lacks the generated section markers");
        String generated = RequirementsDoc.markdown(source());
        String current = text.substring(begin, end + RequirementsDoc.END.length());
        if (Boolean.getBoolean("ra2check.regenerate")) {
            Files.writeString(DOC, text.substring(0, begin) + generated + text.substring(end
                    + RequirementsDoc.END.length()));
            current = generated;
        }
        assertEquals(generated, current, DOC + " is out of date: regenerate it with mvn -q -o -pl report-model test "
                + "-DskipFuzz -Dtest='Requirements*Test' -Dra2check.regenerate=true");
    }

    @Test
    void theGeneratedSectionCountsEveryDisposition() {
        String md = RequirementsDoc.markdown(RequirementCatalog.builtIn());
        assertTrue(md.contains("| ra2.k8s.001 | Kubernetes conformance | M / M | external | "), md);
        assertTrue(md.contains("| family | agent | collector | workload | external | manual | optional | total |"));
        int total = RequirementCatalog.builtIn().all().size();
        assertTrue(md.contains("| **" + total + "** |"), md);
    }

    /** The requirements the agent decides from the host: each says what decides it and what makes it UNKNOWN. */
    static final java.util.List<String> AGENT_DECIDED = java.util.List.of("ra2.ch.001", "ra2.ch.002", "ra2.ch.003",
            "ra2.ch.004", "ra2.ch.005", "ra2.ch.007", "ra2.ch.008", "ra2.ch.009", "ra2.ch.010", "ra2.ch.011",
            "ra2.ch.012", "ra2.ch.013", "ra2.ch.014", "ra2.ch.015", "ra2.ch.016", "ra2.ch.019", "ra2.ch.020",
            "ra2.os.001", "ra2.os.002");

    @Test
    @SuppressWarnings("unchecked")
    void signalsAndUnknownCausesAreTheCatalogs() throws Exception {
        Path base = Path.of(System.getProperty("basedir", "."));
        String text = Files.readString(base.resolve("../docs/requirements.md"));
        Object yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue(
                base.resolve("src/main/resources/io/ra2check/report/requirements.yaml").toFile(), Object.class);
        java.util.Set<String> withSignals = new java.util.HashSet<>();
        for (Object o : (java.util.List<Object>) ((java.util.Map<String, Object>) yaml).get("requirements")) {
            java.util.Map<String, Object> r = (java.util.Map<String, Object>) o;
            Object signals = r.get("signals");
            if (signals == null) {
                continue;
            }
            String id = String.valueOf(r.get("id"));
            withSignals.add(id);
            Object unknownWhen = r.get("unknownWhen");
            assertTrue(unknownWhen instanceof String, id + " has signals but no unknownWhen");
            int at = text.indexOf("### " + id + " ");
            assertTrue(at >= 0, id + " has no signals section in docs/requirements.md");
            int next = text.indexOf("\n### ", at + 4);
            String section = text.substring(at, next < 0 ? text.length() : next);
            String decided = "Decided by: " + String.join("; ", (java.util.List<String>) signals) + ".";
            assertTrue(section.contains(decided), id + ": docs/requirements.md should say \"" + decided + "\"");
            assertTrue(section.contains("UNKNOWN when: " + unknownWhen + "."),
                    id + ": docs/requirements.md should say \"UNKNOWN when: " + unknownWhen + ".\"");
        }
        for (String id : AGENT_DECIDED) {
            assertTrue(withSignals.contains(id), id + " is decided by the agent but the catalog has no signals for it");
        }
    }
}
