package io.ra2check.agent.facts;

import io.ra2check.nativeprobes.NativeNetworkReport;

import java.util.List;

/**
 * NIC ports and addresses.
 *
 * @param ports          physical NIC ports: PCI Ethernet functions that are not SR-IOV VFs, whether or not a kernel
 *                       netdev is bound (ports given to vfio-pci for DPDK have none)
 * @param virtualFunctions Ethernet SR-IOV VFs configured on the host (instantiated VFs, or the PFs' sriov_numvfs)
 * @param ipv4           global unicast IPv4 addresses (/proc/net/fib_trie)
 * @param ipv6           global unicast IPv6 addresses (/proc/net/if_inet6)
 * @param kernelCalls    what the ethtool ioctls and the netlink netdev family said (live host, or recorded in a
 *                       snapshot), or why they could not be asked
 * @param unclassified   PCI functions (not known to be VFs) whose class could not be read from any source: each may
 *                       be a port, so {@code ports} and {@code virtualFunctions} are lower bounds while this is not
 *                       empty
 */
public record NetworkFacts(Fact<List<Port>> ports, Fact<Integer> virtualFunctions, Fact<List<String>> ipv4,
                           Fact<List<String>> ipv6, Fact<NativeNetworkReport> kernelCalls, List<String> unclassified) {

    public NetworkFacts {
        unclassified = unclassified == null ? List.of() : List.copyOf(unclassified);
    }

    /** "0000:05:00.0 (link leads nowhere), ..." for reasons: the first few unclassified functions. */
    public String describeUnclassified() {
        return unclassified.size() + " PCI function" + (unclassified.size() == 1 ? "" : "s")
                + " of unknown class (" + String.join(", ", unclassified.subList(0, Math.min(4, unclassified.size())))
                + (unclassified.size() > 4 ? ", ..." : "") + ")";
    }

    /**
     * A physical port.
     *
     * @param driver           the netdev's driver as ethtool names it (virtio_net), else the PCI function's driver
     *                         (vfio-pci for a port without a netdev)
     * @param speedMbps        negotiated speed now; null when unknown (link down: empty, -1 or EINVAL)
     * @param speedNote        why the speed is unknown, when it is
     * @param maxSpeedMbps     the fastest the port supports, when known
     * @param maxSpeedSource   {@code ethtool link modes} or {@code PCI ID table}
     * @param xdpZeroCopy      whether the port can do AF_XDP zero-copy; null when not known
     * @param xdpSource        how that was decided ({@code kernel xdp-features}, {@code driver allowlist})
     */
    public record Port(String pciAddress, String vendorDevice, String model, String driver, Integer numaNode,
                       String name, String operstate, Long speedMbps, String speedNote, Long maxSpeedMbps,
                       String maxSpeedSource, String firmware, String driverVersion, Integer sriovTotalVfs,
                       Integer sriovNumVfs, PciFacts.SriovRole sriovRole, Boolean xdpZeroCopy, String xdpSource) {
    }
}
