package io.ra2check.agent.host;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ra2check.agent.snapshot.SnapshotManifest;
import io.ra2check.agent.snapshot.Tar;

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
                return new HostRoot(new ReplayedErrorsHostFs(new DirectoryHostFs(p, false, null), m.readErrors()),
                        HostRoot.Kind.SNAPSHOT, location, m, toolVersion);
            }
            return new HostRoot(new DirectoryHostFs(p, mounted, null),
                    mounted ? HostRoot.Kind.MOUNTED : HostRoot.Kind.TREE, location, null, toolVersion);
        }
        if (mounted) {
            throw new UnusableRootException("--mounted needs a directory, not " + location);
        }
        return openArchive(p, location, toolVersion);
    }

    private static SnapshotManifest readManifest(Path file, String location) throws UnusableRootException {
        try {
            return SnapshotManifest.parse(Files.readAllBytes(file), JsonMapper.builder().build());
        } catch (IOException e) {
            throw new UnusableRootException(location + ": " + e.getMessage());
        }
    }

    private static HostRoot openArchive(Path p, String location, String toolVersion) throws UnusableRootException {
        String name = p.getFileName().toString();
        boolean gz = name.endsWith(".tar.gz") || name.endsWith(".tgz");
        if (!gz && !name.endsWith(".tar")) {
            throw new UnusableRootException("root " + location
                    + " is neither a directory nor a snapshot archive (.tar.gz, .tgz or .tar)");
        }
        List<Tar.Entry> entries;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
             InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
            entries = Tar.read(in);
        } catch (java.util.zip.ZipException e) {
            throw new UnusableRootException(location + ": not a gzip file (" + e.getMessage() + ")");
        } catch (IOException | IllegalArgumentException e) {
            throw new UnusableRootException(location + ": " + e.getMessage());
        }
        SnapshotManifest manifest = null;
        for (Tar.Entry e : entries) {
            if (e.path().equals(SnapshotManifest.FILE_NAME) && e.type() == Tar.Type.FILE) {
                try {
                    manifest = SnapshotManifest.parse(e.content(), JsonMapper.builder().build());
                } catch (IOException ex) {
                    throw new UnusableRootException(location + ": " + ex.getMessage());
                }
            }
        }
        if (manifest == null) {
            return new HostRoot(new ArchiveHostFs(entries), HostRoot.Kind.TREE, location, null, toolVersion);
        }
        return new HostRoot(new ReplayedErrorsHostFs(new ArchiveHostFs(entries), manifest.readErrors()),
                HostRoot.Kind.SNAPSHOT, location, manifest, toolVersion);
    }
}
