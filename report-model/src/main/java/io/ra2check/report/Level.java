package io.ra2check.report;

import java.util.Locale;

/** How strongly a profile requires something (RFC 2119 wording of the RA2 text). */
public enum Level {
    MUST,
    SHOULD,
    MAY,
    /** The requirement is not part of the profile (a "-" in the RI2 requirements table). */
    NONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Level fromWire(String s) {
        if (s == null) {
            throw new IllegalArgumentException("missing level");
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "must" -> MUST;
            case "should" -> SHOULD;
            case "may" -> MAY;
            case "none", "-" -> NONE;
            default -> throw new IllegalArgumentException("unknown level '" + s + "' (expected must, should, may or none)");
        };
    }
}
