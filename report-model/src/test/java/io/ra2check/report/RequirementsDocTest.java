package io.ra2check.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/requirements.md explains every requirement of the catalog and names each of its thresholds. */
class RequirementsDocTest {
    @Test
    void everyRequirementAndThresholdIsDocumented() throws Exception {
        Path doc = Path.of(System.getProperty("basedir", ".")).resolve("../docs/requirements.md");
        String text = Files.readString(doc);
        for (Requirement r : RequirementCatalog.builtIn().all()) {
            assertTrue(text.contains("| " + r.id() + " "), r.id() + " is missing from " + doc);
            for (String t : r.thresholds().keySet()) {
                assertTrue(text.contains("`" + t + "`"), r.id() + " threshold " + t + " is missing from " + doc);
            }
        }
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
