package io.ra2check.agent.facts;

import java.util.List;

/** Physical block devices from /sys/block (no loop, ram, zram, device-mapper, md or optical devices). */
public record DiskFacts(Fact<List<Disk>> disks) {

    /** @param rotational null when queue/rotational was not readable */
    public record Disk(String name, Long sizeBytes, Boolean rotational, boolean removable, String model) {
    }
}
