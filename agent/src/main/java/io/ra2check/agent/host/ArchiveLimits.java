package io.ra2check.agent.host;

/**
 * How much of a snapshot archive is held in memory at most. A snapshot is untrusted input (a vendor sends it for
 * acceptance), and every member is kept in memory while the host is checked, so these bounds are what stands between
 * a 60 KB gzip bomb and an OutOfMemoryError.
 *
 * <p>The largest file a probe reads is {@code /proc/cpuinfo} (about 1.5 KB per CPU: under 1 MiB at 512 CPUs) or the
 * SMBIOS table (at most 64 KiB through the 32-bit entry point, rarely more through the 64-bit one); a snapshot of a
 * 64-CPU server with three NICs is 2.2 MB and 2,900 members uncompressed. The bounds leave an order of magnitude above
 * that, and stay under half the launcher's 64 MiB heap.
 *
 * @param maxMemberBytes the largest member content accepted
 * @param maxTotalBytes  member contents plus a per-member charge for what holding it costs (name, link, index)
 * @param maxMembers     the most members accepted
 */
public record ArchiveLimits(long maxMemberBytes, long maxTotalBytes, int maxMembers) {
    /** What one archive may hold when it is the only one being read (check --root). */
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(8L << 20, 24L << 20, 100_000);

    /** Bytes charged per member besides its content and names: the member record and the lookup indexes. */
    static final int MEMBER_OVERHEAD_BYTES = 160;

    public ArchiveLimits {
        if (maxMemberBytes < 1 || maxTotalBytes < maxMemberBytes || maxMembers < 1) {
            throw new IllegalArgumentException("archive limits must be positive, with the total at least one member");
        }
    }

    /**
     * The limits for one of {@code concurrent} archives read at once in a heap of {@code maxHeapBytes} (accept):
     * together they stay under half the heap, and each still holds the largest real snapshot by a wide margin.
     */
    public static ArchiveLimits forConcurrentReads(int concurrent, long maxHeapBytes) {
        long share = maxHeapBytes / 2 / Math.max(1, concurrent);
        long total = Math.max(DEFAULT.maxMemberBytes, Math.min(DEFAULT.maxTotalBytes, share));
        return new ArchiveLimits(DEFAULT.maxMemberBytes, total, DEFAULT.maxMembers);
    }

    static String mib(long bytes) {
        if (bytes < 1 << 20) {
            return (bytes >> 10) + " KiB";
        }
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : String.format(java.util.Locale.ROOT, "%.1f MiB",
                bytes / 1048576.0);
    }
}
