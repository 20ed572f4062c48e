package io.ra2check.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a rendered result to standard output or, atomically, to a file. */
final class Output {
    private Output() {
    }

    static void write(String content, Path file, PrintWriter out) {
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
            throw new Main.UsageError("--out " + file + ": cannot write (" + io.ra2check.agent.host.Fs.why(e) + ")");
        }
    }
}
