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
        String kernel,
        List<Hugepages> hugepages,
        Boolean realtimeKernel) {

    public Inventory {
        nics = nics == null ? null : List.copyOf(nics);
        pcieSlots = pcieSlots == null ? null : List.copyOf(pcieSlots);
        disks = disks == null ? null : List.copyOf(disks);
        hugepages = hugepages == null ? null : List.copyOf(hugepages);
    }

    /** An inventory without huge pages or the kernel's preemption model (not read, or an older report). */
    public Inventory(String hostname, String vendor, String model, String serial, String biosVersion,
                     String virtualization, String cpuModel, Integer sockets, Integer coresPerSocket,
                     Integer threadsPerCore, Integer logicalCpus, Integer numaNodes, Long memoryBytes,
                     String memorySource, Integer dimmsPopulated, Integer dimmSlots, List<Nic> nics,
                     List<Slot> pcieSlots, List<Disk> disks, String os, String kernel) {
        this(hostname, vendor, model, serial, biosVersion, virtualization, cpuModel, sockets, coresPerSocket,
                threadsPerCore, logicalCpus, numaNodes, memoryBytes, memorySource, dimmsPopulated, dimmSlots, nics,
                pcieSlots, disks, os, kernel, null, null);
    }

    /**
     * Huge pages of one size, configured and free: the whole system's ({@code numaNode} null) or one NUMA node's.
     */
    public record Hugepages(long sizeKiB, Integer numaNode, Long total, Long free) {
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
