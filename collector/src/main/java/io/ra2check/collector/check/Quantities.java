package io.ra2check.collector.check;

/** How the cluster checks write sources and quantities in evidence. */
public final class Quantities {
    private Quantities() {
    }

    static String src(NodeFacts n, String field) {
        return "node/" + n.name() + " " + field;
    }

    static String join(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b;
        }
        return b == null || b.isEmpty() ? a : a + "; " + b;
    }

    /** Millicores as CPUs: 2500 gives 2.5. */
    static String cpu(long millis) {
        if (millis % 1000 == 0) {
            return Long.toString(millis / 1000);
        }
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    static String quantity(Long bytes) {
        if (bytes == null) {
            return "not advertised";
        }
        long gi = 1L << 30;
        long mi = 1L << 20;
        if (bytes != 0 && bytes % gi == 0) {
            return bytes / gi + "Gi";
        }
        if (bytes != 0 && bytes % mi == 0) {
            return bytes / mi + "Mi";
        }
        return Long.toString(bytes);
    }

    /** The Kubernetes resource name of a huge page size: 2048 KiB gives hugepages-2Mi, 1048576 gives hugepages-1Gi. */
    public static String hugepageResource(long sizeKiB) {
        if (sizeKiB % (1024 * 1024) == 0) {
            return "hugepages-" + sizeKiB / (1024 * 1024) + "Gi";
        }
        if (sizeKiB % 1024 == 0) {
            return "hugepages-" + sizeKiB / 1024 + "Mi";
        }
        return "hugepages-" + sizeKiB + "Ki";
    }
}
