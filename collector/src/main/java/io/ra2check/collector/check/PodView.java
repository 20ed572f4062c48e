package io.ra2check.collector.check;

/** The pods of one node as far as the collector can see them: totals, or why they are not known. */
public record PodView(CpuTotals totals, String unknownReason) {
    public PodView {
        if ((totals == null) == (unknownReason == null)) {
            throw new IllegalArgumentException("exactly one of totals and unknownReason");
        }
    }

    public static PodView of(CpuTotals totals) {
        return new PodView(totals, null);
    }

    public static PodView unknown(String reason) {
        return new PodView(null, reason);
    }
}
