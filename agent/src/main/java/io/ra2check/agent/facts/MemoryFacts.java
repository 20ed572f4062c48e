package io.ra2check.agent.facts;

/**
 * Memory size from the three places the kernel shows it.
 *
 * @param memTotalBytes       /proc/meminfo MemTotal: what the kernel manages, less than what is installed
 * @param onlineBlocksBytes   online memory blocks x block_size_bytes (/sys/devices/system/memory): the physical
 *                            address ranges holding RAM, which can exceed the DIMMs by up to one block at each hole
 */
public record MemoryFacts(Fact<Long> memTotalBytes, Fact<Long> onlineBlocksBytes) {
}
