package io.ra2check.agent.cli;

import io.ra2check.agent.testing.HostTree;
import io.ra2check.report.NodeReport;
import io.ra2check.report.ReportJson;
import io.ra2check.report.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckCommandTest {
    @TempDir
    Path dir;
    HostTree tree;
    String root;

    @BeforeEach
    void compliantNode() {
        tree = HostTree.compliant(dir.resolve("host"));
        root = tree.root().toString();
    }

    @Test
    void aCompliantNodeExitsZeroAndPrintsALinePerRequirement() {
        Cli r = Cli.run("check", "--root", root, "--no-color");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("[PASS]    ra2.ch.004   CPU Simultaneous Multi-Threading (SMT)"), r.out());
        assertTrue(r.out().contains("Profile basic: MEETS"), r.out());
        assertTrue(r.out().lines().filter(l -> l.matches("^\\[[A-Z]+\\] +ra2\\..*")).count() >= 33);
    }

    @Test
    void aFailingMustExitsOneAndListsTheRemediation() {
        tree.cpus(1, 8, 2, false).delete("/sys/firmware/dmi/tables");
        Cli r = Cli.run("check", "--root", root, "--no-color");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("[FAIL]    ra2.ch.008"), r.out());
        assertTrue(r.out().contains("Remediation"), r.out());
        assertTrue(r.out().contains("Use a dual-socket server"), r.out());
    }

    @Test
    void ignoreTurnsAFailIntoASkip() {
        tree.cpus(1, 8, 2, false).delete("/sys/firmware/dmi/tables");
        Cli r = Cli.run("check", "--root", root, "--no-color", "--ignore", "ra2.ch.008");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("[SKIP]    ra2.ch.008   Physical CPU Quantity") && r.out().contains(
                "ignored by operator"), r.out());
    }

    @Test
    void failOnAddsWarnAndUnknown() {
        tree.disk("sda", 1_000_000_000_000L, true);
        assertEquals(0, Cli.run("check", "--root", root).exit());
        assertEquals(1, Cli.run("check", "--root", root, "--fail-on", "warn").exit());
        tree.delete("/sys/firmware/dmi/tables");
        assertEquals(0, Cli.run("check", "--root", root, "--ignore", "ra2.ch.009").exit());
        assertEquals(1, Cli.run("check", "--root", root, "--ignore", "ra2.ch.009", "--fail-on", "fail,unknown").exit());
    }

    @Test
    void jsonOutputIsAValidReportWrittenToOut() throws Exception {
        Path out = dir.resolve("report.json");
        Cli r = Cli.run("check", "--root", root, "--profile", "network-intensive", "--output", "json", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        NodeReport report = new ReportJson().read(Files.readAllBytes(out));
        assertEquals("node-a", report.node());
        assertEquals("snapshot", report.root().kind());
        assertEquals(Status.PASS, report.verdict("ra2.ch.015").orElseThrow().status());
        assertEquals("Acme", report.inventory().vendor());
        assertEquals(4, report.inventory().nics().size());
    }

    @Test
    void junitOutputHasATestcasePerRequirementAndFailuresForFails() {
        tree.cpus(1, 8, 2, false).delete("/sys/firmware/dmi/tables");
        Cli r = Cli.run("check", "--root", root, "--output", "junit");
        assertEquals(1, r.exit());
        assertTrue(r.out().startsWith("<?xml"), r.out());
        // the 34 node verdicts, then every other requirement of the chapter as a skipped testcase saying who decides it
        int all = io.ra2check.report.RequirementCatalog.builtIn().all().size();
        assertEquals(all, r.out().split("<testcase ").length - 1);
        assertTrue(r.out().contains("<testsuites name=\"ra2check\" tests=\"" + all + "\""), r.out());
        assertTrue(r.out().contains("<failure type=\"FAIL\""));
        assertTrue(r.out().contains("<skipped message=\"MANUAL: "));
        assertTrue(r.out().contains("<testcase classname=\"ra2check.external\" name=\"ra2.k8s.001 Kubernetes "
                + "conformance\">\n      <skipped message=\"external: Kubernetes conformance with Sonobuoy"), r.out());
    }

    @Test
    void textAndJsonShowWhatTheReportDoesNotJudge() throws Exception {
        Cli text = Cli.run("check", "--root", root, "--no-color");
        assertTrue(text.out().contains("Coverage: 166 requirements of RA2 chapter 4, 34 judged in this report; "
                + "not judged here (132):"), text.out());
        assertTrue(text.out().contains("  external (a named external test) (20): ra2.k8s.001,"), text.out());
        assertTrue(text.out().contains("ra2.plat.045"), text.out());
        Cli json = Cli.run("check", "--root", root, "--output", "json");
        var coverage = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).path("summary")
                .path("coverage");
        assertEquals(166, coverage.path("requirements").asInt(), json.out());
        assertEquals(34, coverage.path("inReport").asInt());
        assertEquals(132, coverage.path("notInReport").size());
        assertEquals("external", coverage.path("notInReport").path("ra2.k8s.001").asText());
        assertEquals(17, coverage.path("byFamily").path("ch").path("agent").asInt());
        int sum = 0;
        for (var n : coverage.path("byDisposition")) {
            sum += n.asInt();
        }
        assertEquals(166, sum);
    }

    @Test
    void aConfigFileSetsProfileConditionsIgnoresAndThresholds() throws Exception {
        Path cfg = dir.resolve("ra2check.yaml");
        Files.writeString(cfg, """
                profile: network-intensive
                conditions: {afxdp: true}
                ignore: [ra2.ch.016]
                thresholds:
                  ra2.ch.012: {minMemoryGiB: 128}
                """);
        Cli r = Cli.run("check", "--root", root, "--config", cfg.toString(), "--no-color");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("profile network-intensive"), r.out());
        assertTrue(r.out().contains("[FAIL]    ra2.ch.012"), r.out());
        assertTrue(r.out().contains("[PASS]    ra2.ch.019"), r.out());
        assertTrue(r.out().contains("[SKIP]    ra2.ch.016"), r.out());
    }

    @Test
    void badArgumentsAndInputsGiveOneLineAndExitTwo() throws Exception {
        assertBad(Cli.run("check", "--root", dir.resolve("nope").toString()), "does not exist");
        assertBad(Cli.run("check", "--root", root, "--profile", "gold"), "unknown profile 'gold'");
        assertBad(Cli.run("check", "--root", root, "--output", "xml"), "--output");
        assertBad(Cli.run("check", "--root", root, "--ignore", "ra2.ch.999"), "unknown requirement 'ra2.ch.999'");
        assertBad(Cli.run("check", "--root", root, "--fail-on", "sometimes"), "--fail-on");
        assertBad(Cli.run("check", "--bogus"), "Unknown option");
        assertBad(Cli.run("check", "--root", root, "--kubelet-config", dir.resolve("none.yaml").toString()),
                "--kubelet-config");
        Path notTar = Files.writeString(dir.resolve("x.txt"), "x");
        assertBad(Cli.run("check", "--root", notTar.toString()), "neither a directory nor a snapshot");
        Path badGz = Files.writeString(dir.resolve("x.tar.gz"), "not gzip");
        assertBad(Cli.run("check", "--root", badGz.toString()), "not a gzip file");
        assertBad(Cli.run("check", "--root", root, "--out", dir.resolve("no/such/dir/r.txt").toString()), "--out");
    }

    @Test
    void badConfigFilesAreNamedWithTheKey() throws Exception {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, "thresholds:\n  ra2.ch.012: {minMemoryGiB: lots}\n");
        assertBad(Cli.run("check", "--root", root, "--config", cfg.toString()),
                "thresholds: ra2.ch.012 threshold minMemoryGiB: expected a number, got a string");
        Files.writeString(cfg, "profiles: basic\n");
        assertBad(Cli.run("check", "--root", root, "--config", cfg.toString()), "unknown key 'profiles'");
        Files.writeString(cfg, "conditions: {gpus: true}\n");
        assertBad(Cli.run("check", "--root", root, "--config", cfg.toString()), "unknown condition");
        Files.writeString(cfg, "ignore: [ra2.ch.1]\n");
        assertBad(Cli.run("check", "--root", root, "--config", cfg.toString()), "unknown requirement");
        Files.writeString(cfg, "a: [b\n");
        assertBad(Cli.run("check", "--root", root, "--config", cfg.toString()), "not valid YAML");
        assertBad(Cli.run("check", "--root", root, "--config", dir.resolve("missing.yaml").toString()),
                "cannot be read");
    }

    @Test
    void garbageInSysfsFilesGivesUnknownNotFailOrACrash() {
        tree.write("/sys/devices/system/cpu/cpu3/topology/physical_package_id", "\u0000\u00ffgarbage\n");
        tree.write("/sys/devices/system/cpu/smt/active", "maybe\n");
        tree.write("/proc/meminfo", "MemTotal: lots\n");
        tree.delete("/sys/firmware/dmi/tables").delete("/sys/devices/system/memory");
        tree.writeBytes("/sys/firmware/dmi/tables/DMI", new byte[] {17, 100, 0, 0, 1});
        Cli r = Cli.run("check", "--root", root, "--no-color");
        assertTrue(r.out().contains("[UNKNOWN] ra2.ch.008"), r.out());
        assertTrue(r.out().contains("[UNKNOWN] ra2.ch.012"), r.out());
        assertTrue(r.out().contains("[UNKNOWN] ra2.ch.016"), r.out());
        assertFalse(r.out().contains("internal error"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void versionAndHelp() {
        assertTrue(Cli.run("--version").out().startsWith("ra2check "));
        Cli help = Cli.run("check", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--fail-on"));
    }

    private static void assertBad(Cli r, String expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.oneLineError(expected), "stderr was: " + r.err());
    }
}
