package io.ra2check.agent.facts;

import io.ra2check.report.Evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * How much RAM the machine is equipped with, from the best source available: the DIMMs firmware lists (SMBIOS
 * type 17), else online memory blocks, else MemTotal, which is short of the installed amount by what the kernel and
 * firmware reserve (a 32 GiB server shows about 31 GiB).
 *
 * @param source {@code smbios}, {@code memory-blocks} or {@code meminfo}
 * @param lowerBoundOnly the figure is MemTotal: the machine has at least this much, probably somewhat more
 */
public record InstalledMemory(long bytes, String source, boolean lowerBoundOnly, Integer dimms, Integer slots,
                              List<Evidence> evidence) {

    public static Fact<InstalledMemory> of(MemoryFacts memory, SmbiosFacts smbios) {
        List<Evidence> ev = new ArrayList<>();
        if (smbios.table().known()) {
            SmbiosFacts.Table t = smbios.table().get();
            List<SmbiosFacts.MemoryDevice> devices = t.memoryDevices();
            boolean allKnown = !devices.isEmpty() && devices.stream().allMatch(d -> d.sizeBytes() != null);
            long sum = devices.stream().filter(SmbiosFacts.MemoryDevice::populated)
                    .mapToLong(SmbiosFacts.MemoryDevice::sizeBytes).sum();
            int populated = (int) devices.stream().filter(SmbiosFacts.MemoryDevice::populated).count();
            if (allKnown && sum > 0) {
                ev.add(new Evidence("/sys/firmware/dmi/tables/DMI", "type 17: " + populated + " of "
                        + devices.size() + " memory devices populated, " + (sum >> 20) + " MiB"));
                Integer slots = t.memorySlots() != null ? t.memorySlots() : devices.size();
                return Fact.of(new InstalledMemory(sum, "smbios", false, populated, slots, ev), ev);
            }
        }
        if (memory.onlineBlocksBytes().known()) {
            ev.addAll(memory.onlineBlocksBytes().evidence());
            return Fact.of(new InstalledMemory(memory.onlineBlocksBytes().get(), "memory-blocks", false, null, null,
                    ev), ev);
        }
        if (memory.memTotalBytes().known()) {
            ev.addAll(memory.memTotalBytes().evidence());
            return Fact.of(new InstalledMemory(memory.memTotalBytes().get(), "meminfo", true, null, null, ev), ev);
        }
        return Fact.unknown("no source of the memory size could be read (" + memory.memTotalBytes().unknownReason()
                + ")");
    }
}
