package io.ra2check.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/** The tool's version and the commit it was built from, filtered into resources by the build. */
public final class Version {
    private Version() {
    }

    public static String get() {
        String v = resource("version.txt").trim();
        return v.isEmpty() || v.startsWith("$") ? "dev" : v;
    }

    /** The abbreviated commit id, when the jar was built from a git checkout. */
    public static Optional<String> commit() {
        return property("commit");
    }

    /** The commit's time (ISO-8601, UTC), when the jar was built from a git checkout. */
    public static Optional<String> commitTime() {
        return property("time");
    }

    private static Optional<String> property(String key) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(resource("commit.txt")));
        } catch (IOException e) {
            return Optional.empty();
        }
        return unfiltered(p.getProperty(key));
    }

    /** A value the build did not fill in (no .git directory: the placeholder survives filtering) is no value. */
    static Optional<String> unfiltered(String value) {
        if (value == null || value.isBlank() || value.contains("${")) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    private static String resource(String name) {
        try (InputStream in = Version.class.getResourceAsStream(name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
