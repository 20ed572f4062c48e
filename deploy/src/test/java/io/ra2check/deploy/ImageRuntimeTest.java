package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the image build does, done on this machine without Docker: the jlink'd runtime (build-runtime.sh) from the
 * agent jar, the CDS archive (make-cds-archive.sh), then the image's ENTRYPOINT command line, with /opt mapped into
 * a temporary directory. Shows the module list is enough for a real check and that the archive maps.
 *
 * <p>Needs agent/target/ra2check.jar, which the reactor's package phase makes before this module's tests
 * ({@code mvn -pl deploy -am verify}), and a JDK with jmods (jlink's input).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageRuntimeTest {
    Path image;
    Path java;
    Path jar;
    Path archive;
    Path scratch;

    @BeforeAll
    void buildTheRuntimeAndArchiveAsTheDockerfileDoes(@TempDir Path dir) throws Exception {
        image = dir;
        Path agentJar = Chart.projectDir().resolve("agent/target/ra2check.jar");
        assertTrue(Files.isRegularFile(agentJar), agentJar + " is missing: build with mvn -pl deploy -am verify "
                + "(the agent's package phase makes it)");
        Path jdk = Path.of(System.getProperty("java.home"));
        assertTrue(Files.isDirectory(jdk.resolve("jmods")), jdk + " has no jmods: jlink needs a full JDK");

        Path opt = image.resolve("opt");
        Files.createDirectories(opt.resolve("ra2check"));
        jar = Files.copy(agentJar, opt.resolve("ra2check/ra2check.jar"));
        archive = opt.resolve("ra2check/ra2check.jsa");
        scratch = Files.createDirectories(image.resolve("tmp"));
        Path scripts = Chart.projectDir().resolve("deploy/image");

        Result runtime = run(List.of("sh", scripts.resolve("build-runtime.sh").toString(),
                opt.resolve("java").toString(), jar.toString()), jdk);
        assertEquals(0, runtime.exit(), runtime.output());
        java = opt.resolve("java/bin/java");
        Result cds = run(List.of("sh", scripts.resolve("make-cds-archive.sh").toString(), java.toString(),
                jar.toString(), archive.toString()), jdk);
        assertEquals(0, cds.exit(), cds.output());
    }

    /** The Dockerfile's ENTRYPOINT with /opt and /tmp mapped here, and -Xshare:on so a non-mapping archive fails. */
    private List<String> entrypoint() throws IOException {
        List<String> argv = new ArrayList<>();
        for (String a : Dockerfile.read(Chart.projectDir().resolve("Dockerfile")).finalStage().last("ENTRYPOINT")
                .execForm()) {
            if (a.equals("-Djna.tmpdir=/tmp")) {
                argv.add("-Djna.tmpdir=" + scratch);
            } else if (a.equals("-Xshare:auto")) {
                argv.add("-Xshare:on");
            } else {
                argv.add(a.replace("/opt/", image.resolve("opt") + "/"));
            }
        }
        return argv;
    }

    @Test
    void theRuntimeHoldsNoDevelopmentTools() throws IOException {
        Path bin = java.getParent();
        for (String tool : List.of("javac", "jlink", "jar", "jdeps", "jshell")) {
            assertFalse(Files.exists(bin.resolve(tool)), "the runtime contains " + tool);
        }
        String release = Files.readString(bin.getParent().resolve("release"));
        assertTrue(release.contains("jdk.crypto.ec") && release.contains("java.base"), release);
        assertFalse(release.contains("jdk.compiler"), release);
    }

    @Test
    void theEntrypointStartsTheCliFromTheArchive() throws Exception {
        Path log = image.resolve("class-load.log");
        List<String> argv = new ArrayList<>(entrypoint());
        argv.add(1, "-Xlog:class+load=info:file=" + log);
        argv.add("--version");
        Result r = run(argv, null);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().startsWith("ra2check "), r.output());
        String loads = Files.readString(log);
        assertTrue(loads.contains("io.ra2check.agent.cli.Main source: shared objects file"),
                "the CLI's main class did not come from the archive");
    }

    @Test
    void theRuntimesModulesAreEnoughForARealCheck() throws Exception {
        List<String> argv = new ArrayList<>(entrypoint());
        argv.addAll(List.of("check", "--output", "json"));
        Result r = run(argv, null);
        // 0: this machine meets its profile, 1: it fails requirements; 2 would be "could not run"
        assertTrue(r.exit() == 0 || r.exit() == 1, "exit " + r.exit() + ": " + r.output());
        JsonNode report = JsonMapper.builder().build().readTree(r.stdout());
        assertTrue(report.path("verdicts").isArray() && report.path("verdicts").size() > 10, r.stdout());
    }

    record Result(int exit, String stdout, String output) {
    }

    private Result run(List<String> command, Path javaHome) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (javaHome != null) {
            pb.environment().put("JAVA_HOME", javaHome.toString());
        }
        Path out = Files.createTempFile(image, "out", ".txt");
        Path err = Files.createTempFile(image, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        return new Result(p.exitValue(), stdout, stdout + Files.readString(err, StandardCharsets.UTF_8));
    }
}
