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
}
