package io.ra2check.agent.host;

import io.ra2check.agent.snapshot.Tar;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A host root held in memory, read from a snapshot archive: nothing is extracted to disk. */
public final class ArchiveHostFs extends TreeHostFs {
    private final Map<String, Tar.Entry> entries = new HashMap<>();
    private final Map<String, TreeSet<String>> children = new HashMap<>();

    public ArchiveHostFs(List<Tar.Entry> members) {
        super(null);
        children.put("/", new TreeSet<>());
        for (Tar.Entry e : members) {
            String real = "/" + e.path();
            entries.put(real, e);
            if (e.type() == Tar.Type.DIRECTORY) {
                children.computeIfAbsent(real, k -> new TreeSet<>());
            }
            // every ancestor is a directory, whether or not the archive lists it
            String child = real;
            String parent = parentOf(child);
            while (true) {
                children.computeIfAbsent(parent, k -> new TreeSet<>()).add(child.substring(child.lastIndexOf('/') + 1));
                if (parent.equals("/")) {
                    break;
                }
                child = parent;
                parent = parentOf(child);
            }
        }
    }

    @Override
    protected Kind kind(String realPath) {
        Tar.Entry e = entries.get(realPath);
        if (e != null) {
            return switch (e.type()) {
                case FILE -> Kind.FILE;
                case DIRECTORY -> Kind.DIRECTORY;
                case SYMLINK -> Kind.LINK;
            };
        }
        return children.containsKey(realPath) ? Kind.DIRECTORY : null;
    }

    @Override
    protected byte[] readReal(String realPath) throws IOException {
        Tar.Entry e = entries.get(realPath);
        if (e == null || e.type() != Tar.Type.FILE) {
            throw new NoSuchFileException(realPath);
        }
        return e.content();
    }

    @Override
    protected List<String> listReal(String realPath) throws IOException {
        TreeSet<String> c = children.get(realPath);
        if (c == null) {
            throw new NoSuchFileException(realPath);
        }
        return List.copyOf(c);
    }

    @Override
    protected String linkTargetReal(String realPath) throws IOException {
        Tar.Entry e = entries.get(realPath);
        if (e == null || e.type() != Tar.Type.SYMLINK) {
            throw new java.nio.file.NotLinkException(realPath);
        }
        return e.linkTarget();
    }

    @Override
    public FsStats statvfs(String path) throws IOException {
        throw new IOException("filesystem statistics of " + path + " are not recorded in this archive");
    }
}
