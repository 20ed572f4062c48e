package io.ra2check.agent.cli;

import io.ra2check.agent.testing.HostTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What people expect of a command line: version with commit, suggestions, completion, a man page, a summary. */
class CliConventionsTest {
    @TempDir
    Path dir;

    @Test
    void versionNamesTheReleaseTheCommitAndTheJava() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.exit());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("ra2check \\S+"), r.out());
        assertTrue(lines.get(1).matches("commit [0-9a-f]{7,40}( \\(.+\\))?|commit unknown \\(.*\\)"), r.out());
        assertTrue(lines.get(2).startsWith("Java " + System.getProperty("java.version")), r.out());
    }

    @Test
    void aPlaceholderTheBuildDidNotFillIsNoCommit() {
        assertTrue(io.ra2check.agent.Version.commit().isEmpty()
                || io.ra2check.agent.Version.commit().get().matches("[0-9a-f]{7,40}"));
        assertFalse(io.ra2check.agent.VersionAccess.unfiltered("${git.commit.id.abbrev}").isPresent());
        assertFalse(io.ra2check.agent.VersionAccess.unfiltered("  ").isPresent());
        assertEquals("abc1234", io.ra2check.agent.VersionAccess.unfiltered("abc1234\n").orElseThrow());
    }

    @Test
    void aMistypedCommandSuggestsTheNearestOne() {
        Cli r = Cli.run("chek", "--root", "/");
        assertEquals(Main.EXIT_UNUSABLE, r.exit());
        assertTrue(r.oneLineError("did you mean 'check'"), r.err());
        Cli s = Cli.run("snapshto");
        assertTrue(s.oneLineError("did you mean 'snapshot'"), s.err());
    }

    @Test
    void anUnknownShellIsABadArgument() {
        Cli r = Cli.run("completion", "fish");
        assertEquals(Main.EXIT_UNUSABLE, r.exit());
        assertTrue(r.oneLineError("expected bash or zsh, got 'fish'"), r.err());
    }

    @Test
    void bashCompletesCommandsAndOptions() throws Exception {
        assumeTrue(onPath("bash"), "bash not installed");
        Path script = dir.resolve("ra2check.bash");
        assertEquals(0, Cli.run("completion", "bash", "--out", script.toString()).exit());
        assertEquals(List.of("check"), complete(script, "ra2check", "che"));
        assertTrue(complete(script, "ra2check", "").containsAll(List.of("check", "snapshot", "accept", "facts")));
        assertTrue(complete(script, "ra2check", "check", "--ou").containsAll(List.of("--out", "--output")));
        assertTrue(complete(script, "ra2check", "accept", "--").contains("--junit"));
        assertEquals(List.of("workload"), complete(script, "ra2check", "work"));
        assertTrue(complete(script, "ra2check", "workload", "--").containsAll(List.of("--allow", "--output",
                "--fail-on")));
    }

    @Test
    void zshGetsTheSameScriptThroughBashcompinit() {
        Cli z = Cli.run("completion", "zsh");
        assertEquals(0, z.exit());
        assertTrue(z.out().contains("bashcompinit"), "picocli's script loads bashcompinit under zsh");
        assertTrue(z.out().contains("complete -F _complete_ra2check"));
    }

    @Test
    void theManPageIsValidRoffAndCoversEveryCommandAndOption() throws Exception {
        Cli r = Cli.run("manpage");
        assertEquals(0, r.exit(), r.err());
        for (String command : List.of("check", "facts", "snapshot", "agent", "accept", "workload", "completion")) {
            assertTrue(r.out().contains(".SS " + command + "\n"), command);
        }
        for (String option : List.of("\\-\\-root", "\\-\\-output", "\\-\\-fail\\-on", "\\-\\-kubelet\\-config",
                "\\-\\-profile", "\\-\\-include\\-serials", "\\-\\-jobs", "\\-\\-allow")) {
            assertTrue(r.out().contains(".B " + option) || r.out().contains(", " + option), option);
        }
        assertTrue(r.out().contains(".SH EXIT STATUS"));
        assumeTrue(onPath("groff"), "groff not installed");
        Path page = dir.resolve("ra2check.1");
        Files.writeString(page, r.out());
        Process p = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", page.toString())
                .redirectErrorStream(true).start();
        String warnings = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("", warnings, "groff warnings");
        assertEquals(0, p.exitValue());
    }

    @Test
    void roffEscapesWhatWouldBeMarkup() {
        assertEquals("\\&.hidden", ManPage.escape(".hidden"));
        assertEquals("\\&'quote", ManPage.escape("'quote"));
        assertEquals("a\\ea \\-\\-b", ManPage.escape("a\\a --b"));
    }

    @Test
    void aReportWrittenToAFileIsSummarisedOnStandardError() throws IOException {
        HostTree tree = HostTree.compliant(dir.resolve("host"));
        Path out = dir.resolve("r.json");
        Cli r = Cli.run("check", "--root", tree.root().toString(), "--output", "json", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.size(out) > 0);
        assertEquals("", r.out());
        String line = r.err().strip();
        assertTrue(line.matches("ra2check: wrote json report to " + java.util.regex.Pattern.quote(out.toString())
                + ": \\d+ PASS(, \\d+ [A-Z_]+)*; exit 0"), line);

        tree.cpus(1, 8, 2, false).delete("/sys/firmware/dmi/tables");
        Cli failing = Cli.run("check", "--root", tree.root().toString(), "--out", out.toString());
        assertEquals(1, failing.exit());
        assertTrue(failing.err().strip().matches(".*\\d+ FAIL.*; exit 1"), failing.err());
    }

    @Test
    void standardOutputGetsNoSummary() {
        HostTree tree = HostTree.compliant(dir.resolve("host"));
        Cli r = Cli.run("check", "--root", tree.root().toString(), "--no-color");
        assertEquals("", r.err());
    }

    private static List<String> complete(Path script, String... words) throws Exception {
        String array = String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String cmd = "source '" + script + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + String.join(" ", words) + "'; COMP_POINT=${#COMP_LINE}; _complete_ra2check; "
                + "printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
