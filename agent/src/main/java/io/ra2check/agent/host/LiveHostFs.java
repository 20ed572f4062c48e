package io.ra2check.agent.host;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The running host's own root, {@code /}: paths are used as they are, and the kernel resolves links. The fast path for
 * {@code check} on the machine itself.
 */
public final class LiveHostFs implements HostFs {

    /**
     * sysfs and procfs files are small and many (a server has hundreds of memory blocks and CPUs): a plain
     * FileInputStream costs a fraction of the NIO channel path on a cold JVM, where every line is interpreted.
     */
    @Override
    public byte[] read(String path) throws IOException {
        try (FileInputStream in = new FileInputStream(path)) {
            return HostFs.readBounded(in, path);
        } catch (FileNotFoundException e) {
            throw translate(path, e);
        }
    }

    /** FileInputStream reports every failure to open as FileNotFoundException; give the specific one back. */
    static IOException translate(String path, FileNotFoundException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.endsWith("(No such file or directory)") || m.endsWith("(Not a directory)")) {
            return new NoSuchFileException(path);
        }
        if (m.endsWith("(Permission denied)")) {
            return new AccessDeniedException(path);
        }
        if (m.endsWith("(Is a directory)")) {
            return new FileSystemException(path, null, "is a directory");
        }
        int paren = m.lastIndexOf(" (");
        return new FileSystemException(path, null, paren >= 0 && m.endsWith(")")
                ? m.substring(paren + 2, m.length() - 1) : m);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(dir))) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        }
        Collections.sort(names);
        return names;
    }

    @Override
    public String readLink(String path) throws IOException {
        return Files.readSymbolicLink(Path.of(path)).toString();
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(Path.of(path));
    }

    @Override
    public FsStats statvfs(String path) throws IOException {
        Path p = Path.of(path);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
            throw new NoSuchFileException(path);
        }
        FileStore store = Files.getFileStore(p);
        return new FsStats(path, store.getTotalSpace(), store.getUsableSpace());
    }
}
