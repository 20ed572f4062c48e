package io.ra2check.agent.facts;

import java.util.List;
import java.util.SortedMap;

/**
 * Processors as the kernel sees them.
 *
 * @param architecture   {@code x86_64}, {@code aarch64}, ... (from the shape of /proc/cpuinfo)
 * @param topology       sockets, cores and threads from /sys/devices/system/cpu/cpu* /topology
 * @param smt            whether SMT is active, from /sys/devices/system/cpu/smt (or the topology where that is absent)
 * @param cpus           the kernel's online/offline/possible/present CPU lists
 * @param numaNodes      NUMA nodes with their CPUs
 * @param virtualization bare metal or a VM, and the hypervisor when known
 * @param htFlag         whether cpuinfo's {@code ht} flag is set: shown as evidence only, it does not mean SMT is on
 * @param pdpe1gbFlag    whether cpuinfo's {@code pdpe1gb} flag is set (x86: the CPU can map 1 GiB pages); unknown
 *                       where cpuinfo has no x86 flags
 */
public record CpuFacts(
        Fact<String> architecture,
        Fact<String> modelName,
        Fact<Topology> topology,
        Fact<Smt> smt,
        Fact<CpuLists> cpus,
        Fact<List<NumaNode>> numaNodes,
        Fact<Virtualization> virtualization,
        Fact<Boolean> htFlag,
        Fact<Boolean> pdpe1gbFlag) {

    /**
     * @param coresBySocket physical package id -> number of cores seen online in it
     * @param threadsPerCore the largest number of hardware threads seen on one core
     * @param logicalCpus    CPUs whose topology was read
     * @param presentButOffline present CPUs that are offline: their cores are not in the counts
     */
    public record Topology(SortedMap<Integer, Integer> coresBySocket, int threadsPerCore, int logicalCpus,
                           List<Integer> presentButOffline) {
        public int sockets() {
            return coresBySocket.size();
        }

        public int minCoresPerSocket() {
            return coresBySocket.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        }

        public int totalCores() {
            return coresBySocket.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * @param active  SMT is on
     * @param control the kernel's smt/control value ({@code on}, {@code off}, {@code forceoff}, {@code notsupported},
     *                {@code notimplemented}), or null where the file does not exist
     */
    public record Smt(boolean active, String control) {
    }

    /** CPU lists in the kernel's list format ("0-31"), with counts. */
    public record CpuLists(String online, String offline, String possible, String present, int onlineCount) {
    }

    public record NumaNode(int id, String cpus) {
    }

    /**
     * @param hypervisor the hypervisor's name where known ({@code KVM}, {@code Xen}, {@code VMware}), else null
     * @param decidedBy  the signal that decided ("/sys/class/dmi/id/sys_vendor 'VMware, Inc.' names VMware",
     *                   "cpuinfo hypervisor flag set", "cpuinfo hypervisor flag not set and no identity names a
     *                   hypervisor")
     */
    public record Virtualization(boolean virtualMachine, String hypervisor, String decidedBy) {
        public String describe() {
            return virtualMachine ? "vm" + (hypervisor == null ? "" : " (" + hypervisor + ")") : "bare-metal";
        }
    }
}
