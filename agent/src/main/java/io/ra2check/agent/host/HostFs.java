package io.ra2check.agent.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Read access to a host's files. Paths are absolute host paths ({@code /sys/bus/pci/devices}), resolved against the
 * host root the implementation was built for. Errors are the JDK's: {@link java.nio.file.NoSuchFileException},
 * {@link java.nio.file.AccessDeniedException}, or another {@link IOException} whose message the probes turn into the
 * reason a fact is unknown.
 */
public interface HostFs {
    /**
     * The largest file read: well above any a probe needs ({@code /proc/cpuinfo} of 512 CPUs is under 1 MiB), so that a
     * huge or endless file in a captured tree (or a character device where a file was expected) cannot exhaust the heap.
     */
    int MAX_FILE_BYTES = 8 << 20;

    /** The file's bytes; an {@link IOException} saying so when it is larger than {@link #MAX_FILE_BYTES}. */
    byte[] read(String path) throws IOException;

    /**
     * Reads at most {@link #MAX_FILE_BYTES} from {@code in}, for the implementations. Starts small and doubles: a
     * sysfs attribute is a few bytes, and a scan reads thousands of them.
     */
    static byte[] readBounded(java.io.InputStream in, String path) throws IOException {
        byte[] buf = new byte[256];
        int n = 0;
        while (true) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
            }
            n += r;
            if (n == buf.length) {
                if (n > MAX_FILE_BYTES) {
                    throw new java.nio.file.FileSystemException(path, null, "larger than " + (MAX_FILE_BYTES >> 20)
                            + " MiB, more than any file a probe reads");
                }
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(2L * n, MAX_FILE_BYTES + 1L));
            }
        }
    }

    default String readString(String path) throws IOException {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    /** The first line of a file, without the line break (sysfs attributes are one line). */
    default String readLine(String path) throws IOException {
        String s = readString(path);
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The names in a directory, sorted. */
    List<String> list(String dir) throws IOException;

    /** The target of a symbolic link, as stored. */
    String readLink(String path) throws IOException;

    boolean exists(String path);

    boolean isDirectory(String path);

    /**
     * Size and free space of the filesystem holding {@code path}, from statvfs on a live or mounted host.
     *
     * @throws IOException when the path does not exist or statistics cannot be had for this kind of root
     */
    FsStats statvfs(String path) throws IOException;

    /** Filesystem statistics of one path: total capacity and space available to unprivileged users, in bytes. */
    record FsStats(String path, long totalBytes, long availableBytes) {
    }
}
