package io.ra2check.nativeprobes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link NativeProbeMain} in a fresh JVM, for what one JVM cannot show twice: the probes working for a user
 * without privileges or capabilities, and JNA failing to load.
 */
class ChildJvmProbeTest {
    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    @TempDir
    Path work;

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean runningAsRoot() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return line.split("\\s+")[1].equals("0");
            }
        }
        return false;
    }

    /** This module's classes and the JNA jar, copied where any user can read them (~/.m2 is root's). */
    private String worldReadableClasspath() throws IOException, URISyntaxException {
        Path classes = work.resolve("classes");
        Path sourceClasses = codeSource(NativeProbeMain.class);
        try (Stream<Path> tree = Files.walk(sourceClasses)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                Path target = classes.resolve(sourceClasses.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path jna = work.resolve("jna.jar");
        Files.copy(codeSource(Native.class), jna, StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> tree = Files.walk(work)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return classes + ":" + jna;
    }

    private static String run(List<String> command, List<String> environment) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        for (String assignment : environment) {
            String[] pair = assignment.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        return text;
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + output));
    }

    @Test
    void probesWorkForAnUnprivilegedUserWithoutCapabilities() throws Exception {
        assumeTrue(runningAsRoot(), "dropping privileges needs root");
        assumeTrue(Files.isExecutable(SETPRIV), "no setpriv");
        assumeTrue(Files.exists(SYS_CLASS_NET.resolve("eth0/device/driver")), "no eth0 with a driver");
        String driver = Files.readSymbolicLink(SYS_CLASS_NET.resolve("eth0/device/driver")).getFileName().toString();
        NativeNetworkReport asRoot = NativeNetworkProbe.probe(List.of("eth0"));

        String classpath = worldReadableClasspath();
        Path jnaTmp = Files.createDirectory(work.resolve("jna-tmp"));
        Files.setPosixFilePermissions(jnaTmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> command = new ArrayList<>(List.of(SETPRIV.toString(),
                "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
                "--", "/bin/sh", "-c", "grep -E '^(Uid|Gid|CapInh|CapPrm|CapEff|CapBnd|CapAmb):' /proc/self/status;"
                        + " exec \"$0\" \"$@\"",
                java(), "-Djna.tmpdir=" + jnaTmp, "-cp", classpath, NativeProbeMain.class.getName(),
                "eth0", "lo"));
        String output = run(command, List.of());

        assertTrue(line(output, "Uid:").matches("Uid:\\s+65534\\s+65534\\s+65534\\s+65534"), output);
        for (String set : List.of("CapInh:", "CapPrm:", "CapEff:", "CapBnd:", "CapAmb:")) {
            assertTrue(line(output, set).endsWith("0000000000000000"), line(output, set));
        }
        assertTrue(line(output, "  driver:  ").startsWith("  driver:  " + driver + " "), output);
        assertEquals("  driver:  " + NativeProbeMain.describe(asRoot.interfaces().get(0).driverInfo()),
                line(output, "  driver:  "), "the same answer as for root");
        if (asRoot.netdevFamilyAvailable()) {
            assertEquals("netdev family: available", line(output, "netdev family:"));
            assertTrue(!line(output, "  xdp:     ").startsWith("  xdp:     unknown"), output);
        }
        assertTrue(output.contains("  link:    via GLINKSETTINGS"), output);
    }

    @Test
    void jnaThatCannotUnpackBecomesTheReasonOfEveryFact() throws Exception {
        // What a read-only container without a writable temp dir looks like to JNA: nowhere to unpack libjnidispatch
        String classpath = worldReadableClasspath();
        String output = run(List.of(java(), "-Djava.io.tmpdir=/proc/self", "-cp", classpath,
                NativeProbeMain.class.getName(), "eth0", "lo"), List.of("XDG_CACHE_HOME=/proc/self/no-cache"));

        String reason = "native library could not be loaded: java.lang.UnsatisfiedLinkError:";
        assertTrue(line(output, "netdev family:").startsWith("netdev family: unavailable: " + reason), output);
        assertEquals(2, output.lines().filter(l -> l.startsWith("  driver:  unknown: " + reason)).count(), output);
        assertEquals(2, output.lines().filter(l -> l.startsWith("  link:    unknown: " + reason)).count(), output);
        assertEquals(2, output.lines().filter(l -> l.startsWith("  xdp:     unknown: " + reason)).count(), output);
        assertTrue(output.contains("is not writable"), output);
    }

    @Test
    void aSecondProbeAfterAFailedLoadStillAnswersWithAReason() throws Exception {
        String classpath = worldReadableClasspath();
        String output = run(List.of(java(), "-Djava.io.tmpdir=/proc/self", "-cp", classpath,
                NativeProbeMain.class.getName(), "--warm", "3", "eth0"), List.of("XDG_CACHE_HOME=/proc/self/no-cache"));
        // 2003 passes, all after the first meeting a class whose initialisation failed (NoClassDefFoundError)
        assertTrue(line(output, "interfaces=").contains("passes=3"), output);
    }

    @Test
    void preUnpackedLibraryNeedsNoWritableDirectory() throws Exception {
        String classpath = worldReadableClasspath();
        Path bootPath = Files.createDirectory(work.resolve("jnidispatch"));
        String resource = "/com/sun/jna/" + com.sun.jna.Platform.RESOURCE_PREFIX + "/libjnidispatch.so";
        try (var in = Native.class.getResourceAsStream(resource)) {
            assumeTrue(in != null, "no libjnidispatch for this platform in the JNA jar");
            Files.copy(in, bootPath.resolve("libjnidispatch.so"));
        }
        String output = run(List.of(java(), "-Djava.io.tmpdir=/proc/self", "-Djna.boot.library.path=" + bootPath,
                "-Djna.nounpack=true", "-cp", classpath, NativeProbeMain.class.getName(), "lo"),
                List.of("XDG_CACHE_HOME=/proc/self/no-cache"));
        assertTrue(!output.contains("native library could not be loaded"), output);
        assertEquals("  driver:  unknown: EOPNOTSUPP (operation not supported by interface lo)",
                line(output, "  driver:  "));
    }
}
