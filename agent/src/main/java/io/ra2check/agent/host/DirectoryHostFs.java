package io.ra2check.agent.host;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A host root that is a directory: a live host mounted at {@code /host} (the DaemonSet), or a captured tree.
 * Filesystem statistics are only answered for a mounted live host, and only for paths that really are mounts from the
 * host: statvfs of a directory of the agent's own container would describe the container, not the host.
 */
public final class DirectoryHostFs extends TreeHostFs {
    private final String root;
    private final boolean mountedLiveHost;

    /**
     * @param root            the directory that stands for the host's {@code /}
     * @param mountedLiveHost true when {@code root} is a live host's filesystem mounted here (statvfs is meaningful)
     * @param listener        sees every access (for snapshots), or null
     */
    public DirectoryHostFs(Path root, boolean mountedLiveHost, AccessListener listener) {
        super(listener);
        String r = root.toAbsolutePath().normalize().toString();
        this.root = r.equals("/") ? "" : r;
        this.mountedLiveHost = mountedLiveHost;
    }

    private Path real(String realPath) {
        return Path.of(root + realPath);
    }

    @Override
    protected byte[] readIfRegularFile(String realPath) throws IOException {
        // the real path has no links before its last component (they were resolved in the tree); NOFOLLOW_LINKS
        // makes the open fail on a last component that is one, rather than let the kernel follow it out of the tree
        try (java.io.InputStream in = Files.newInputStream(real(realPath), java.nio.file.StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            return HostFs.readBounded(in, realPath);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (IOException e) {
            // a link (ELOOP under O_NOFOLLOW), a directory (EISDIR on read): resolved and reported the slow way
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : String.valueOf(e.getMessage());
            if (why.contains("symbolic link") || why.contains("Is a directory") || why.contains("Not a directory")) {
                return null;
            }
            throw e;
        }
    }

    @Override
    protected Kind kindOf(String realPath) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(real(realPath), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (java.nio.file.FileSystemException e) {
            // ENOTDIR and the like: nothing is there
            if ("Not a directory".equals(e.getReason())) {
                return null;
            }
            throw e;
        }
        if (a.isSymbolicLink()) {
            return Kind.LINK;
        }
        if (a.isDirectory()) {
            return Kind.DIRECTORY;
        }
        return a.isRegularFile() ? Kind.FILE : Kind.OTHER;
    }

    @Override
    protected byte[] readReal(String realPath) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(real(realPath))) {
            return HostFs.readBounded(in, realPath);
        }
    }

    @Override
    protected List<String> listReal(String realPath) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(real(realPath))) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        }
        Collections.sort(names);
        return names;
    }

    @Override
    protected String linkTargetReal(String realPath) throws IOException {
        return Files.readSymbolicLink(real(realPath)).toString();
    }

    @Override
    public FsStats statvfs(String path) throws IOException {
        if (!mountedLiveHost) {
            throw new IOException("a captured tree has no filesystem statistics (take a ra2check snapshot on the "
                    + "host to record them)");
        }
        beginLookup();
        String realPath = resolve(path, true);
        Path p = real(realPath);
        if (!Files.exists(p)) {
            throw new NoSuchFileException(path);
        }
        if (!root.isEmpty()) {
            Object hostDev = Files.getAttribute(p, "unix:dev");
            Object ownRootDev = Files.getAttribute(Path.of("/"), "unix:dev");
            if (hostDev.equals(ownRootDev)) {
                throw new IOException(path + " is not mounted from the host into " + root
                        + " (it is on this container's own root filesystem)");
            }
        }
        FileStore store = Files.getFileStore(p);
        return new FsStats(path, store.getTotalSpace(), store.getUsableSpace());
    }
}
