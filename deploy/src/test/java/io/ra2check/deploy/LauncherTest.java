package io.ra2check.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ./ra2check launcher: it makes a class-data archive once per JVM and jar, on Java 17 and on the JDK 25 beside
 * it, and when making one fails it says so once and runs without it instead of retraining on every call.
 */
class LauncherTest {
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run launch(Path javaHome, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", Chart.projectDir().resolve("ra2check").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("RA2CHECK_CDS_DIR", dir.resolve("cds").toString());
        env.put("RA2CHECK_JAR", jar().toString());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the launcher did not finish");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path jar() {
        Path jar = Chart.projectDir().resolve("agent/target/ra2check.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build with mvn -pl deploy -am verify");
        return jar;
    }

    private List<Path> cds(String suffix) throws IOException {
        Path d = dir.resolve("cds");
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void makesOneArchivePerJvmThatTheNextCallMaps() throws Exception {
        Path jdk17 = Path.of(System.getProperty("java.home"));
        assertEquals(0, launch(jdk17, "--version").exit());
        assertEquals(1, cds(".jsa").size(), "an archive for this JVM");
        Run mapped = launch(jdk17, "--version");
        assertEquals("", mapped.err());
        assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "no JDK 25 at " + JDK25);
        Run first25 = launch(JDK25, "--version");
        assertEquals(0, first25.exit(), first25.err());
        assertEquals("", first25.err(), "JDK 25 makes its archive without complaint");
        assertTrue(first25.out().contains("Java 25"), first25.out());
        assertEquals(2, cds(".jsa").size(), "one archive per JVM: switching JAVA_HOME keeps both");
        assertTrue(cds(".failed").isEmpty());
    }

    @Test
    void aFailedArchiveIsSaidOnceAndNotRetriedOnEveryCall() throws Exception {
        // a JVM that runs everything but refuses to dump an archive
        Path home = dir.resolve("jdk");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path real = Path.of(System.getProperty("java.home"), "bin", "java");
        Path fake = bin.resolve("java");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = -Xshare:dump ] && { echo 'class list format error' >&2;"
                + " exit 1; }; done\nexec " + real + " \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run first = launch(home, "--version");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("ra2check "), "the command still runs");
        List<String> lines = first.err().lines().toList();
        assertEquals(1, lines.size(), first.err());
        assertTrue(lines.get(0).startsWith("ra2check: could not make the class-data archive for " + fake), lines.get(0));
        assertEquals(1, cds(".failed").size());
        assertTrue(Files.readString(cds(".log").get(0)).contains("class list format error"), "the JVM's words kept");
        Run second = launch(home, "--version");
        assertEquals(0, second.exit());
        assertEquals("", second.err(), "said once, not on every call");
        assertTrue(cds(".jsa").isEmpty());
        assertFalse(Files.exists(dir.resolve("cds/ra2check.jsa")));
    }
}
