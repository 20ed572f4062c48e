package io.ra2check.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dockerfile, read rather than built (no Docker daemon here): multi-stage, pinned bases, a non-root default
 * user, no build tools in the final stage, and an ENTRYPOINT with the launcher's JVM flags and the archive the
 * final stage makes. ImageRuntimeTest runs the stages' scripts themselves.
 */
class DockerfileTest {
    private Dockerfile dockerfile;
    private Dockerfile.Stage build;
    private Dockerfile.Stage runtime;

    @BeforeEach
    void read() throws IOException {
        dockerfile = Dockerfile.read(Chart.projectDir().resolve("Dockerfile"));
        build = dockerfile.stages().get(0);
        runtime = dockerfile.finalStage();
    }

    /** The JVM flags of ./ra2check (its {@code flags=(...)} array), the source the image must agree with. */
    static List<String> launcherFlags() throws IOException {
        String launcher = Files.readString(Chart.projectDir().resolve("ra2check"));
        Matcher m = Pattern.compile("(?m)^flags=\\(([^)]*)\\)").matcher(launcher);
        assertTrue(m.find(), "./ra2check has no flags=(...) array");
        return List.of(m.group(1).trim().split("\\s+"));
    }

    /** The make-cds-archive.sh RUN of the final stage: its arguments JAVA JAR ARCHIVE. */
    private List<String> cdsArguments() {
        for (Dockerfile.Instruction run : runtime.all("RUN")) {
            List<String> w = run.words();
            int script = w.indexOf(w.stream().filter(s -> s.endsWith("/make-cds-archive.sh")).findFirst().orElse(""));
            if (script >= 0) {
                return w.subList(script + 1, script + 4);
            }
        }
        throw new AssertionError("the final stage does not run make-cds-archive.sh");
    }

    @Test
    void buildsInOneStageAndRunsInAnother() {
        assertEquals(2, dockerfile.stages().size());
        assertEquals("build", build.name());
        assertTrue(build.image().startsWith("maven:"), build.image());
        assertTrue(runtime.all("COPY").stream().allMatch(c -> c.arguments().startsWith("--from=build ")),
                "the final stage takes everything from the build stage, nothing from the context");
    }

    @Test
    void theBaseImagesAreBuildArgumentsWithThePublicImagesAsDefaults() {
        // deploy/image/build-local.sh builds this Dockerfile on stand-in bases made from Debian packages
        assertEquals("${BUILD_IMAGE}", build.from());
        assertEquals("${RUNTIME_IMAGE}", runtime.from());
        assertEquals("maven:3.9.9-eclipse-temurin-17", dockerfile.globalArgs().get("BUILD_IMAGE"));
        assertTrue(dockerfile.globalArgs().get("RUNTIME_IMAGE").startsWith("debian:12."),
                dockerfile.globalArgs().toString());
        assertTrue(build.all("ARG").stream().anyMatch(a -> a.arguments().startsWith("MAVEN_FLAGS")),
                "the build stage takes extra Maven flags");
        String mvn = build.all("RUN").stream().map(Dockerfile.Instruction::arguments).filter(a -> a.contains("mvn "))
                .findFirst().orElseThrow();
        assertTrue(mvn.contains("${MAVEN_FLAGS}"), mvn);
    }

    @Test
    void everyBaseImageIsPinnedToAnExactVersion() {
        for (Dockerfile.Stage s : dockerfile.stages()) {
            String image = s.image();
            String tag = image.substring(image.lastIndexOf('/') + 1);
            assertTrue(tag.contains(":") || image.contains("@sha256:"), image + " has no tag");
            String version = tag.substring(tag.indexOf(':') + 1);
            assertFalse(version.equals("latest"), image);
            // "12-slim" or "3-eclipse-temurin-17" float to whatever is newest; an exact version has a dot
            assertTrue(version.matches("\\d+\\.\\d+(\\.\\d+)?[-.\\w]*") || image.contains("@sha256:"),
                    image + " is not an exact version");
        }
    }

