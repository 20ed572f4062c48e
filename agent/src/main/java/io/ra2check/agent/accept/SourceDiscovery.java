package io.ra2check.agent.accept;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the servers of a delivery: the snapshot archives and host trees named on the command line or lying in a
 * directory. A host tree is a directory laid out like / that has {@code sys/} or {@code proc/} (or a snapshot
 * manifest); the shared-hosts layout {@code <case>/rootfs} counts as the tree {@code rootfs} named after the case.
 */
public final class SourceDiscovery {
    private SourceDiscovery() {
    }

    /** A source that cannot be used; the message is one line for the user. */
    public static final class BadSourceException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadSourceException(String message) {
            super(message);
        }
    }

    /** What a directory holds. */
    public record Listing(List<ServerSource> servers, List<String> skipped) {
        public Listing {
            servers = List.copyOf(servers);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * The servers in {@code dir}, by name: archives ({@code .tar.gz}, {@code .tgz}, {@code .tar}), host trees, and
     * {@code <case>/rootfs} trees. Hidden entries are passed over; anything else is listed as skipped.
     */
    public static Listing inDirectory(Path dir) throws BadSourceException {
        if (!Files.isDirectory(dir)) {
            throw new BadSourceException("--dir " + dir + ": not a directory");
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                entries.add(p);
            }
        } catch (IOException e) {
            throw new BadSourceException("--dir " + dir + ": cannot be listed (" + io.ra2check.agent.host.Fs.why(e)
                    + ")");
        }
        entries.sort(null);
        List<ServerSource> servers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            String label = dir.resolve(name).toString();
            if (Files.isRegularFile(p) && isArchiveName(name)) {
                servers.add(new ServerSource(label, p, stripArchiveExtension(name)));
            } else if (Files.isDirectory(p) && looksLikeRoot(p)) {
                servers.add(new ServerSource(label, p, name));
            } else if (Files.isDirectory(p) && looksLikeRoot(p.resolve("rootfs"))) {
                servers.add(new ServerSource(label, p.resolve("rootfs"), name));
            } else {
                skipped.add(name);
            }
        }
        return new Listing(servers, skipped);
    }

    /**
     * A server named on the command line: an archive, a host tree, a {@code <case>} folder holding {@code rootfs/},
     * or any other directory or file, which is then checked as given (and reported as damaged or not Linux).
     *
     * @throws BadSourceException when the path does not exist, or is a directory of snapshots (meant for --dir)
     */
    public static ServerSource ofArgument(String argument) throws BadSourceException {
        Path p = Path.of(argument);
        if (!Files.exists(p)) {
            throw new BadSourceException(argument + ": no such file or directory");
        }
        String name = p.toAbsolutePath().normalize().getFileName() == null ? "/"
                : p.toAbsolutePath().normalize().getFileName().toString();
        if (Files.isDirectory(p)) {
            if (looksLikeRoot(p)) {
                return new ServerSource(argument, p, name);
            }
            if (looksLikeRoot(p.resolve("rootfs"))) {
                return new ServerSource(argument, p.resolve("rootfs"), name);
            }
            Listing inside = inDirectory(p);
            if (!inside.servers().isEmpty()) {
                throw new BadSourceException(argument + " is a directory holding " + inside.servers().size()
                        + " snapshots or host trees, not a host tree: use --dir " + argument);
            }
            return new ServerSource(argument, p, name);
        }
        return new ServerSource(argument, p, stripArchiveExtension(name));
    }

    /** Sources in order, each location once (the same snapshot named twice is checked once). */
    public static List<ServerSource> distinct(List<ServerSource> sources) {
        Map<Path, ServerSource> byPath = new LinkedHashMap<>();
        for (ServerSource s : sources) {
            byPath.putIfAbsent(s.location().toAbsolutePath().normalize(), s);
        }
        return List.copyOf(byPath.values());
    }

    static boolean looksLikeRoot(Path dir) {
        return io.ra2check.agent.host.HostRoots.hasHostLayout(dir);
    }

    static boolean isArchiveName(String name) {
        return name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar");
    }

    static String stripArchiveExtension(String name) {
        for (String ext : new String[] {".tar.gz", ".tgz", ".tar"}) {
            if (name.endsWith(ext) && name.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }
}
