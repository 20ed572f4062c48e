package io.ra2check.agent.host;


import java.io.IOException;
import java.util.Locale;

/**
 * The host being checked: how to read it, and what kind of root it is, which decides what can be known about it.
 *
 * <ul>
 *   <li>{@link Kind#LIVE}: this machine's {@code /}. Everything can be read, including kernel calls.</li>
 *   <li>{@link Kind#MOUNTED}: a live host's root mounted elsewhere ({@code /host} in the DaemonSet, whose pod shares
 *       the host's network namespace). Filesystem statistics and kernel calls are live.</li>
 *   <li>{@link Kind#SNAPSHOT}: a ra2check snapshot. Files are what the probes read on the host; live-only facts come
 *       from its manifest.</li>
 *   <li>{@link Kind#TREE}: any other captured directory or archive. A file that is absent may simply not have been
 *       captured, and live-only facts are unknown.</li>
 * </ul>
 */
public final class HostRoot {
    public enum Kind {
        LIVE, MOUNTED, SNAPSHOT, TREE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final HostFs fs;
    private final Kind kind;
    private final String location;
    private final SnapshotManifest manifest;
    private final String toolVersion;

    public HostRoot(HostFs fs, Kind kind, String location, SnapshotManifest manifest, String toolVersion) {
        this.fs = fs;
        this.kind = kind;
        this.location = location;
        this.manifest = manifest;
        this.toolVersion = toolVersion;
    }

    public static HostRoot live(String toolVersion) {
        return new HostRoot(new LiveHostFs(), Kind.LIVE, "/", null, toolVersion);
    }

    public HostFs fs() {
        return fs;
    }

    public Kind kind() {
        return kind;
    }

    public String location() {
        return location;
    }

    public SnapshotManifest manifest() {
        return manifest;
    }

    /**
     * Whether a file that is absent was absent on the host, rather than not captured: true for live and mounted hosts,
     * and for snapshots taken by this version of ra2check (which read exactly the files this version reads) where every
     * tree could be read.
     */
    public boolean complete() {
        return switch (kind) {
            case LIVE, MOUNTED -> true;
            // a tree that could not be read on the host (/proc not mounted) leaves its absences unknown
            case SNAPSHOT -> manifest != null && toolVersion.equals(manifest.toolVersion())
                    && manifest.unreadTrees().isEmpty();
            case TREE -> false;
        };
    }

    /** Whether kernel calls (ethtool, netlink) made here describe this host. */
    public boolean liveKernel() {
        return kind == Kind.LIVE || kind == Kind.MOUNTED;
    }

    /** statvfs of a host path: live for live and mounted hosts, recorded for snapshots, unknown for trees. */
    public HostFs.FsStats statvfs(String path) throws IOException {
        if (manifest != null) {
            SnapshotManifest.RecordedStat s = manifest.stat(path);
            if (s == null) {
                throw new IOException("not recorded in the snapshot");
            }
            if (s.error() != null) {
                throw new IOException(s.error() + " (recorded in the snapshot)");
            }
            return new HostFs.FsStats(path, s.totalBytes(), s.availableBytes());
        }
        if (kind == Kind.TREE) {
            throw new IOException("a captured tree has no filesystem statistics (take a ra2check snapshot on the host"
                    + " to record them)");
        }
        return fs.statvfs(path);
    }

    /** "/ (live)", "host.tar.gz (snapshot)". */
    public String describe() {
        return location + " (" + kind.wireName() + ")";
    }
}
