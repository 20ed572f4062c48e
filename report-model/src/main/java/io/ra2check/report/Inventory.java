package io.ra2check.report;

import java.util.List;

/**
 * What the node is, for people reading a report or accepting a delivery of servers. Every field may be null: null
 * means "not known" (not captured, not readable), never zero or false.
 *
 * @param virtualization {@code bare-metal}, or {@code vm} followed by the hypervisor when it is known ({@code vm (KVM)})
 * @param memorySource   where {@code memoryBytes} came from: {@code smbios}, {@code memory-blocks} or {@code meminfo}
 */
public record Inventory(
        String hostname,
        String vendor,
        String model,
        String serial,
        String biosVersion,
        String virtualization,
        String cpuModel,
        Integer sockets,
        Integer coresPerSocket,
        Integer threadsPerCore,
        Integer logicalCpus,
        Integer numaNodes,
        Long memoryBytes,
        String memorySource,
        Integer dimmsPopulated,
        Integer dimmSlots,
        List<Nic> nics,
        List<Slot> pcieSlots,
        List<Disk> disks,
        String os,
        String kernel) {

    public Inventory {
        nics = nics == null ? null : List.copyOf(nics);
        pcieSlots = pcieSlots == null ? null : List.copyOf(pcieSlots);
        disks = disks == null ? null : List.copyOf(disks);
    }

    public static Inventory empty() {
        return new Inventory(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /**
     * A physical NIC port (a PCI Ethernet function that is not an SR-IOV VF).
     *
     * @param speedMbps    negotiated speed now (null when the link is down or the speed is not known)
     * @param maxSpeedMbps the highest speed the port supports, when known
     * @param maxSpeedSource where {@code maxSpeedMbps} came from ({@code ethtool}, {@code pci-id}, ...)
     */
    public record Nic(
            String pciAddress,
            String name,
            String vendorDevice,
            String driver,
            String firmware,
            Long speedMbps,
            Long maxSpeedMbps,
            String maxSpeedSource,
            Integer sriovTotalVfs,
            Integer sriovNumVfs,
            Boolean xdpZeroCopy) {
    }

    /** A system slot from SMBIOS type 9. */
    public record Slot(
            String designation,
            String type,
            Integer pcieGeneration,
            Integer lanes,
            Boolean inUse,
            String busAddress) {
    }

    /** A physical block device. */
    public record Disk(
            String name,
            Long sizeBytes,
            Boolean rotational,
            String model) {
    }
}
