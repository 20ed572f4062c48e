package io.ra2check.agent.cli;

import io.ra2check.agent.host.Fs;
import io.ra2check.workload.KubeObject;
import io.ra2check.workload.Manifests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The manifests {@code ra2check workload} reads: files, directories (recursively, {@code *.yaml}, {@code *.yml},
 * {@code *.json}) and {@code -} for standard input. Bounded as one input: a directory of a million files, or more
 * bytes together than {@link Manifests#maxBytes()}, is refused before any is parsed, so a mistaken path (a whole
 * disk) ends at once.
 */
final class ManifestInputs {
    /** Far above any chart's rendered output; a directory with more is not a set of manifests. */
    static final int MAX_FILES = 2_000;
    /** A directory tree deeper than this is not a chart's. */
    static final int MAX_DEPTH = 16;

    private ManifestInputs() {
    }

    /** Every object of every input, in order (a directory's files sorted by path). */
    static List<KubeObject> read(List<String> inputs, InputStream stdin) {
        List<Path> files = new ArrayList<>();
        boolean readStdin = false;
        for (String input : inputs) {
            if (input.equals("-")) {
                if (readStdin) {
                    throw new Main.UsageError("-: standard input given twice");
                }
                readStdin = true;
                continue;
            }
            Path p = Path.of(input);
            if (Files.isDirectory(p)) {
                List<Path> found = manifestFiles(p);
                if (found.isEmpty()) {
                    throw new Main.UsageError(input + ": no *.yaml, *.yml or *.json file in the directory");
                }
                files.addAll(found);
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new Main.UsageError(input + ": " + (Files.exists(p) ? "not a file or directory"
                        : "no such file or directory"));
            }
            if (files.size() > MAX_FILES) {
                throw new Main.UsageError(input + ": more than " + MAX_FILES + " manifest files");
            }
        }
        long total = 0;
        List<byte[]> contents = new ArrayList<>();
        for (Path f : files) {
            try {
                long size = Files.size(f);
                total += size;
                if (total > Manifests.maxBytes()) {
                    throw new Main.UsageError(f + ": the manifests together are larger than "
                            + (Manifests.maxBytes() >> 20) + " MiB");
                }
                contents.add(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new Main.UsageError(f + ": cannot read (" + Fs.why(e) + ")");
            }
        }
        List<KubeObject> objects = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                objects.addAll(Manifests.parse(contents.get(i), files.get(i).toString()));
            }
            if (readStdin) {
                byte[] in = readBounded(stdin, Manifests.maxBytes() - total);
                objects.addAll(Manifests.parse(in, "(standard input)"));
            }
        } catch (Manifests.ManifestException e) {
            throw new Main.UsageError(e.getMessage());
        }
        if (objects.isEmpty()) {
            // judging nothing would pass: a template that rendered nothing must not look like a conformant workload
            throw new Main.UsageError(String.join(" ", inputs) + ": no Kubernetes objects");
        }
        return objects;
    }

    private static byte[] readBounded(InputStream in, long limit) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new Main.UsageError("(standard input): the manifests together are larger than "
                        + (Manifests.maxBytes() >> 20) + " MiB");
            }
            return bytes;
        } catch (IOException e) {
            throw new Main.UsageError("(standard input): cannot read (" + Fs.why(e) + ")");
        }
    }

    private static List<Path> manifestFiles(Path dir) {
        List<Path> found = new ArrayList<>();
        // links are not followed: a link out of the tree (or to its parent) would make a walk without end
        try (Stream<Path> s = Files.walk(dir, MAX_DEPTH)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && isManifest(p)) {
                    found.add(p);
                    if (found.size() > MAX_FILES) {
                        throw new Main.UsageError(dir + ": more than " + MAX_FILES + " manifest files");
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException io = e instanceof IOException x ? x : ((java.io.UncheckedIOException) e).getCause();
            throw new Main.UsageError(dir + ": cannot list (" + Fs.why(io) + ")");
        }
        found.sort(null);
        return found;
    }

    private static boolean isManifest(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }
}
