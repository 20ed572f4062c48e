package io.ra2check.agent.snapshot;

import io.ra2check.agent.host.ArchiveMember;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * Writes snapshot members as a POSIX tar stream (PAX headers for the long sysfs names and link targets), with Apache
 * Commons Compress. Owners, modes and times are fixed: a snapshot carries what the probes read, not who took it.
 */
public final class ArchiveWriter {
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private ArchiveWriter() {
    }

    /** Writes the members and the end-of-archive marker; does not close {@code out}. */
    public static void write(List<ArchiveMember> members, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (ArchiveMember m : members) {
            TarArchiveEntry e = switch (m.type()) {
                case FILE -> {
                    TarArchiveEntry f = new TarArchiveEntry(m.path(), TarConstants.LF_NORMAL, true);
                    f.setSize(m.content().length);
                    f.setMode(0100644);
                    yield f;
                }
                case DIRECTORY -> {
                    TarArchiveEntry d = new TarArchiveEntry(m.path() + "/", TarConstants.LF_DIR, true);
                    d.setMode(040755);
                    yield d;
                }
                case SYMLINK -> {
                    TarArchiveEntry l = new TarArchiveEntry(m.path(), TarConstants.LF_SYMLINK, true);
                    l.setLinkName(m.linkTarget());
                    l.setMode(0120777);
                    yield l;
                }
            };
            e.setUserName("");
            e.setGroupName("");
            e.setIds(0, 0);
            e.setLastModifiedTime(EPOCH);
            tar.putArchiveEntry(e);
            if (m.type() == ArchiveMember.Type.FILE) {
                tar.write(m.content());
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }
}
