package io.ra2check.agent.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the POSIX tar format for snapshots: regular files, directories and symbolic links, with PAX headers
 * for names longer than the 100 bytes ustar allows (sysfs paths often are). Reading also accepts GNU long-name
 * headers, so that a tree archived with GNU tar can be checked too. Reading is bounded: a damaged or hostile archive
 * gives an {@link IOException} with a message, never an unbounded allocation.
 */
public final class Tar {
    private static final int BLOCK = 512;
    /** Larger than any host's probed files together by orders of magnitude. */
    static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;
    static final int MAX_ENTRIES = 200_000;

    private Tar() {
    }

    public enum Type { FILE, DIRECTORY, SYMLINK }

    /** One archive member; {@code path} has no leading slash. */
    public record Entry(String path, Type type, byte[] content, String linkTarget) {
        public static Entry file(String path, byte[] content) {
            return new Entry(path, Type.FILE, content, null);
        }

        public static Entry directory(String path) {
            return new Entry(path, Type.DIRECTORY, new byte[0], null);
        }

        public static Entry symlink(String path, String target) {
            return new Entry(path, Type.SYMLINK, new byte[0], target);
        }
    }

    // ------------------------------------------------------------------------------------------------------ writing

    public static void write(List<Entry> entries, OutputStream out) throws IOException {
        for (Entry e : entries) {
            String name = e.type() == Type.DIRECTORY && !e.path().endsWith("/") ? e.path() + "/" : e.path();
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            byte[] linkBytes = e.linkTarget() == null ? new byte[0] : e.linkTarget().getBytes(StandardCharsets.UTF_8);
            if (nameBytes.length > 100 || linkBytes.length > 100) {
                StringBuilder pax = new StringBuilder();
                if (nameBytes.length > 100) {
                    pax.append(paxRecord("path", name));
                }
                if (linkBytes.length > 100) {
                    pax.append(paxRecord("linkpath", e.linkTarget()));
                }
                byte[] paxBytes = pax.toString().getBytes(StandardCharsets.UTF_8);
                out.write(header("PaxHeader", 'x', paxBytes.length, ""));
                out.write(paxBytes);
                pad(out, paxBytes.length);
            }
            String shortName = nameBytes.length > 100 ? truncate(name) : name;
            String shortLink = linkBytes.length > 100 ? "" : e.linkTarget() == null ? "" : e.linkTarget();
            char flag = switch (e.type()) {
                case FILE -> '0';
                case DIRECTORY -> '5';
                case SYMLINK -> '2';
            };
            int size = e.type() == Type.FILE ? e.content().length : 0;
            out.write(header(shortName, flag, size, shortLink));
            if (size > 0) {
                out.write(e.content());
                pad(out, size);
            }
        }
        out.write(new byte[BLOCK * 2]);
    }

    /** A PAX record "LEN key=value\n" where LEN counts the whole record, its own digits included. */
    private static String paxRecord(String key, String value) {
        int body = key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length + 3;
        int len = body + String.valueOf(body).length();
        if (String.valueOf(len).length() != String.valueOf(body).length()) {
            len++;
        }
        return len + " " + key + "=" + value + "\n";
    }

