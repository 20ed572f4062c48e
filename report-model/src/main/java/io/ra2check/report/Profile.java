package io.ra2check.report;

/** The two Anuket RA2 node profiles. */
public enum Profile {
    BASIC("basic"),
    /** Called "high-performance" in parts of the RA2 text; the label RA2 prescribes uses "network-intensive". */
    NETWORK_INTENSIVE("network-intensive");

    private final String wireName;

    Profile(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the command line, in JSON and in the {@code anuket.io/profile/<name>} label. */
    public String wireName() {
        return wireName;
    }

    public static Profile fromWire(String s) {
        for (Profile p : values()) {
            if (p.wireName.equals(s)) {
                return p;
            }
        }
        if ("high-performance".equals(s)) {
            return NETWORK_INTENSIVE;
        }
        throw new IllegalArgumentException("unknown profile '" + s + "' (expected basic or network-intensive)");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
