package io.ra2check.agent.facts;

import java.util.List;
import java.util.SortedMap;

/**
 * Huge pages.
 *
 * @param pools         one per size the kernel supports (/sys/kernel/mm/hugepages/hugepages-*kB)
 * @param defaultSizeKiB /proc/meminfo Hugepagesize (HugePages_Total there covers this size only)
 * @param hugetlbInMeminfo whether /proc/meminfo has the HugePages_Total and Hugepagesize lines, which every kernel built
 *                       with huge page support prints; unknown when /proc/meminfo could not be read
 */
public record HugepageFacts(Fact<List<Pool>> pools, Fact<Long> defaultSizeKiB, Fact<Boolean> hugetlbInMeminfo) {

    /** One page size: configured and free pages, overall and per NUMA node (empty maps where not captured). */
    public record Pool(long sizeKiB, Long total, Long free, SortedMap<Integer, Long> totalByNode,
                       SortedMap<Integer, Long> freeByNode) {
    }
}
