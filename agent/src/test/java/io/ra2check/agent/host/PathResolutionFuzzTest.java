package io.ra2check.agent.host;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Path resolution over trees of links a snapshot or a captured directory can hold. The property is the bound, not only
 * "no unexpected exception": every lookup costs at most the components it names plus {@value
 * TreeHostFs#MAX_LINK_EXPANSIONS} link expansions of the longest target, never builds a real path longer than PATH_MAX,
 * and returns within a second, in memory (archives) and on disk (trees).
 */
class PathResolutionFuzzTest {
    private static final String[] NAMES = {"a", "b", "c", "sys", "proc", "devices", "net"};

    /** The archive file system's own resolution, over a map, counting what each lookup asks of the tree. */
    static final class CountingFs extends TreeHostFs {
        final Map<String, ArchiveMember> entries = new HashMap<>();
        long asked;
        int longestPath;

        CountingFs(List<ArchiveMember> members) {
            super(null);
            for (ArchiveMember m : members) {
                entries.put("/" + m.path(), m);
            }
        }

        @Override
        protected Kind kindOf(String realPath) {
            asked++;
            longestPath = Math.max(longestPath, realPath.length());
            ArchiveMember m = entries.get(realPath);
            if (m != null) {
                return switch (m.type()) {
                    case FILE -> Kind.FILE;
                    case DIRECTORY -> Kind.DIRECTORY;
                    case SYMLINK -> Kind.LINK;
                };
            }
            String prefix = realPath.equals("/") ? "/" : realPath + "/";
            return entries.keySet().stream().anyMatch(k -> k.startsWith(prefix)) ? Kind.DIRECTORY : null;
        }

        @Override
        protected byte[] readReal(String realPath) throws IOException {
            asked++;
            ArchiveMember m = entries.get(realPath);
            if (m == null || m.type() != ArchiveMember.Type.FILE) {
                throw new java.nio.file.NoSuchFileException(realPath);
            }
            return m.content();
        }

        @Override
        protected List<String> listReal(String realPath) {
            asked++;
            String prefix = realPath.equals("/") ? "/" : realPath + "/";
            return entries.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length()))
                    .map(k -> k.contains("/") ? k.substring(0, k.indexOf('/')) : k).distinct().sorted().toList();
        }

        @Override
        protected String linkTargetReal(String realPath) throws IOException {
            asked++;
            ArchiveMember m = entries.get(realPath);
            if (m == null || m.type() != ArchiveMember.Type.SYMLINK) {
                throw new java.nio.file.NotLinkException(realPath);
            }
            return m.linkTarget();
        }

        @Override
        public FsStats statvfs(String path) throws IOException {
            throw new IOException("none");
        }
    }

    private static String path(FuzzedDataProvider data, int maxComponents, boolean relative) {
        StringBuilder sb = new StringBuilder();
        int n = data.consumeInt(1, maxComponents);
        for (int i = 0; i < n; i++) {
            if (i > 0 || !relative) {
                sb.append('/');
            }
            int pick = data.consumeInt(0, NAMES.length + 1);
            sb.append(pick == NAMES.length ? ".." : pick == NAMES.length + 1 ? "." : NAMES[pick]);
        }
        return sb.toString();
    }

    private static List<ArchiveMember> members(FuzzedDataProvider data) {
        List<ArchiveMember> members = new ArrayList<>();
        int n = data.consumeInt(1, 24);
        for (int i = 0; i < n; i++) {
            String p = path(data, 4, false).substring(1).replace("../", "").replace("./", "");
            if (p.isEmpty() || p.equals("..") || p.equals(".") || p.endsWith("/..") || p.endsWith("/.")) {
                continue;
            }
            members.add(switch (data.consumeInt(0, 2)) {
                case 0 -> ArchiveMember.file(p, data.consumeBytes(8));
                case 1 -> ArchiveMember.directory(p);
                default -> ArchiveMember.symlink(p, data.consumeBoolean() ? path(data, 8, false)
                        : path(data, 8, true));
            });
        }
        return members;
    }

    private static void lookUp(HostFs fs, String p) {
        try {
            fs.read(p);
        } catch (IOException expected) {
            // missing, a loop, a directory: all answers
        }
        try {
            fs.list(p);
        } catch (IOException expected) {
            // as above
        }
        fs.exists(p);
        fs.isDirectory(p);
    }

    @FuzzTest(maxDuration = "10s")
    void archiveLookupsStayWithinTheLinkBudget(FuzzedDataProvider data) {
        List<ArchiveMember> members = members(data);
        CountingFs fs = new CountingFs(members);
        int longestTarget = 1;
        for (ArchiveMember m : members) {
            if (m.linkTarget() != null) {
                longestTarget = Math.max(longestTarget, m.linkTarget().split("/").length);
            }
        }
        for (int i = 0; i < 8 && data.remainingBytes() > 0; i++) {
            String p = path(data, 10, false);
            long before = fs.asked;
            long t0 = System.nanoTime();
            lookUp(fs, p);
            long asked = fs.asked - before;
            // four lookups; each: its components, then at most the budget of expansions of the longest target, each
            // component asked for its kind, its link target and (flattened links) its content
            long bound = 4L * 3 * (p.split("/").length + 1 + (TreeHostFs.MAX_LINK_EXPANSIONS + 1L) * (longestTarget + 1));
            if (asked > bound) {
                throw new IllegalStateException(p + " asked the tree " + asked + " times (bound " + bound + ")");
            }
            if (fs.longestPath > TreeHostFs.MAX_PATH_LENGTH) {
                throw new IllegalStateException("built a real path of " + fs.longestPath + " characters");
            }
            if (System.nanoTime() - t0 > 1_000_000_000L) {
                throw new IllegalStateException(p + " took more than a second");
            }
        }
        new ArchiveHostFs(members).unresolvableLink();
    }

    @FuzzTest(maxDuration = "10s")
    void treeLookupsReturnWithinASecond(FuzzedDataProvider data) throws IOException {
        Path root = Files.createTempDirectory("ra2-fuzz-tree");
        try {
            for (ArchiveMember m : members(data)) {
                Path p = root.resolve(m.path());
                try {
                    Files.createDirectories(p.getParent());
                    switch (m.type()) {
                        case FILE -> Files.write(p, m.content());
                        case DIRECTORY -> Files.createDirectories(p);
                        case SYMLINK -> Files.createSymbolicLink(p, Path.of(m.linkTarget()));
                    }
                } catch (IOException | java.nio.file.InvalidPathException clash) {
                    // a file where a directory is wanted, a link already there: the tree is what could be made
                }
            }
            DirectoryHostFs fs = new DirectoryHostFs(root, false, null);
            for (int i = 0; i < 8 && data.remainingBytes() > 0; i++) {
                String p = path(data, 10, false);
                long t0 = System.nanoTime();
                lookUp(fs, p);
                if (System.nanoTime() - t0 > 1_000_000_000L) {
                    throw new IllegalStateException(p + " took more than a second");
                }
            }
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
