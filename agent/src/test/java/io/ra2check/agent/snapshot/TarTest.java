package io.ra2check.agent.snapshot;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarTest {
    private static final String LONG = "sys/devices/pci0000:5d/0000:5d:02.0/0000:5e:00.0/0000:5f:03.0/0000:60:00.0/"
            + "net/enp96s0f0/queues/rx-0/rps_flow_cnt";

    @Test
    void roundTripsFilesDirectoriesLinksAndLongNames() throws Exception {
        List<Tar.Entry> in = List.of(Tar.Entry.directory("var/lib/containerd"),
                Tar.Entry.file("proc/cpuinfo", "processor : 0\n".getBytes(StandardCharsets.UTF_8)),
                Tar.Entry.file(LONG, "4096\n".getBytes(StandardCharsets.UTF_8)),
                Tar.Entry.symlink("sys/bus/pci/devices/0000:60:00.0", "../../../" + LONG.substring(4, 80)),
                Tar.Entry.file("empty", new byte[0]),
                Tar.Entry.file("block", new byte[1024]));
        List<Tar.Entry> out = Tar.read(new ByteArrayInputStream(Tar.toBytes(in)));
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
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tar");
        java.nio.file.Path f = dir.resolve("a".repeat(120));
        java.nio.file.Files.writeString(f, "hello");
        Process p = new ProcessBuilder("tar", "--format=gnu", "-C", dir.toString(), "-cf", "-", f.getFileName().toString())
                .redirectErrorStream(false).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "GNU tar not available");
        List<Tar.Entry> out = Tar.read(new ByteArrayInputStream(bytes));
        assertEquals("a".repeat(120), out.get(0).path());
        assertEquals("hello", new String(out.get(0).content(), StandardCharsets.UTF_8));
    }

    @Test
    void damagedArchivesGiveAMessageNotACrash() throws Exception {
        byte[] ok = Tar.toBytes(List.of(Tar.Entry.file("a", "x".repeat(2000).getBytes(StandardCharsets.UTF_8))));
        IOException e = assertThrows(IOException.class, () -> Tar.read(new ByteArrayInputStream(
                Arrays.copyOf(ok, 700))));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] bad = ok.clone();
        bad[10] ^= 0x55;
        e = assertThrows(IOException.class, () -> Tar.read(new ByteArrayInputStream(bad)));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertThrows(IOException.class, () -> Tar.read(new ByteArrayInputStream(new byte[0])));
        assertThrows(IOException.class, () -> Tar.read(new ByteArrayInputStream(new byte[100])));
    }

    @Test
    void namesThatEscapeTheArchiveAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Tar.normalize("../../etc/passwd"));
        assertEquals("etc/passwd", Tar.normalize("./etc/passwd"));
        assertEquals("etc", Tar.normalize("/etc/"));
    }
}
