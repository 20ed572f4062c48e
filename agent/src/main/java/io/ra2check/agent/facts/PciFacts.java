package io.ra2check.agent.facts;

import java.util.List;

/**
 * PCI functions from /sys/bus/pci/devices.
 *
 * @param devices every function the listing names. A function whose class could be read from no source has a null
 *                {@link Device#classCode()} and a {@link Device#readProblem()}: it may be a NIC port, so counts built
 *                from this list are lower bounds while such functions exist ({@link #unclassified()})
 */
public record PciFacts(Fact<List<Device>> devices) {

    /** Functions of the listing whose class is not known (dangling link, no class/modalias/uevent): may be ports. */
    public List<Device> unclassified() {
        return devices.known() ? devices.get().stream().filter(d -> d.classCode() == null).toList() : List.of();
    }

    /** Whether a function takes part in SR-IOV, and how we know. */
    public enum SriovRole {
        /** A physical function that can create VFs (sriov_totalvfs > 0). */
        PF,
        /** A virtual function: physfn link, or (in partial captures) a VF-only driver or device ID. */
        VF,
        /** Neither (the kernel exposes no SR-IOV capability for it). */
        NONE,
        /** The capture does not say: no sriov_* files were captured anywhere in it. */
        UNKNOWN
    }

    /**
     * One PCI function.
     *
     * @param classCode       24-bit class code (0x020000 = Ethernet controller)
     * @param vendor          vendor ID, 4 hex digits without 0x
     * @param driver          bound driver (basename of the driver link), null when none is bound
     * @param numaNode        NUMA node, null when unknown or -1
     * @param sriovTotalVfs   sriov_totalvfs, null when the file is absent
     * @param sriovNumVfs     sriov_numvfs, null when absent
     * @param role            PF / VF / NONE / UNKNOWN
     * @param roleEvidence    how the role was decided ("physfn link", "driver igbvf is VF-only", ...)
     * @param physfn          for a VF: its PF's address when the physfn link says it
     * @param netdevs         kernel network interfaces of this function (names under net/, or under virtioN/net/ for
     *                        virtio devices, whose netdev hangs off a virtio child device)
     * @param netdevDriver    the driver of the device that owns the netdevs (virtio_net for virtio; else the same as
     *                        {@code driver}), null without netdevs
     * @param classSource     where the class code came from ({@code class}, {@code modalias}, {@code uevent}, a netdev's
     *                        type, or the PF of a VF), null when the class is unknown
     * @param readProblem     what could not be read about this function (a dangling link, no class from any source),
     *                        null when it was read
     */
    public record Device(String address, Integer classCode, String vendor, String device, String subsystemVendor,
                         String subsystemDevice, String driver, Integer numaNode, String currentLinkSpeed,
                         Integer currentLinkWidth, String maxLinkSpeed, Integer maxLinkWidth, Integer sriovTotalVfs,
                         Integer sriovNumVfs, SriovRole role, String roleEvidence, String physfn,
                         List<String> netdevs, String netdevDriver, String classSource, String readProblem) {
        public Device {
            netdevs = netdevs == null ? List.of() : List.copyOf(netdevs);
        }

        public String vendorDevice() {
            return vendor == null || device == null ? null : vendor + ":" + device;
        }

        /** Class 0x0200xx: Ethernet controller. */
        public boolean isEthernet() {
            return classCode != null && (classCode >> 8) == 0x0200;
        }
    }
}
