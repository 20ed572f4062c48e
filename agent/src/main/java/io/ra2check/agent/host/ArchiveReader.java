package io.ra2check.agent.host;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the members of a tar stream (POSIX, PAX, GNU long names: whatever Apache Commons Compress reads) into memory
 * within {@link ArchiveLimits}. The input is untrusted: every way it can be too large is refused before the bytes are
 * held, with an {@link IOException} whose message names the member and the bound, never an unbounded allocation.
 *
 * <p>Commons Compress reads GNU long names and PAX headers into memory itself, before it hands back the member they
 * describe; the stream under it therefore allows only {@value #MAX_HEADER_BYTES} bytes between two members, and the
 * stream as a whole at most a few times the content bound (so that padding and headers cannot make a small gzip file
 * inflate for minutes).
 */
public final class ArchiveReader {
    /** Headers, long names, PAX records and padding between two members' contents (10 KiB is one tar block). */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Longest member name or link target accepted: the kernel's PATH_MAX. */
    static final int MAX_NAME_BYTES = 4096;

    private ArchiveReader() {
    }

    /** Every member, in archive order. Paths come back without a leading "./" or "/". */
    public static List<ArchiveMember> read(InputStream in, ArchiveLimits limits) throws IOException {
        BudgetedStream budgeted = new BudgetedStream(in, 4 * limits.maxTotalBytes() + (long) MAX_HEADER_BYTES * 4);
        TarArchiveInputStream tar = new TarArchiveInputStream(budgeted);
        List<ArchiveMember> out = new ArrayList<>();
        long charged = 0;
        int headers = 0;
        while (true) {
            budgeted.allow(MAX_HEADER_BYTES, "the headers before member " + (out.size() + 1));
            TarArchiveEntry e;
            try {
                e = tar.getNextEntry();
            } catch (IOException | RuntimeException ex) {
                throw damaged(ex, headers, budgeted.position());
            }
            if (e == null) {
                if (headers == 0) {
                    throw new IOException(budgeted.position() == 0 ? "empty archive" : "not a tar archive");
                }
                return out;
            }
            headers++;
            if (!e.isCheckSumOK()) {
                throw new IOException("not a tar archive (bad header checksum at offset " + budgeted.position() + ")");
            }
            if (headers > limits.maxMembers()) {
                throw new IOException("archive holds more than " + limits.maxMembers() + " members (a snapshot of "
                        + "the largest server has a few tens of thousands)");
            }
            String name = e.getName();
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new IOException("member name longer than " + MAX_NAME_BYTES + " bytes at member " + headers);
            }
            long size = e.getSize();
            if (size < 0 || size > limits.maxMemberBytes()) {
                throw new IOException("member " + shorten(name) + " is " + describeSize(size) + ", more than the "
                        + ArchiveLimits.mib(limits.maxMemberBytes()) + " any file a probe reads can be");
            }
            if (e.isSparse()) {
                throw new IOException("member " + shorten(name) + " is a sparse file, which no probe reads");
            }
            String path = normalize(name);
            String link = e.getLinkName();
            if (link != null && link.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new IOException("link target of " + shorten(name) + " is longer than " + MAX_NAME_BYTES
                        + " bytes");
            }
            charged += ArchiveLimits.MEMBER_OVERHEAD_BYTES + 2L * name.length() + (link == null ? 0 : 2L * link.length())
                    + size;
            if (charged > limits.maxTotalBytes()) {
                throw new IOException("archive holds more than " + ArchiveLimits.mib(limits.maxTotalBytes())
                        + " (stopped at member " + headers + ", " + shorten(name) + ")");
            }
            budgeted.allow(size, "member " + shorten(name));
            if (path.isEmpty()) {
                continue;
            }
            if (e.isSymbolicLink()) {
                out.add(ArchiveMember.symlink(path, link == null ? "" : link));
            } else if (e.isLink()) {
                // a hard link is another name for a member read before; a link to it keeps the content in one place
                out.add(ArchiveMember.symlink(path, "/" + normalize(link == null ? "" : link)));
            } else if (e.isDirectory()) {
                out.add(ArchiveMember.directory(path));
            } else if (e.isFile()) {
                byte[] data;
                try {
                    data = tar.readNBytes((int) size);
                } catch (IOException | RuntimeException ex) {
                    throw damaged(ex, headers, budgeted.position());
                }
                if (data.length < size) {
                    throw new IOException("archive is truncated (member " + shorten(name) + " cut short)");
                }
                out.add(ArchiveMember.file(path, data));
            }
            // devices and FIFOs: nothing a probe reads
        }
    }

    private static IOException damaged(Exception ex, int members, long offset) {
        if (ex instanceof BudgetExceeded b) {
            return b;
        }
        String m = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (m.contains("Truncated") || m.contains("truncated") || ex instanceof java.io.EOFException) {
            return new IOException("archive is truncated (after " + members + " members)");
        }
        if (m.contains("parsing the header") || m.contains("Corrupted") || m.contains("checksum")) {
            return new IOException("not a tar archive (bad header at offset " + offset + ")");
        }
        return new IOException("damaged archive at offset " + offset + " (" + m + ")");
    }

    private static String describeSize(long size) {
        return size < 0 ? "of negative size" : ArchiveLimits.mib(size);
    }

    private static String shorten(String name) {
        return name.length() <= 120 ? name : name.substring(0, 117) + "...";
    }

    /** The member path without leading "./" or "/" and trailing "/"; a name that climbs out with ".." is refused. */
    public static String normalize(String name) throws IOException {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.startsWith("./") ? n.substring(2) : n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.equals(".")) {
            return "";
        }
        for (String part : n.split("/", -1)) {
            if (part.equals("..")) {
                throw new IOException("member name escapes the archive: " + shorten(name));
            }
        }
        return n;
    }

    static final class BudgetExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded(String message) {
            super(message);
        }
    }

    /** Lets through at most the bytes allowed since the last {@link #allow}, and at most {@code total} in all. */
    private static final class BudgetedStream extends FilterInputStream {
        private final long total;
        private long position;
        private long window;
        private String what = "";

        BudgetedStream(InputStream in, long total) {
            super(in);
            this.total = total;
        }

        void allow(long bytes, String what) {
            // padding of the member before and the next record fit in the header allowance
            this.window = bytes + 2 * 512;
            this.what = what;
        }

        long position() {
            return position;
        }

        private void check() throws IOException {
            if (window <= 0) {
                throw new BudgetExceeded(what + " take more than " + MAX_HEADER_BYTES / 1024
                        + " KiB (a long name or PAX header no snapshot writes)");
            }
            if (position >= total) {
                throw new BudgetExceeded("archive inflates to more than " + ArchiveLimits.mib(total));
            }
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            if (b >= 0) {
                position++;
                window--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            check();
            int n = super.read(b, off, (int) Math.min(len, Math.min(window, total - position)));
            if (n > 0) {
                position += n;
                window -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }
    }
}
