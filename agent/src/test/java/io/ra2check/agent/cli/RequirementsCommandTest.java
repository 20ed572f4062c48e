package io.ra2check.agent.cli;

import io.ra2check.report.RequirementCatalog;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequirementsCommandTest {
    private final int total = RequirementCatalog.builtIn().all().size();

    @Test
    void listsEveryRequirementWithItsDisposition() {
        Cli c = Cli.run("requirements");
        assertEquals(0, c.exit(), c.err());
        long rows = c.out().lines().filter(l -> l.startsWith("ra2.")).count();
        assertEquals(total, rows);
        assertTrue(c.out().lines().anyMatch(l -> l.startsWith("ra2.k8s.001 ") && l.endsWith(" external")), c.out());
        assertTrue(c.out().lines().anyMatch(l -> l.startsWith("ra2.ch.004 ") && l.contains("must/must")
                && l.endsWith(" agent")), c.out());
        assertTrue(c.out().contains(total + " of " + total + " requirements;"), c.out());
    }

    @Test
    void filtersByFamilyAndDisposition() {
        Cli c = Cli.run("requirements", "--family", "ra2.k8s", "--disposition", "external");
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().lines().filter(l -> l.startsWith("ra2.")).allMatch(l -> l.startsWith("ra2.k8s.")
                && l.endsWith(" external")), c.out());
        assertTrue(c.out().contains("ra2.k8s.001"), c.out());
        assertTrue(c.out().contains("selected"), c.out());
        Cli plat = Cli.run("requirements", "--family", "plat", "--disposition", "optional");
        assertTrue(plat.out().contains("ra2.plat.001"), plat.out());
        assertTrue(plat.out().lines().noneMatch(l -> l.startsWith("ra2.ch.")), plat.out());
    }

    @Test
    void unknownFiltersAreOneLineUsageErrors() {
        Cli c = Cli.run("requirements", "--family", "gpu");
        assertEquals(2, c.exit());
        assertTrue(c.oneLineError("--family: unknown family 'gpu'"), c.err());
        Cli d = Cli.run("requirements", "--disposition", "maybe");
        assertEquals(2, d.exit());
        assertTrue(d.oneLineError("unknown disposition 'maybe'"), d.err());
    }

    @Test
    void explainPrintsWordingJudgementThresholdsAndRemediation() {
        Cli c = Cli.run("explain", "ra2.ch.012");
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().startsWith("ra2.ch.012 Kubernetes Node RAM Quantity\n"), c.out());
        assertTrue(c.out().contains("decided by:  agent - the ra2check agent, from the host"), c.out());
        assertTrue(c.out().contains("    minMemoryGiB: 32"), c.out());
        assertTrue(c.out().contains("remediation: Install more RAM"), c.out());
        Cli ext = Cli.run("explain", "k8s.001");
        assertEquals(0, ext.exit(), ext.err());
        assertTrue(ext.out().contains("decided by:  external - Kubernetes conformance with Sonobuoy"), ext.out());
        assertTrue(ext.out().contains("sonobuoy run --mode=certified-conformance"), ext.out());
        Cli manual = Cli.run("explain", "ra2.ch.017");
        assertTrue(manual.out().contains("decided by:  manual - a person must confirm: Nodes are replaced"),
                manual.out());
    }

    @Test
    void explainOfAnUnknownIdIsAOneLineError() {
        Cli c = Cli.run("explain", "ra2.ch.999");
        assertEquals(2, c.exit());
        assertTrue(c.oneLineError("unknown requirement 'ra2.ch.999'"), c.err());
    }
}
