package io.ra2check.collector.check;

/**
 * The pods of one node as far as the collector can see them: CPU totals and the NFD daemons, or why they are not
 * known.
 */
public record PodView(CpuTotals totals, NfdPods nfd, String unknownReason) {
    public PodView {
        if ((totals == null) == (unknownReason == null)) {
            throw new IllegalArgumentException("exactly one of totals and unknownReason");
        }
        if (totals != null && nfd == null) {
            nfd = NfdPods.NONE;
        }
    }

    /** The pods' totals, with no NFD daemon seen. */
    public static PodView of(CpuTotals totals) {
        return new PodView(totals, NfdPods.NONE, null);
    }

    public static PodView of(CpuTotals totals, NfdPods nfd) {
        return new PodView(totals, nfd, null);
    }

    public static PodView unknown(String reason) {
        return new PodView(null, null, reason);
    }
}
