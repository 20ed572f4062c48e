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

    /** @param errors host path -> the error message the live host gave */
    public ReplayedErrorsHostFs(HostFs files, Map<String, String> errors) {
        this.files = files;
        this.errors = Map.copyOf(errors);
    }

    @Override
    public byte[] read(String path) throws IOException {
        String error = errors.get(path);
        if (error != null) {
            throw error.equals("permission denied") ? new AccessDeniedException(path)
                    : new java.nio.file.FileSystemException(path, null, error);
        }
        return files.read(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return files.list(dir);
    }

    @Override
    public String readLink(String path) throws IOException {
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
        return files.statvfs(path);
    }
}