    private static String truncate(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        return new String(b, b.length - 100, 100, StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", "_");
    }

    private static byte[] header(String name, char type, long size, String link) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        put(h, 100, 8, octal(type == '5' ? 0755 : 0644, 7));
        put(h, 108, 8, octal(0, 7));
        put(h, 116, 8, octal(0, 7));
        put(h, 124, 12, octal(size, 11));
        put(h, 136, 12, octal(0, 11));
        h[156] = (byte) type;
        put(h, 157, 100, link.getBytes(StandardCharsets.UTF_8));
        put(h, 257, 6, "ustar".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, octal(sum, 6));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static byte[] octal(long v, int digits) {
        String s = Long.toOctalString(v);
        return ("0".repeat(Math.max(0, digits - s.length())) + s).getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(byte[] h, int off, int len, byte[] v) {
        System.arraycopy(v, 0, h, off, Math.min(len, v.length));
    }

    private static void pad(OutputStream out, long size) throws IOException {
        int rem = (int) (size % BLOCK);
        if (rem != 0) {
            out.write(new byte[BLOCK - rem]);
        }
    }

    // ------------------------------------------------------------------------------------------------------ reading

    /** Reads every member. Paths come back without leading "./" or "/". */
    public static List<Entry> read(InputStream in) throws IOException {
        List<Entry> out = new ArrayList<>();
        byte[] h = new byte[BLOCK];
        long total = 0;
        String paxPath = null;
        String paxLink = null;
        String longName = null;
        String longLink = null;
        long offset = 0;
        while (true) {
            if (!readBlock(in, h)) {
                if (offset == 0) {
                    throw new IOException("empty archive");
                }
                // a missing end-of-archive marker is tolerated, as GNU tar does
                return out;
            }
            if (isZero(h)) {
                return out;
            }
            verifyChecksum(h, offset);
            char type = (char) h[156];
            long size = parseOctal(h, 124, 12, offset);
            if (size < 0 || size > MAX_TOTAL_BYTES) {
                throw new IOException("tar member at offset " + offset + " claims an impossible size " + size);
            }
            total += size;
            if (total > MAX_TOTAL_BYTES) {
                throw new IOException("archive holds more than " + (MAX_TOTAL_BYTES >> 20) + " MiB");
            }
            byte[] data = readFully(in, (int) size);
            skipPadding(in, size);
            offset += BLOCK + roundUp(size);
            switch (type) {
                case 'x' -> {
                    String[] kv = parsePax(data);
                    paxPath = kv[0] != null ? kv[0] : paxPath;
                    paxLink = kv[1] != null ? kv[1] : paxLink;
                    continue;
                }
                case 'g' -> {
                    continue;
                }
                case 'L' -> {
                    longName = cString(data, 0, data.length);
                    continue;
                }
                case 'K' -> {
                    longLink = cString(data, 0, data.length);
                    continue;
                }
                default -> {
                }
            }
            String name = paxPath != null ? paxPath : longName != null ? longName : ustarName(h);
            String link = paxLink != null ? paxLink : longLink != null ? longLink : cString(h, 157, 100);
            paxPath = paxLink = longName = longLink = null;
            String path = normalize(name);
            if (path.isEmpty()) {
                continue;
            }
            if (out.size() >= MAX_ENTRIES) {
                throw new IOException("archive holds more than " + MAX_ENTRIES + " members");
            }
            switch (type) {
                case '0', '\0', '7' -> out.add(Entry.file(path, data));
                case '5' -> out.add(Entry.directory(path));
                case '2' -> out.add(Entry.symlink(path, link));
                // a hard link is another name for a member read before; a link to it keeps the content in one place
                case '1' -> out.add(Entry.symlink(path, "/" + normalize(link)));
                default -> {
                    // devices, fifos: nothing a probe reads
                }
            }
        }
    }

    static String normalize(String name) {
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
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("member name escapes the archive: " + name);
            }
        }
        return n;
    }

    private static String ustarName(byte[] h) {
        String name = cString(h, 0, 100);
        String magic = cString(h, 257, 6);
        if (magic.startsWith("ustar")) {
            String prefix = cString(h, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static String[] parsePax(byte[] data) throws IOException {
        String path = null;
        String link = null;
        int i = 0;
        while (i < data.length) {
            int sp = i;
            while (sp < data.length && data[sp] != ' ') {
                sp++;
            }
            if (sp >= data.length) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, i, sp - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("malformed PAX header");
            }
            if (len <= sp - i + 1 || i + len > data.length) {
                throw new IOException("malformed PAX header record length " + len);
            }
            String rec = new String(data, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq > 0) {
                String key = rec.substring(0, eq);
                if (key.equals("path")) {
                    path = rec.substring(eq + 1);
                } else if (key.equals("linkpath")) {
                    link = rec.substring(eq + 1);
                }
            }
            i += len;
        }
        return new String[] {path, link};
    }

    private static void verifyChecksum(byte[] h, long offset) throws IOException {
        long stored = parseOctal(h, 148, 8, offset);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        if (sum != stored) {
            throw new IOException("not a tar archive (bad header checksum at offset " + offset + ")");
        }
    }

    private static long parseOctal(byte[] h, int off, int len, long offset) throws IOException {
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        if ((h[off] & 0x80) != 0) {
            throw new IOException("unsupported base-256 number in tar header at offset " + offset);
        }
        for (; i < end; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') {
                break;
            }
            if (b < '0' || b > '7') {
                throw new IOException("not a tar archive (bad number in header at offset " + offset + ")");
            }
            v = (v << 3) + (b - '0');
            if (v > (1L << 40)) {
                throw new IOException("tar header number too large at offset " + offset);
            }
        }
        return v;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readBlock(InputStream in, byte[] h) throws IOException {
        int n = in.readNBytes(h, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("archive is truncated (partial header)");
        }
        return true;
    }

    private static byte[] readFully(InputStream in, int size) throws IOException {
        // readNBytes grows its buffer as data really arrives, so a lying size field cannot force a huge allocation
        byte[] data = in.readNBytes(size);
        if (data.length < size) {
            throw new EOFException("archive is truncated (member content cut short)");
        }
        return data;
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long pad = roundUp(size) - size;
        if (pad > 0 && in.readNBytes((int) pad).length < pad) {
            throw new EOFException("archive is truncated (padding cut short)");
        }
    }

    private static long roundUp(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** Bytes of a whole stream, for tests and small archives. */
    static byte[] toBytes(List<Entry> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        write(entries, b);
        return b.toByteArray();
    }
}
