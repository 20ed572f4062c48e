package io.ra2check.agent.check;

import java.util.Locale;

/** How sizes and speeds are written in verdicts. */
public final class Units {
    public static final long GIB = 1L << 30;
    public static final long GB = 1_000_000_000L;

    private Units() {
    }

    public static String gib(long bytes) {
        return trim(String.format(Locale.ROOT, "%.1f", bytes / (double) GIB)) + " GiB";
    }

    public static String gb(long bytes) {
        return trim(String.format(Locale.ROOT, "%.1f", bytes / (double) GB)) + " GB";
    }

    public static String gbps(long mbps) {
        return trim(String.format(Locale.ROOT, "%.1f", mbps / 1000.0)) + " Gb/s";
    }

    private static String trim(String s) {
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
