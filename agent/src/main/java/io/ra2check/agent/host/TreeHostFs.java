package io.ra2check.agent.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A host root that is not this machine's {@code /}: a mounted host ({@code /host}), a captured directory or a snapshot
 * archive. Links are resolved here, component by component, never by the kernel, so that an absolute link inside the
 * tree ({@code /etc/os-release -> /usr/lib/os-release}) stays inside the tree instead of reading this machine's file.
 *
 * <p>Captures checked out without symlink support (git with {@code core.symlinks=false}) store each link as a small
 * regular file holding the target ({@code sys/bus/pci/devices/0000:00:00.0} containing
 * {@code ../../../devices/pci0000:00/0000:00:00.0}). Such a file is followed where a directory is needed, returned by
 * {@link #readLink}, and followed when read if its content is a relative path to something that exists.
 *
 * <p>Not thread-safe: one instance serves one scan.
 */
public abstract class TreeHostFs implements HostFs {
    /**
     * Links followed in one lookup, all of them counted (not only nested ones), as the kernel's MAXSYMLINKS: a tree of
     * links that each name the next several times ("a -> b/../b/../b") would otherwise cost 4^depth expansions.
     */
    static final int MAX_LINK_EXPANSIONS = 40;
    /** Longest real path a lookup may build: the kernel's PATH_MAX. */
    static final int MAX_PATH_LENGTH = 4096;
    private static final int MAX_FLATTENED_LINK = 4096;

    /** What is at a real path of the tree (after the links before it were resolved). */
    public enum Kind { FILE, DIRECTORY, LINK, OTHER }

    /** Sees every link, file and directory the scan touched: the snapshot writer records through it. */
    public interface AccessListener {
        void link(String realPath, String target);

        void file(String realPath, byte[] content);

        void directory(String realPath, Map<String, Kind> children);

        /** An existence test found something there. */
        void present(String realPath, Kind kind);

        /** A read failed with something other than "no such file" (permission denied, EINVAL, ...). */
        void failed(String path, IOException error);
    }

    // sized for a large server's scan (a 112-CPU host: ~1,000 directories and ~3,000 real paths), so that the maps
    // are not rehashed a dozen times in every scan
    private final Map<String, String> realDirs = new HashMap<>(2048);
    private final Map<String, Kind> kinds = new HashMap<>(4096);
    /** The names of each real directory listed in this scan: a name not among them is missing without a syscall. */
    private final Map<String, java.util.Set<String>> listings = new HashMap<>(256);
    private final AccessListener listener;
    private int linksLeft;

    protected TreeHostFs(AccessListener listener) {
        this.listener = listener;
    }

    /** The kind of the entry at {@code realPath}, not following a final link; null when there is none. */
    protected abstract Kind kindOf(String realPath) throws IOException;

    /**
     * The content of {@code realPath} when it is a regular file, read without a file-status call first; null when it
     * is anything else (a link, a directory), which the caller then resolves the slow way. Implementations for which
     * a status costs nothing need not override it.
     *
     * @throws NoSuchFileException when nothing is there
     */
    protected byte[] readIfRegularFile(String realPath) throws IOException {
        return null;
    }

    /** {@link #kindOf}, asked once per real path and scan: a lookup costs a status call only the first time. */
    private Kind kind(String realPath) throws IOException {
        if (kinds.containsKey(realPath)) {
            return kinds.get(realPath);
        }
        Kind k = listedAbsent(realPath) ? null : kindOf(realPath);
        kinds.put(realPath, k);
        return k;
    }

    protected abstract byte[] readReal(String realPath) throws IOException;

    protected abstract List<String> listReal(String realPath) throws IOException;

    protected abstract String linkTargetReal(String realPath) throws IOException;

    @Override
    public byte[] read(String path) throws IOException {
        beginLookup();
        try {
            return readFollowing(path);
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw e;
        } catch (IOException e) {
            if (listener != null) {
                listener.failed(path, e);
            }
            throw e;
        }
    }

    private byte[] readFollowing(String path) throws IOException {
        byte[] plain = readPlain(path);
        if (plain != null) {
            return plain;
        }
        String real = resolve(path, true);
        Kind k = kind(real);
        if (k == null) {
            throw missing(path);
        }
        if (k == Kind.DIRECTORY) {
            throw new FileSystemException(path, null, "is a directory");
        }
        byte[] content = readReal(real);
        String flattened = flattenedRelativeLink(content);
        if (flattened != null) {
            // a link stored as a file: follow it when what it names exists
            String target = walk(parentOf(real), flattened, false);
            if (kind(target) == Kind.FILE) {
                real = target;
                content = readReal(real);
            }
        }
        if (listener != null) {
            listener.file(real, content);
        }
        return content;
    }

    /**
     * The fast path of a read: the directory resolved (cached per scan), then the file opened as it is, without a
     * status call; null when the last component is not a plain regular file (or not known to be one).
     */
    private byte[] readPlain(String path) throws IOException {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        if (slash < 0 || name.isEmpty() || name.equals(".") || name.equals("..")) {
            return null;
        }
        String realParent;
        try {
            realParent = resolveDirectory(slash == 0 ? "/" : path.substring(0, slash));
        } catch (NotDirectoryException e) {
            throw missing(path);
        }
        String real = join(realParent, name);
        Kind known = kinds.get(real);
        if (known != null && known != Kind.FILE || known == null && kinds.containsKey(real)) {
            if (known == null) {
                throw missing(path);
            }
            return null;
        }
        if (known == null && listedAbsent(real)) {
            kinds.put(real, null);
            throw missing(path);
        }
        byte[] content;
        try {
            content = readIfRegularFile(real);
        } catch (NoSuchFileException e) {
            kinds.put(real, null);
            throw missing(path);
        }
        if (content == null || flattenedRelativeLink(content) != null) {
            return null;
        }
        kinds.put(real, Kind.FILE);
        if (listener != null) {
            listener.file(real, content);
        }
        return content;
    }

    @Override
    public List<String> list(String dir) throws IOException {
        beginLookup();
        String real = resolveDirectory(dir);
        List<String> names = listReal(real);
        listings.put(real, new java.util.HashSet<>(names));
        if (listener != null) {
            Map<String, Kind> children = new HashMap<>();
            for (String n : names) {
                Kind k = kind(join(real, n));
                children.put(n, k == null ? Kind.OTHER : k);
                if (k == Kind.LINK) {
                    listener.link(join(real, n), linkTargetReal(join(real, n)));
                }
            }
            listener.directory(real, children);
        }
        return names;
    }

    @Override
    public String readLink(String path) throws IOException {
        beginLookup();
        String real = resolve(path, false);
        if (!kinds.containsKey(real) && !listedAbsent(real)) {
            // what is asked for as a link mostly is one (driver, iommu_group, virtfnN): one readlink, which does not
            // follow the link, instead of a status call and then a readlink
            String target = null;
            try {
                target = linkTargetReal(real);
            } catch (IOException e) {
                // not a link (a flattened one is a file), or nothing there: asked below
            }
            if (target != null) {
                kinds.put(real, Kind.LINK);
                if (listener != null) {
                    listener.link(real, target);
                }
                return target;
            }
        }
        Kind k = kind(real);
        if (k == Kind.LINK) {
            String target = linkTargetReal(real);
            if (listener != null) {
                listener.link(real, target);
            }
            return target;
        }
        if (k == Kind.FILE) {
            byte[] content = readReal(real);
            String target = flattenedLink(content);
            if (target != null) {
                if (listener != null) {
                    listener.link(real, target);
                }
                return target;
            }
        }
        if (k == null) {
            throw missing(path);
        }
        throw new NotLinkException(path);
    }

    @Override
    public boolean exists(String path) {
        beginLookup();
        try {
            String real = resolve(path, true);
            Kind k = kind(real);
            if (k != null && listener != null) {
                listener.present(real, k);
            }
            return k != null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean isDirectory(String path) {
        beginLookup();
        try {
            String real = resolveDirectory(path);
            if (listener != null) {
                listener.present(real, Kind.DIRECTORY);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code realPath}'s directory was listed in this scan without it: the probes list a device's directory
     * and then ask for a dozen optional attributes, most of them absent on most devices. What a scan saw of a
     * directory stays what it saw for the rest of the scan, as the kinds of real paths do.
     */
    private boolean listedAbsent(String realPath) {
        int slash = realPath.lastIndexOf('/');
        if (slash < 0 || slash == realPath.length() - 1) {
            return false;
        }
        java.util.Set<String> names = listings.get(slash == 0 ? "/" : realPath.substring(0, slash));
        return names != null && !names.contains(realPath.substring(slash + 1));
    }

    /** Starts the link budget of one lookup; every public method that resolves a path calls it first. */
    protected final void beginLookup() {
        linksLeft = MAX_LINK_EXPANSIONS;
    }

    /** The real path of a directory: links and flattened links followed; throws when it is not a directory. */
    protected String resolveDirectory(String path) throws IOException {
        String cached = realDirs.get(path);
        if (cached != null) {
            return cached;
        }
        String real;
        if (path.equals("/")) {
            real = "/";
        } else {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("host paths are absolute: " + path);
            }
            int slash = path.lastIndexOf('/');
            String name = path.substring(slash + 1);
            String parent = resolveDirectory(slash == 0 ? "/" : path.substring(0, slash));
            if (name.isEmpty() || name.equals(".")) {
                real = parent;
            } else if (name.equals("..")) {
                real = parentOf(parent);
            } else {
                real = follow(join(parent, name), true);
            }
        }
        Kind k = kind(real);
        if (k == null) {
            throw missing(path);
        }
        if (k != Kind.DIRECTORY) {
            throw new NotDirectoryException(path);
        }
        realDirs.put(path, real);
        return real;
    }

    /** The real path {@code path} names: its directory resolved, and its last component followed when asked. */
    protected String resolve(String path, boolean followLast) throws IOException {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("host paths are absolute: " + path);
        }
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        String parent = slash == 0 ? "/" : path.substring(0, slash);
        String realParent;
        try {
            realParent = resolveDirectory(parent);
        } catch (NotDirectoryException e) {
            throw missing(path);
        }
        if (name.isEmpty() || name.equals(".")) {
            return realParent;
        }
        if (name.equals("..")) {
            return parentOf(realParent);
        }
        String real = join(realParent, name);
        return followLast ? follow(real, false) : real;
    }

    /**
     * Walks {@code relative} (absolute or relative) from the real directory {@code from}, following links; the last
     * component is also followed through a flattened link when it must be a directory.
     */
    private String walk(String from, String relative, boolean lastAsDirectory) throws IOException {
        String cur = relative.startsWith("/") ? "/" : from;
        int i = 0;
        int n = relative.length();
        while (i < n) {
            int j = relative.indexOf('/', i);
            if (j < 0) {
                j = n;
            }
            String c = relative.substring(i, j);
            i = j + 1;
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                cur = parentOf(cur);
                continue;
            }
            boolean last = i >= n;
            if (cur.length() + c.length() + 1 > MAX_PATH_LENGTH) {
                throw new FileSystemException(relative, null, "file name too long");
            }
            cur = follow(join(cur, c), !last || lastAsDirectory);
        }
        return cur;
    }

    private String follow(String real, boolean asDirectory) throws IOException {
        Kind k = kind(real);
        String target = null;
        if (k == Kind.LINK) {
            target = linkTargetReal(real);
        } else if (k == Kind.FILE && asDirectory) {
            target = flattenedLink(readReal(real));
        }
        if (target == null) {
            return real;
        }
        if (--linksLeft < 0) {
            throw new FileSystemException(real, null, "too many levels of symbolic links");
        }
        if (listener != null) {
            listener.link(real, target);
        }
        return walk(parentOf(real), target, asDirectory);
    }

    /** The target a flattened link file holds, or null when the content is not a plausible link target. */
    static String flattenedLink(byte[] content) {
        if (content.length == 0 || content.length > MAX_FLATTENED_LINK) {
            return null;
        }
        int end = content.length;
        if (content[end - 1] == '\n') {
            end--;
        }
        if (end == 0) {
            return null;
        }
        for (int i = 0; i < end; i++) {
            byte b = content[i];
            if (b == '\n' || b == 0 || b == ' ' || b == '\t') {
                return null;
            }
        }
        String s = new String(content, 0, end, StandardCharsets.UTF_8);
        return s.startsWith("../") || s.startsWith("./") || s.startsWith("/") ? s : null;
    }

    /** Like {@link #flattenedLink} but only relative targets: a file holding "/dev/sda" is data, not a link. */
    static String flattenedRelativeLink(byte[] content) {
        if (content.length < 3 || content[0] != '.' || content[1] != '.' || content[2] != '/') {
            return null;
        }
        return flattenedLink(content);
    }

    /**
     * "No such file" for a path a probe asked for: most misses are optional attributes (a device without
     * {@code sriov_totalvfs}), a scan has hundreds of them, and their stack trace is never looked at, so none is
     * filled in (it was a third of the cost of a miss).
     */
    protected static NoSuchFileException missing(String path) {
        return new Missing(path);
    }

    private static final class Missing extends NoSuchFileException {
        private static final long serialVersionUID = 1L;

        Missing(String path) {
            super(path);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    protected static String join(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    protected static String parentOf(String real) {
        int slash = real.lastIndexOf('/');
        return slash <= 0 ? "/" : real.substring(0, slash);
    }

    /** The names of a directory's entries, for implementations that keep them in memory. */
    protected static List<String> sorted(java.util.Collection<String> names) {
        List<String> l = new ArrayList<>(names);
        java.util.Collections.sort(l);
        return l;
    }
}
