package io.ra2check.agent.host;

import io.ra2check.agent.snapshot.ArchiveWriter;
import io.ra2check.agent.testing.HostileArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiveReaderTest {
    private static final String LONG = "sys/devices/pci0000:5d/0000:5d:02.0/0000:5e:00.0/0000:5f:03.0/0000:60:00.0/"
            + "net/enp96s0f0/queues/rx-0/rps_flow_cnt";

    @TempDir
    Path dir;

    static byte[] toBytes(List<ArchiveMember> members) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ArchiveWriter.write(members, b);
        return b.toByteArray();
    }

    static List<ArchiveMember> read(byte[] tar) throws IOException {
        return ArchiveReader.read(new ByteArrayInputStream(tar), ArchiveLimits.DEFAULT);
    }

    @Test
    void roundTripsFilesDirectoriesLinksAndLongNames() throws Exception {
        List<ArchiveMember> in = List.of(ArchiveMember.directory("var/lib/containerd"),
                ArchiveMember.file("proc/cpuinfo", "processor : 0\n".getBytes(StandardCharsets.UTF_8)),
                ArchiveMember.file(LONG, "4096\n".getBytes(StandardCharsets.UTF_8)),
                ArchiveMember.symlink("sys/bus/pci/devices/0000:60:00.0", "../../../" + LONG.substring(4, 80)),
                ArchiveMember.symlink("sys/class/net/enp96s0f0", "../../" + LONG.substring(4)),
                ArchiveMember.file("empty", new byte[0]),
                ArchiveMember.file("block", new byte[1024]));
        List<ArchiveMember> out = read(toBytes(in));
        assertEquals(in.size(), out.size());
        for (int i = 0; i < in.size(); i++) {
            assertEquals(in.get(i).path(), out.get(i).path());
            assertEquals(in.get(i).type(), out.get(i).type());
            assertArrayEquals(in.get(i).content(), out.get(i).content());
            assertEquals(in.get(i).linkTarget() == null ? "" : in.get(i).linkTarget(),
                    out.get(i).linkTarget() == null ? "" : out.get(i).linkTarget());
        }
    }

    @Test
    void readsWhatGnuTarWrites() throws Exception {
        // a real GNU tar archive with a long name (made with: tar --format=gnu -cf - <dir>)
        Path f = dir.resolve("a".repeat(120));
        Files.writeString(f, "hello");
        Process p = new ProcessBuilder("tar", "--format=gnu", "-C", dir.toString(), "-cf", "-",
                f.getFileName().toString()).redirectErrorStream(false).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "GNU tar not available");
        List<ArchiveMember> out = read(bytes);
        assertEquals("a".repeat(120), out.get(0).path());
        assertEquals("hello", new String(out.get(0).content(), StandardCharsets.UTF_8));
    }

    @Test
    void damagedArchivesGiveAMessageNotACrash() throws Exception {
        byte[] ok = toBytes(List.of(ArchiveMember.file("a", "x".repeat(2000).getBytes(StandardCharsets.UTF_8))));
        IOException e = assertThrows(IOException.class, () -> read(Arrays.copyOf(ok, 700)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] bad = ok.clone();
        bad[10] ^= 0x55;
        e = assertThrows(IOException.class, () -> read(bad));
        assertTrue(e.getMessage().contains("not a tar archive"), e.getMessage());
        e = assertThrows(IOException.class, () -> read(new byte[0]));
        assertEquals("empty archive", e.getMessage());
        assertThrows(IOException.class, () -> read(new byte[100]));
    }

    @Test
    void namesThatEscapeTheArchiveAreRefused() throws Exception {
        assertThrows(IOException.class, () -> ArchiveReader.normalize("../../etc/passwd"));
        assertEquals("etc/passwd", ArchiveReader.normalize("./etc/passwd"));
        assertEquals("etc", ArchiveReader.normalize("/etc/"));
        IOException e = assertThrows(IOException.class, () -> read(toBytes(List.of(
                ArchiveMember.file("proc/../../etc/shadow", new byte[1])))));
        assertTrue(e.getMessage().contains("escapes the archive"), e.getMessage());
    }

    private static List<ArchiveMember> readGz(Path archive, ArchiveLimits limits) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            return ArchiveReader.read(in, limits);
        }
    }

    @Test
    void aSmallArchiveOfOneHugeMemberIsRefusedBeforeItsBytesAreRead() {
        Path bomb = HostileArchives.zeroFilledMember(dir.resolve("bomb.tar.gz"), 60);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertTrue(Files.size(bomb) < 100_000, "the bomb is small: " + Files.size(bomb));
            IOException e = assertThrows(IOException.class, () -> readGz(bomb, ArchiveLimits.DEFAULT));
            assertEquals("member proc/cpuinfo is 60 MiB, more than the 8 MiB any file a probe reads can be",
                    e.getMessage());
        });
    }

    @Test
    void aFloodOfEmptyMembersIsRefusedAtTheMemberBound() {
        Path flood = HostileArchives.emptyMembers(dir.resolve("flood.tar.gz"), 199_000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            IOException e = assertThrows(IOException.class, () -> readGz(flood, ArchiveLimits.DEFAULT));
            assertTrue(e.getMessage().startsWith("archive holds more than 100000 members"), e.getMessage());
        });
    }

    @Test
    void theTotalIsBoundedAndChargesEveryMember() throws Exception {
        ArchiveLimits small = new ArchiveLimits(1024, 4096, 1000);
        List<ArchiveMember> members = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(ArchiveMember.file("f" + i, new byte[1000]));
        }
        IOException e = assertThrows(IOException.class, () -> ArchiveReader.read(
                new ByteArrayInputStream(toBytes(members)), small));
        assertTrue(e.getMessage().startsWith("archive holds more than 4 KiB (stopped at member 4, f3)"),
                e.getMessage());
        // the same members fit a bound with room for them
        assertEquals(5, ArchiveReader.read(new ByteArrayInputStream(toBytes(members)),
                new ArchiveLimits(1024, 8192, 1000)).size());
    }

    @Test
    void aLongNameHeaderLargerThanAnySnapshotWritesIsRefused() throws Exception {
        String huge = "d".repeat(80_000);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(b)) {
            tar.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_GNU);
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(huge);
            e.setSize(0);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }
        IOException e = assertThrows(IOException.class, () -> read(b.toByteArray()));
        assertTrue(e.getMessage().contains("take more than 64 KiB"), e.getMessage());
    }

    @Test
    void aLinkFanOutIsFoundAtOpeningNotSpunOn() {
        Path fan = HostileArchives.linkFanOut(dir.resolve("fan.tar.gz"), 20, 4);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertTrue(Files.size(fan) < 1000, "the fan-out is small: " + Files.size(fan));
            ArchiveHostFs fs = new ArchiveHostFs(readGz(fan, ArchiveLimits.DEFAULT));
            String bad = fs.unresolvableLink();
            assertTrue(bad != null && bad.endsWith("too many levels of symbolic links"), bad);
            // and every lookup through it stops at the budget instead of expanding 4^20 links
            assertThrows(IOException.class, () -> fs.read("/sys/bus/pci/devices/x/vendor"));
            assertTrue(!fs.exists("/proc/cpuinfo"));
        });
    }

    @Test
    void forConcurrentReadsKeepsTheTotalUnderHalfTheHeap() {
        ArchiveLimits two = ArchiveLimits.forConcurrentReads(2, 64L << 20);
        assertEquals(16L << 20, two.maxTotalBytes());
        assertEquals(ArchiveLimits.DEFAULT.maxTotalBytes(), ArchiveLimits.forConcurrentReads(1, 1L << 30)
                .maxTotalBytes());
        assertEquals(ArchiveLimits.DEFAULT.maxMemberBytes(), ArchiveLimits.forConcurrentReads(64, 64L << 20)
                .maxTotalBytes(), "never below one member");
    }
}
