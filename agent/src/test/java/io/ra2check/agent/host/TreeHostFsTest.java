package io.ra2check.agent.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeHostFsTest {
    @TempDir
    Path root;

    private void file(String path, String content) throws Exception {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void absoluteLinksStayInsideTheTree() throws Exception {
        file("/usr/lib/os-release", "ID=inside\n");
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/os-release"), Path.of("/usr/lib/os-release"));
        DirectoryHostFs fs = new DirectoryHostFs(root, false, null);
        assertEquals("ID=inside\n", fs.readString("/etc/os-release"));
    }

    @Test
    void dotDotCannotClimbOutOfTheRoot() throws Exception {
        file("/etc/passwd", "tree's own\n");
        DirectoryHostFs fs = new DirectoryHostFs(root, false, null);
        assertEquals("tree's own\n", fs.readString("/../../../../etc/passwd"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("../../../../../../etc"));
        assertEquals("tree's own\n", fs.readString("/escape/passwd"));
    }

    @Test
    void flattenedLinksOfAGitCheckoutAreFollowed() throws Exception {
        // sys/bus/pci/devices/X is a regular file holding the link target, as in the ../shared/hosts captures
        file("/sys/devices/pci0000:00/0000:00:03.0/vendor", "0x8086\n");
        file("/sys/bus/pci/devices/0000:00:03.0", "../../../devices/pci0000:00/0000:00:03.0");
        file("/sys/devices/pci0000:00/0000:00:03.0/driver", "../../../bus/pci/drivers/i40e");
        DirectoryHostFs fs = new DirectoryHostFs(root, false, null);
        assertEquals("0x8086\n", fs.readString("/sys/bus/pci/devices/0000:00:03.0/vendor"));
        assertTrue(fs.isDirectory("/sys/bus/pci/devices/0000:00:03.0"));
        assertEquals("../../../bus/pci/drivers/i40e", fs.readLink("/sys/bus/pci/devices/0000:00:03.0/driver"));
    }

    @Test
    void aFileThatLooksLikeDataIsNotTakenForALink() throws Exception {
        file("/proc/cmdline", "root=/dev/sda1 ro\n");
        file("/sys/x/uevent", "/dev/sda\n");
        DirectoryHostFs fs = new DirectoryHostFs(root, false, null);
        assertEquals("root=/dev/sda1 ro\n", fs.readString("/proc/cmdline"));
        assertEquals("/dev/sda\n", fs.readString("/sys/x/uevent"));
        assertNull(TreeHostFs.flattenedLink("two words".getBytes(StandardCharsets.UTF_8)));
        assertEquals("../a", TreeHostFs.flattenedLink("../a\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void linkLoopsEndWithAnError() throws Exception {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        DirectoryHostFs fs = new DirectoryHostFs(root, false, null);
        assertThrows(java.io.IOException.class, () -> fs.read("/a"));
        assertFalse(fs.exists("/a/x"));
    }

    @Test
    void missingAndDirectoryErrors() throws Exception {
        file("/sys/f", "x");
        DirectoryHostFs fs = new DirectoryHostFs(root, false, null);
        assertThrows(NoSuchFileException.class, () -> fs.read("/nope"));
        assertThrows(NoSuchFileException.class, () -> fs.read("/sys/f/below"));
        assertThrows(java.nio.file.FileSystemException.class, () -> fs.read("/sys"));
        assertEquals(List.of("f"), fs.list("/sys"));
    }

    @Test
    void aCapturedTreeHasNoFilesystemStatistics() throws Exception {
        DirectoryHostFs fs = new DirectoryHostFs(root, false, null);
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> fs.statvfs("/"));
        assertTrue(e.getMessage().contains("captured tree"));
    }

    @Test
    void anArchiveReadsLikeTheTreeItCameFrom() throws Exception {
        ArchiveHostFs fs = new ArchiveHostFs(List.of(
                ArchiveMember.file("sys/devices/pci0000:00/0000:00:03.0/vendor", "0x1af4\n".getBytes()),
                ArchiveMember.symlink("sys/bus/pci/devices/0000:00:03.0", "../../../devices/pci0000:00/0000:00:03.0"),
                ArchiveMember.symlink("etc/os-release", "/usr/lib/os-release"),
                ArchiveMember.file("usr/lib/os-release", "ID=debian\n".getBytes()),
                ArchiveMember.directory("var/lib/containerd")));
        assertEquals("0x1af4", fs.readLine("/sys/bus/pci/devices/0000:00:03.0/vendor"));
        assertEquals(List.of("0000:00:03.0"), fs.list("/sys/bus/pci/devices"));
        assertEquals("ID=debian\n", fs.readString("/etc/os-release"));
        assertTrue(fs.isDirectory("/var/lib/containerd"));
        assertTrue(fs.isDirectory("/var/lib"));
        assertFalse(fs.exists("/var/lib/docker"));
        assertThrows(NoSuchFileException.class, () -> fs.read("/proc/cpuinfo"));
    }

    @Test
    void replayedErrorsAnswerAsTheLiveHostDid() throws Exception {
        ArchiveHostFs files = new ArchiveHostFs(List.of(ArchiveMember.file("a", "1".getBytes())));
        ReplayedErrorsHostFs fs = new ReplayedErrorsHostFs(files, Map.of(
                "/sys/firmware/dmi/tables/DMI", "permission denied", "/sys/class/net/eth1/speed", "Invalid argument"));
        assertThrows(AccessDeniedException.class, () -> fs.read("/sys/firmware/dmi/tables/DMI"));
        java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
                () -> fs.read("/sys/class/net/eth1/speed"));
        assertEquals("Invalid argument", Fs.why(e));
        assertEquals("1", fs.readString("/a"));
    }

    @Test
    void aFileLargerThanAnyAProbeReadsIsAnErrorNotAHeapFull() throws Exception {
        Path big = root.resolve("proc/cpuinfo");
        Files.createDirectories(big.getParent());
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(HostFs.MAX_FILE_BYTES + 1L); // sparse: no 8 MiB written
        }
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> new DirectoryHostFs(root, false, null).read("/proc/cpuinfo"));
        assertEquals("larger than 8 MiB, more than any file a probe reads", Fs.why(e));
        e = assertThrows(java.io.IOException.class, () -> new LiveHostFs().read(big.toString()));
        assertEquals("larger than 8 MiB, more than any file a probe reads", Fs.why(e));
        Files.write(big, new byte[HostFs.MAX_FILE_BYTES]);
        assertEquals(HostFs.MAX_FILE_BYTES, new DirectoryHostFs(root, false, null).read("/proc/cpuinfo").length);
    }

    @Test
    void aLinkFanOutInATreeStopsAtTheBudget() throws Exception {
        Path x = Files.createDirectories(root.resolve("x"));
        for (int i = 0; i < 20; i++) {
            Files.createSymbolicLink(x.resolve("l" + i), Path.of(String.join("/",
                    java.util.Collections.nCopies(4, "l" + (i + 1)))));
        }
        Files.createSymbolicLink(x.resolve("l20"), Path.of("."));
        DirectoryHostFs fs = new DirectoryHostFs(root, false, null);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
                    () -> fs.read("/x/l0/cpuinfo"));
            assertEquals("too many levels of symbolic links", e.getReason());
            assertFalse(fs.exists("/x/l0"));
            assertTrue(fs.isDirectory("/x/l18"), "21 expansions: within the budget");
        });
    }
}
