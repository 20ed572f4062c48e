package io.ra2check.workload;

import io.ra2check.report.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule catalog against the RA2 text it encodes: every ID exists there with the same title, and the level is the
 * wording's. Skipped where ../shared/spec is absent (a plain clone), like the shared-host tests.
 */
class WorkloadRulesSpecTest {
    private static final String SPEC = "ra2-chapter04-component-level-architecture.rst.txt";

    @Test
    void idsTitlesAndLevelsMatchTheRa2Text() throws Exception {
        String spec = Files.readString(specFile());
        for (WorkloadRule rule : WorkloadRules.all()) {
            // a table row: "* - ra2.app.033 - Read only filesystem - All the containers ... - <trace> - N/A"
            Matcher row = Pattern.compile("\\* - " + Pattern.quote(rule.id()) + " - (.+?) - (.+?) - ")
                    .matcher(spec);
            assertTrue(row.find(), rule.id() + " is not in the RA2 text");
            assertEquals(row.group(1).trim(), rule.title(), rule.id() + " title");
            String wording = row.group(2);
            Level level = wording.contains(" must ") ? Level.MUST : wording.contains(" should ") ? Level.SHOULD
                    : Level.MAY;
            assertEquals(level, rule.level(), rule.id() + " level, from: " + wording);
        }
    }

    @Test
    void theCatalogCoversEveryRuleFrom026To048() {
        List<String> ids = WorkloadRules.all().stream().map(WorkloadRule::id).toList();
        for (int n = 26; n <= 48; n++) {
            String id = String.format("ra2.app.%03d", n);
            assertTrue(ids.contains(id), id + " missing");
        }
        assertEquals(ids.stream().sorted().toList(), ids, "rules are listed in ID order");
    }

    private static Path specFile() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolveSibling("shared").resolve("spec").resolve(SPEC);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            p = p.getParent();
        }
        Assumptions.assumeTrue(false, "../shared/spec/" + SPEC + " is not available");
        return null;
    }
}