    @Test
    void theFinalStageHasNoBuildToolsAndOnlyTheRuntimeAndJars() {
        String finalImage = runtime.image().toLowerCase(Locale.ROOT);
        assertFalse(finalImage.contains("maven") || finalImage.contains("jdk"), runtime.image());
        for (Dockerfile.Instruction run : runtime.all("RUN")) {
            for (String tool : List.of("mvn", "maven", "javac", "jlink", "gradle", "apt-get", "apk ", "gcc")) {
                assertFalse(run.arguments().contains(tool), "the final stage runs " + tool + ": " + run.arguments());
            }
        }
        for (Dockerfile.Instruction copy : runtime.all("COPY")) {
            List<String> w = copy.words();
            List<String> sources = w.subList(1, w.size() - 1);
            for (String source : sources) {
                assertTrue(source.equals("/opt/java") || source.matches("/src/\\w+/target/[\\w-]+\\.jar"),
                        "the final stage copies " + source + ": only the jlink'd runtime and the jars belong there");
            }
        }
    }

    @Test
    void theDefaultUserIsNotRoot() {
        String user = runtime.last("USER").arguments();
        String[] ids = user.split(":");
        assertTrue(ids[0].matches("\\d+") && Integer.parseInt(ids[0]) > 999, "USER " + user);
        assertTrue(ids.length == 2 && Integer.parseInt(ids[1]) > 999, "USER " + user + " needs a non-root group");
    }

    @Test
    void theEntrypointUsesTheLaunchersFlagsAndTheArchiveTheImageMakes() throws IOException {
        List<String> entrypoint = runtime.last("ENTRYPOINT").execForm();
        List<String> cds = cdsArguments();
        String java = cds.get(0);
        String jar = cds.get(1);
        String archive = cds.get(2);
        List<String> flags = launcherFlags();
        assertEquals(java, entrypoint.get(0));
        assertEquals(flags, entrypoint.subList(1, 1 + flags.size()), "ENTRYPOINT flags differ from ./ra2check's");
        List<String> rest = entrypoint.subList(1 + flags.size(), entrypoint.size());
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Djna.tmpdir=/tmp", "-jar", jar),
                rest);
        assertTrue(runtime.all("COPY").stream().anyMatch(c -> c.arguments().endsWith(" " + Path.of(jar).getParent()
                + "/") && c.arguments().contains("/" + Path.of(jar).getFileName() + " ")), jar + " is not copied in");
    }

    @Test
    void theArchiveScriptDumpsWithTheLaunchersFlags() throws IOException {
        String script = Files.readString(Chart.projectDir().resolve("deploy/image/make-cds-archive.sh"));
        Matcher m = Pattern.compile("(?m)^flags=\"([^\"]*)\"").matcher(script);
        assertTrue(m.find(), "make-cds-archive.sh has no flags=\"...\"");
        assertEquals(launcherFlags(), List.of(m.group(1).trim().split("\\s+")));
    }

    @Test
    void theChartsCollectorCommandFindsItsJavaAndJarInTheImage() {
        // collector-deployment.yaml: /opt/java/bin/java ... -jar /opt/ra2check/ra2check-collector.jar
        assertTrue(runtime.all("COPY").stream().anyMatch(c -> c.words().equals(List.of("--from=build", "/opt/java",
                "/opt/java"))), "the runtime is not at /opt/java");
        assertTrue(runtime.all("COPY").stream().anyMatch(c -> c.arguments().contains("/ra2check-collector.jar ")
                && c.arguments().endsWith(" /opt/ra2check/")), "the collector jar is not at /opt/ra2check/");
        String mvn = build.all("RUN").stream().map(Dockerfile.Instruction::arguments).filter(a -> a.contains("mvn "))
                .findFirst().orElseThrow();
        assertTrue(mvn.contains("-pl agent,collector -am"), "the build makes both jars: " + mvn);
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndHistoryButNotTheSources() throws IOException {
        List<String> ignored = Files.readAllLines(Chart.projectDir().resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(ignored.contains("**/target/"), ignored.toString());
        assertTrue(ignored.contains(".git"), ignored.toString());
        for (String needed : List.of("pom.xml", "agent/src/main", "collector/src/main", "report-model/src/main",
                "native-probes/pom.xml", "deploy/pom.xml", "deploy/image")) {
            for (String pattern : ignored) {
                String prefix = pattern.replace("**/", "").replaceAll("/$", "");
                assertFalse(needed.equals(prefix) || needed.startsWith(prefix + "/"),
                        ".dockerignore pattern " + pattern + " leaves out " + needed);
            }
        }
    }
}
