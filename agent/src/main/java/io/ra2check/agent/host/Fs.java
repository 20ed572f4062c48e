package io.ra2check.agent.host;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Small helpers shared by readers of a {@link HostFs}. */
public final class Fs {
    private Fs() {
    }

    /** {@code parent + "/" + name} without doubling the slash at the root. */
    public static String join(String parent, String name) {
        return parent.endsWith("/") ? parent + name : parent + "/" + name;
    }

    public static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /**
     * Why a read failed, in a few words a person can act on: "missing", "permission denied", or the system's message.
     */
    public static String why(IOException e) {
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return "missing";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** {@code "<path>: <why>"}, the form used in UNKNOWN reasons. */
    public static String describe(String path, IOException e) {
        return path + ": " + why(e);
    }
}
