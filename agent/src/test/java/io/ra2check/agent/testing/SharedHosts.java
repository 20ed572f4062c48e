package io.ra2check.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real servers captured by others in ../shared/hosts (beside the project, never copied into it). Tests that use
 * them are skipped, not failed, where the folder is absent, so a plain clone's test suite still passes.
 */
public final class SharedHosts {
    private SharedHosts() {
    }

    public static Path dir() {
        String prop = System.getProperty("ra2check.sharedHosts");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolveSibling("shared").resolve("hosts");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            p = p.getParent();
        }
        return null;
    }

    /** The case's folder; skips the calling test when the shared hosts are not here. */
    public static Path caseDir(String name) {
        Path d = dir();
        Assumptions.assumeTrue(d != null && Files.isDirectory(d.resolve(name)),
                "../shared/hosts/" + name + " is not available");
        return d.resolve(name);
    }

    public static Path rootfs(String name) {
        return caseDir(name).resolve("rootfs");
    }

    /** The case's machine-readable truth (facts.json). */
    public static JsonNode truth(String name) {
        try {
            return JsonMapper.builder().build().readTree(Files.readAllBytes(caseDir(name).resolve("facts.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
