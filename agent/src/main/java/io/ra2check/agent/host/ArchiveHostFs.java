package io.ra2check.agent.host;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A host root held in memory, read from a snapshot archive: nothing is extracted to disk. */
public final class ArchiveHostFs extends TreeHostFs {
    private final Map<String, ArchiveMember> entries = new HashMap<>();
    private final Map<String, TreeSet<String>> children = new HashMap<>();

    /** @param members as {@link ArchiveReader} read them; a later member of the same path replaces an earlier one */
    public ArchiveHostFs(List<ArchiveMember> members) {
        super(null);
        children.put("/", new TreeSet<>());
        for (ArchiveMember e : members) {
            String real = "/" + e.path();
            entries.put(real, e);
            if (e.type() == ArchiveMember.Type.DIRECTORY) {
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

    /**
     * The first link member that cannot be resolved within the link budget (a loop, or links that fan out), with the
     * reason; null when every link resolves or dangles. A ra2check snapshot holds only links the kernel resolved on
     * the host, so such a link means a damaged or hostile archive.
     */
    public String unresolvableLink() {
        for (Map.Entry<String, ArchiveMember> e : entries.entrySet()) {
            if (e.getValue().type() != ArchiveMember.Type.SYMLINK) {
                continue;
            }
            beginLookup();
            try {
                resolve(e.getKey(), true);
            } catch (java.nio.file.FileSystemException ex) {
                if (ex.getReason() != null && !(ex instanceof NoSuchFileException)) {
                    return e.getKey().substring(1) + ": " + ex.getReason();
                }
            } catch (IOException ex) {
                // a dangling link is data (the host's own), not damage
            }
        }
        return null;
    }

    @Override
    protected byte[] readIfRegularFile(String realPath) throws IOException {
        ArchiveMember e = entries.get(realPath);
        if (e == null) {
            if (children.containsKey(realPath)) {
                return null;
            }
            throw new NoSuchFileException(realPath);
        }
        return e.type() == ArchiveMember.Type.FILE ? e.content() : null;
    }

    @Override
    protected Kind kindOf(String realPath) {
        ArchiveMember e = entries.get(realPath);
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
        ArchiveMember e = entries.get(realPath);
        if (e == null || e.type() != ArchiveMember.Type.FILE) {
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
        ArchiveMember e = entries.get(realPath);
        if (e == null || e.type() != ArchiveMember.Type.SYMLINK) {
            throw new java.nio.file.NotLinkException(realPath);
        }
        return e.linkTarget();
    }

    @Override
    public FsStats statvfs(String path) throws IOException {
        throw new IOException("filesystem statistics of " + path + " are not recorded in this archive");
    }
}
