package io.ra2check.agent.testing;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * The hostile snapshot archives of issue 11, made by the tests (streamed: none is ever whole in memory here):
 * a small gzip file that inflates to a huge member, a flood of empty members, and a link fan-out whose naive
 * resolution takes 4^20 expansions.
 */
public final class HostileArchives {
    private HostileArchives() {
    }

    /** One member of {@code mib} MiB of zeros at proc/cpuinfo, beside a plausible sys/: about 60 KB for 60 MiB. */
    public static Path zeroFilledMember(Path out, int mib) {
        return write(out, tar -> {
            directory(tar, "sys/devices/system/cpu");
            TarArchiveEntry e = new TarArchiveEntry("proc/cpuinfo");
            e.setSize((long) mib << 20);
            tar.putArchiveEntry(e);
            byte[] zeros = new byte[1 << 16];
            for (long left = (long) mib << 20; left > 0; left -= zeros.length) {
                tar.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            tar.closeArchiveEntry();
        });
    }

    /** {@code n} empty files (proc/0 .. proc/n-1). */
    public static Path emptyMembers(Path out, int n) {
        return write(out, tar -> {
            for (int i = 0; i < n; i++) {
                file(tar, "proc/" + i, new byte[0]);
            }
        });
    }

    /**
     * {@code levels} links in x/, each naming the next {@code fan} times ({@code l0 -> l1/l1/l1/l1}, the last
     * {@code -> .}), and the places the probes look (sys/bus/pci/devices, sys/devices/system/cpu, sys/class/net,
     * proc/cpuinfo) pointing into it.
     */
    public static Path linkFanOut(Path out, int levels, int fan) {
        return write(out, tar -> {
            directory(tar, "x");
            for (int i = 0; i < levels; i++) {
                String next = "l" + (i + 1);
                symlink(tar, "x/l" + i, String.join("/", java.util.Collections.nCopies(fan, next)));
            }
            symlink(tar, "x/l" + levels, ".");
            symlink(tar, "sys", "x/l0");
            symlink(tar, "proc", "x/l0");
        });
    }

    private interface Body {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static Path write(Path out, Body body) {
        try (OutputStream o = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(o, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            body.write(tar);
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(new TarArchiveEntry(name + "/", TarConstants.LF_DIR));
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }
}
