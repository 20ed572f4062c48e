package io.ra2check.agent.host;

import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Opens the host root named on the command line: {@code /}, a directory, or a snapshot archive. */
public final class HostRoots {
    private HostRoots() {
    }

    /** A root that cannot be opened; the message is one line for the user. */
    public static final class UnusableRootException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnusableRootException(String message) {
            super(message);
        }
    }

    /**
     * @param location   null or "/" for this host; a directory; or a .tar.gz/.tgz/.tar snapshot
     * @param mounted    the directory is a live host's root mounted here (the DaemonSet's /host)
     * @param listener   records every access (snapshots), or null
     */
    public static HostRoot open(String location, boolean mounted, TreeHostFs.AccessListener listener,
                                String toolVersion) throws UnusableRootException {
        return open(location, mounted, listener, toolVersion, ArchiveLimits.DEFAULT);
    }

    /** As {@link #open(String, boolean, TreeHostFs.AccessListener, String)}, reading an archive within {@code limits}. */
    public static HostRoot open(String location, boolean mounted, TreeHostFs.AccessListener listener,
                                String toolVersion, ArchiveLimits limits) throws UnusableRootException {
        if ((location == null || location.equals("/")) && listener == null) {
            if (mounted) {
                throw new UnusableRootException("--mounted names a host root mounted elsewhere; it cannot be /");
            }
            return HostRoot.live(toolVersion);
        }
        Path p = Path.of(location == null ? "/" : location);
        if (!Files.exists(p)) {
            throw new UnusableRootException("root " + location + " does not exist");
        }
        if (Files.isDirectory(p)) {
            if (!Files.isReadable(p) || !Files.isExecutable(p)) {
                throw new UnusableRootException("root " + location + " is not readable");
            }
            if (listener != null) {
                return new HostRoot(new DirectoryHostFs(p, true, listener),
                        p.normalize().toString().equals("/") ? HostRoot.Kind.LIVE : HostRoot.Kind.MOUNTED,
                        p.toString(), null, toolVersion);
            }
            Path manifestFile = p.resolve(SnapshotManifest.FILE_NAME);
            if (Files.isRegularFile(manifestFile)) {
                SnapshotManifest m = readManifest(manifestFile, location);
                return new HostRoot(new ReplayedErrorsHostFs(new DirectoryHostFs(p, false, null), m.readErrors(),
                        m.unreadTrees()),
                        HostRoot.Kind.SNAPSHOT, location, m, toolVersion);
            }
            return new HostRoot(new DirectoryHostFs(p, mounted, null),
                    mounted ? HostRoot.Kind.MOUNTED : HostRoot.Kind.TREE, location, null, toolVersion);
        }
        if (mounted) {
            throw new UnusableRootException("--mounted needs a directory, not " + location);
        }
        return openArchive(p, location, toolVersion, limits);
    }

    /**
     * The root a user named for {@code check}: as {@link #open}, but a directory that is not laid out like / is
     * refused, and a shared-hosts {@code <case>} folder is read through its {@code rootfs/} (as accept does).
     */
    public static HostRoot openForCheck(String location, boolean mounted, String toolVersion)
            throws UnusableRootException {
        String chosen = location;
        if (location != null && !location.equals("/")) {
            Path p = Path.of(location);
            if (Files.isDirectory(p) && !hasHostLayout(p) && hasHostLayout(p.resolve("rootfs"))) {
                chosen = p.resolve("rootfs").toString();
            }
        }
        HostRoot root = open(chosen, mounted, null, toolVersion);
        if (root.kind() != HostRoot.Kind.LIVE && !root.fs().isDirectory("/proc") && !root.fs().isDirectory("/sys")) {
            throw new UnusableRootException("root " + location + " has neither proc/ nor sys/, so it is not a host "
                    + "root (expected a directory laid out like /, a folder holding such a rootfs/, or a snapshot)");
        }
        return root;
    }

    /** Whether a directory is laid out like a host's / (or is an unpacked snapshot). */
    public static boolean hasHostLayout(Path dir) {
        return Files.isDirectory(dir.resolve("proc")) || Files.isDirectory(dir.resolve("sys"))
                || Files.isRegularFile(dir.resolve(SnapshotManifest.FILE_NAME));
    }

    private static SnapshotManifest readManifest(Path file, String location) throws UnusableRootException {
        try {
            if (Files.size(file) > SnapshotManifest.MAX_BYTES) {
                throw new IOException(SnapshotManifest.FILE_NAME + " is larger than "
                        + ArchiveLimits.mib(SnapshotManifest.MAX_BYTES) + " (a real one is a few KiB)");
            }
            return SnapshotManifest.parse(Files.readAllBytes(file), JsonMapper.builder().build());
        } catch (IOException e) {
            throw new UnusableRootException(location + ": " + e.getMessage());
        }
    }

    private static HostRoot openArchive(Path p, String location, String toolVersion, ArchiveLimits limits)
            throws UnusableRootException {
        String name = p.getFileName().toString();
        boolean gz = name.endsWith(".tar.gz") || name.endsWith(".tgz");
        if (!gz && !name.endsWith(".tar")) {
            throw new UnusableRootException("root " + location
                    + " is neither a directory nor a snapshot archive (.tar.gz, .tgz or .tar)");
        }
        List<ArchiveMember> entries;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
             InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
            entries = ArchiveReader.read(in, limits);
        } catch (java.util.zip.ZipException e) {
            throw new UnusableRootException(location + ": not a gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UnusableRootException(location + ": " + e.getMessage());
        }
        ArchiveHostFs files = new ArchiveHostFs(entries);
        String badLink = files.unresolvableLink();
        if (badLink != null) {
            throw new UnusableRootException(location + ": link " + badLink);
        }
        SnapshotManifest manifest = null;
        for (ArchiveMember e : entries) {
            if (e.path().equals(SnapshotManifest.FILE_NAME) && e.type() == ArchiveMember.Type.FILE) {
                try {
                    manifest = SnapshotManifest.parse(e.content(), JsonMapper.builder().build());
                } catch (IOException ex) {
                    throw new UnusableRootException(location + ": " + ex.getMessage());
                }
            }
        }
        if (manifest == null) {
            return new HostRoot(files, HostRoot.Kind.TREE, location, null, toolVersion);
        }
        return new HostRoot(new ReplayedErrorsHostFs(files, manifest.readErrors(), manifest.unreadTrees()),
                HostRoot.Kind.SNAPSHOT, location, manifest, toolVersion);
    }
}
