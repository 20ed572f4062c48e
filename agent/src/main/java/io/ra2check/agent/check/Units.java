package io.ra2check.agent.check;

/** How sizes and speeds are written in verdicts. */
public final class Units {
    public static final long GIB = 1L << 30;
    public static final long GB = 1_000_000_000L;

    private Units() {
    }

    public static String gib(long bytes) {
        return oneDecimal(bytes / (double) GIB) + " GiB";
    }

    public static String gb(long bytes) {
        return oneDecimal(bytes / (double) GB) + " GB";
    }

    public static String gbps(long mbps) {
        return oneDecimal(mbps / 1000.0) + " Gb/s";
    }

    /**
     * A non-negative value to one decimal, without a trailing ".0" (31.5, 32). Plain arithmetic rather than
     * String.format, whose format-string parsing is a noticeable share of a cold start.
     */
    public static String oneDecimal(double v) {
        long tenths = Math.round(v * 10);
        long whole = tenths / 10;
        long frac = Math.abs(tenths % 10);
        return (v < 0 && whole == 0 && frac != 0 ? "-" : "") + whole + (frac == 0 ? "" : "." + frac);
    }
}
