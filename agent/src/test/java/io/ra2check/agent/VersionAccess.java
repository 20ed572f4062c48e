package io.ra2check.agent;

import java.util.Optional;

/** Test access to {@link Version}'s package-private parsing. */
public final class VersionAccess {
    private VersionAccess() {
    }

    public static Optional<String> unfiltered(String value) {
        return Version.unfiltered(value);
    }
}
