package io.ra2check.agent.host;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's files, answering the reads that failed on the live host with the same error (permission denied on
 * the SMBIOS table, EINVAL on the speed of a link that is down), so that a check of the snapshot reasons as a check
 * of the host did.
 */
public final class ReplayedErrorsHostFs implements HostFs {
    private final HostFs files;
    private final Map<String, String> errors;
    private final Map<String, String> unreadTrees;

    /** @param errors host path -> the error message the live host gave */
    public ReplayedErrorsHostFs(HostFs files, Map<String, String> errors) {
        this(files, errors, Map.of());
    }

    /**
     * @param errors      host path -> the error message the live host gave
     * @param unreadTrees host directory -> why nothing under it could be read on the host: every access under it
     *                    fails with that reason (never "missing")
     */
    public ReplayedErrorsHostFs(HostFs files, Map<String, String> errors, Map<String, String> unreadTrees) {
        this.files = files;
        this.errors = Map.copyOf(errors);
        this.unreadTrees = Map.copyOf(unreadTrees);
    }

    /** The reason the tree holding {@code path} was not read, or null. */
    private String unread(String path) {
        for (Map.Entry<String, String> t : unreadTrees.entrySet()) {
            String dir = t.getKey();
            if (path.equals(dir) || path.startsWith(dir.endsWith("/") ? dir : dir + "/")) {
                return t.getValue();
            }
        }
        return null;
    }

    private void failIfUnread(String path) throws IOException {
        String why = unread(path);
        if (why != null) {
            throw new java.nio.file.FileSystemException(path, null, why);
        }
    }

    @Override
    public byte[] read(String path) throws IOException {
        failIfUnread(path);
        String error = errors.get(path);
        if (error != null) {
            throw error.equals("permission denied") ? new AccessDeniedException(path)
                    : new java.nio.file.FileSystemException(path, null, error);
        }
        return files.read(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        failIfUnread(dir);
        return files.list(dir);
    }

    @Override
    public String readLink(String path) throws IOException {
        failIfUnread(path);
        return files.readLink(path);
    }

    @Override
    public boolean exists(String path) {
        return files.exists(path);
    }

    @Override
    public boolean isDirectory(String path) {
        return files.isDirectory(path);
    }

    @Override
    public FsStats statvfs(String path) throws IOException {
        failIfUnread(path);
        return files.statvfs(path);
    }
}
