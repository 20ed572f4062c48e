package io.ra2check.agent.cli;

import io.ra2check.agent.host.Fs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes rendered results to standard output or, atomically, to files. */
final class Output {
    private Output() {
    }

    /** Before any host is read: a report that cannot be written is a bad argument, not a late surprise. */
    static void checkWritable(String option, Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new Main.UsageError(option + " " + file + ": is a directory");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new Main.UsageError(option + " " + file + ": directory " + parent + " does not exist");
        }
        if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new Main.UsageError(option + " " + file + ": not writable");
        }
    }

    /** What writes a report to a writer, for reports too large to hold as one string. */
    interface Streamed {
        void writeTo(java.io.Writer w) throws IOException;
    }

    /** As {@link #write(String, String, Path, PrintWriter)}, the content written as it is rendered. */
    static void write(String option, Streamed content, Path file, PrintWriter out) {
        try {
            if (file == null) {
                content.writeTo(out);
                out.flush();
                return;
            }
            Path parent = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try {
                try (java.io.Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    content.writeTo(w);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new Main.UsageError(option + " " + file + ": cannot write (" + Fs.why(e) + ")");
        }
    }

    /** To {@code file} when given (atomically: a reader never sees half a report), else to {@code out}. */
    static void write(String option, String content, Path file, PrintWriter out) {
        if (file == null) {
            out.print(content);
            out.flush();
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new Main.UsageError(option + " " + file + ": cannot write (" + Fs.why(e) + ")");
        }
    }
}
