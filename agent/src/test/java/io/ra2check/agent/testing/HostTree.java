package io.ra2check.agent.testing;

import io.ra2check.agent.NodeScan;
import io.ra2check.agent.Version;
import io.ra2check.agent.check.CheckOptions;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.host.HostRoots;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Verdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A fixture host root on disk, laid out as the kernel lays out /sys and /proc. {@link #compliant} writes a node that
 * meets both profiles; tests then break one requirement with the setters below and read the tree through the real
 * probes. The tree carries a snapshot manifest (with a filesystem size), so it reads as a complete snapshot.
 */
public final class HostTree {
    public static final String NIC_BASE = "0000:3b:00.";
    private final Path root;
    private long runtimeFsBytes = 500_000_000_000L;
    private String runtimePath = "/var/lib/containerd";
    private String kernelCallsJson;

    private HostTree(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public static HostTree empty(Path dir) {
        return new HostTree(dir);
    }

    /** 2 x 20 cores with SMT, 64 GiB, 2M+1G huge pages, four 25 GbE SR-IOV ports with VFs, eight Gen3 x8 slots. */
    public static HostTree compliant(Path dir) {
        HostTree t = new HostTree(dir);
        t.cpus(2, 20, 2, false);
        t.write("/sys/devices/system/cpu/smt/active", "1\n");
        t.write("/sys/devices/system/cpu/smt/control", "on\n");
        t.write("/proc/meminfo", "MemTotal:       65536000 kB\nMemFree:        60000000 kB\n"
                + "HugePages_Total:    1024\nHugepagesize:       2048 kB\n");
        t.write("/sys/devices/system/memory/block_size_bytes", "80000000\n");
        for (int i = 0; i < 32; i++) {
            t.write("/sys/devices/system/memory/memory" + i + "/online", "1\n");
        }
        t.hugepages(2048, 1024);
        t.hugepages(1048576, 8);
        t.smbios(SmbiosBuilder.compliantServer());
        t.write("/sys/class/dmi/id/sys_vendor", "Acme\n");
        t.write("/sys/class/dmi/id/product_name", "Telco-2U\n");
        t.pciDevice("0000:00:00.0", "0x060000", "0x8086", "0x2020", null);
        for (int i = 0; i < 4; i++) {
            t.nic(NIC_BASE + i, "0x158b", "i40e", "ens1f" + i, "25000", 64, 2);
        }
        for (int i = 0; i < 8; i++) {
            t.vf("0000:3b:02." + i, NIC_BASE + (i / 2));
        }
        t.disk("nvme0n1", 3_840_000_000_000L, false);
        t.write("/sys/block/loop0", null);
        t.link("/sys/block/loop0", "../devices/virtual/block/loop0");
        t.write("/sys/devices/virtual/block/loop0/size", "0\n");
        t.addresses("10.0.0.5", "20010db8000000000000000000000005");
        t.write("/etc/os-release", "NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"22.04\"\n"
                + "PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\n");
        t.kernel("6.1.0-18-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1", true);
        t.write("/proc/sys/kernel/hostname", "node-a\n");
        t.write("/proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro\n");
        t.write("/proc/filesystems", "nodev\tsysfs\nnodev\tproc\n\text4\nnodev\toverlay\n");
        t.write("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory hugetlb pids\n");
        t.mkdir("/var/lib/containerd");
        t.kubelet("cpuManagerPolicy: static\ntopologyManagerPolicy: single-numa-node\nreservedSystemCPUs: \"0,40\"\n");
        t.writeManifest();
        return t;
    }

    // ------------------------------------------------------------------------------------------------ building blocks

    /** Writes a file (creating parents); null content creates nothing but the parents. */
    public HostTree write(String path, String content) {
        try {
            Path p = file(path);
            Files.createDirectories(p.getParent());
            if (content != null) {
                Files.writeString(p, content, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public HostTree writeBytes(String path, byte[] content) {
        try {
            Path p = file(path);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public HostTree mkdir(String path) {
        try {
            Files.createDirectories(file(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public HostTree link(String path, String target) {
        try {
            Path p = file(path);
            Files.createDirectories(p.getParent());
            Files.deleteIfExists(p);
            Files.createSymbolicLink(p, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Deletes a file or a whole directory. */
    public HostTree delete(String path) {
        Path p = file(path);
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return this;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private Path file(String path) {
        return root.resolve(path.substring(1));
    }

    /** Replaces the CPUs: topology, cpuinfo, online lists, NUMA nodes (one per socket). */
    public HostTree cpus(int sockets, int coresPerSocket, int threadsPerCore, boolean hypervisor) {
        delete("/sys/devices/system/cpu");
        delete("/sys/devices/system/node");
        int total = sockets * coresPerSocket * threadsPerCore;
        int cores = sockets * coresPerSocket;
        StringBuilder cpuinfo = new StringBuilder();
        for (int cpu = 0; cpu < total; cpu++) {
            // Linux numbers the first thread of every core first, then the siblings
            int core = cpu % cores;
            int pkg = core / coresPerSocket;
            StringBuilder siblings = new StringBuilder();
            for (int t = 0; t < threadsPerCore; t++) {
                siblings.append(t == 0 ? "" : ",").append(core + t * cores);
            }
            String dir = "/sys/devices/system/cpu/cpu" + cpu + "/topology/";
            write(dir + "physical_package_id", pkg + "\n");
            write(dir + "core_id", (core % coresPerSocket) + "\n");
            write(dir + "thread_siblings_list", siblings + "\n");
            cpuinfo.append("processor\t: ").append(cpu).append("\nvendor_id\t: GenuineIntel\n")
                    .append("model name\t: Intel(R) Xeon(R) Gold 6230N CPU @ 2.30GHz\nphysical id\t: ").append(pkg)
                    .append("\nflags\t\t: fpu vme de pse tsc msr pae ht lm pdpe1gb")
                    .append(hypervisor ? " hypervisor" : "").append("\n\n");
        }
        write("/proc/cpuinfo", cpuinfo.toString());
        String all = "0-" + (total - 1) + "\n";
        write("/sys/devices/system/cpu/online", all);
        write("/sys/devices/system/cpu/possible", all);
        write("/sys/devices/system/cpu/present", all);
        write("/sys/devices/system/cpu/offline", "\n");
        for (int s = 0; s < sockets; s++) {
            StringBuilder list = new StringBuilder();
            for (int t = 0; t < threadsPerCore; t++) {
                int first = s * coresPerSocket + t * cores;
                list.append(t == 0 ? "" : ",").append(first).append('-').append(first + coresPerSocket - 1);
            }
            write("/sys/devices/system/node/node" + s + "/cpulist", list + "\n");
        }
        return this;
    }

    public HostTree smt(String active, String control) {
        write("/sys/devices/system/cpu/smt/active", active + "\n");
        return write("/sys/devices/system/cpu/smt/control", control + "\n");
    }

    public HostTree hugepages(long sizeKiB, long pages) {
        String dir = "/sys/kernel/mm/hugepages/hugepages-" + sizeKiB + "kB/";
        write(dir + "nr_hugepages", pages + "\n");
        write(dir + "free_hugepages", pages + "\n");
        write("/sys/devices/system/node/node0/hugepages/hugepages-" + sizeKiB + "kB/nr_hugepages", pages + "\n");
        return this;
    }

    public HostTree smbios(SmbiosBuilder b) {
        writeBytes("/sys/firmware/dmi/tables/DMI", b.table());
        return writeBytes("/sys/firmware/dmi/tables/smbios_entry_point", b.entryPoint3(3, 2));
    }

    public HostTree pciDevice(String address, String cls, String vendor, String device, String driver) {
        String dir = "/sys/bus/pci/devices/" + address + "/";
        write(dir + "class", cls + "\n");
        write(dir + "vendor", vendor + "\n");
        write(dir + "device", device + "\n");
        write(dir + "numa_node", "0\n");
        if (driver != null) {
            link(dir + "driver", "../../../bus/pci/drivers/" + driver);
        }
        return this;
    }

    /** A physical Ethernet port with a netdev; null SR-IOV values leave the files out. */
    public HostTree nic(String address, String device, String driver, String ifname, String speed, Integer totalVfs,
                        Integer numVfs) {
        pciDevice(address, "0x020000", "0x8086", device, driver);
        String dir = "/sys/bus/pci/devices/" + address + "/";
        if (totalVfs != null) {
            write(dir + "sriov_totalvfs", totalVfs + "\n");
        }
        if (numVfs != null) {
            write(dir + "sriov_numvfs", numVfs + "\n");
        }
        if (ifname != null) {
            write(dir + "net/" + ifname + "/operstate", "up\n");
            write(dir + "net/" + ifname + "/speed", speed == null ? "" : speed + "\n");
        }
        return this;
    }

    public HostTree vf(String address, String pf) {
        pciDevice(address, "0x020000", "0x8086", "0x154c", "iavf");
        return link("/sys/bus/pci/devices/" + address + "/physfn", "../" + pf);
    }

    public HostTree disk(String name, long bytes, boolean rotational) {
        String dir = "/sys/block/" + name + "/";
        write(dir + "size", (bytes / 512) + "\n");
        write(dir + "queue/rotational", (rotational ? "1" : "0") + "\n");
        return write(dir + "removable", "0\n");
    }

    /** One global IPv4 address (null for none) and one IPv6 address in if_inet6 hex (null for none). */
    public HostTree addresses(String ipv4, String ipv6Hex) {
        StringBuilder trie = new StringBuilder("Main:\n  +-- 0.0.0.0/0 3 0 5\n     |-- 127.0.0.1\n"
                + "        /32 host LOCAL\n");
        if (ipv4 != null) {
            trie.append("     |-- ").append(ipv4).append("\n        /32 host LOCAL\n");
        }
        write("/proc/net/fib_trie", trie.toString());
        StringBuilder v6 = new StringBuilder("00000000000000000000000000000001 01 80 10 80       lo\n"
                + "fe800000000000000000000000000005 02 40 20 80     ens1f0\n");
        if (ipv6Hex != null) {
            v6.append(ipv6Hex).append(" 02 40 00 80     ens1f0\n");
        }
        return write("/proc/net/if_inet6", v6.toString());
    }

    /** Kernel release, uname -v, and (when {@code withConfig}) a /boot config with what kubeadm requires. */
    public HostTree kernel(String release, String version, boolean withConfig) {
        write("/proc/sys/kernel/osrelease", release + "\n");
        write("/proc/sys/kernel/version", version + "\n");
        if (withConfig) {
            StringBuilder c = new StringBuilder("#\n# Linux/x86 " + release + " Kernel Configuration\n#\n");
            for (String o : new String[] {"NAMESPACES", "NET_NS", "PID_NS", "IPC_NS", "UTS_NS", "CPUSETS", "MEMCG",
                    "INET", "EXT4_FS", "PROC_FS", "NETFILTER_XT_TARGET_REDIRECT", "NETFILTER_XT_MATCH_COMMENT",
                    "FAIR_GROUP_SCHED", "CGROUPS", "CGROUP_BPF", "CGROUP_PIDS", "CGROUP_SCHED", "CGROUP_CPUACCT",
                    "CGROUP_DEVICE", "CGROUP_FREEZER", "OVERLAY_FS"}) {
                c.append("CONFIG_").append(o).append(o.equals("OVERLAY_FS") ? "=m\n" : "=y\n");
            }
            c.append("# CONFIG_PREEMPT_RT is not set\nCONFIG_LOCALVERSION=\"\"\n");
            write("/boot/config-" + release, c.toString());
        }
        return this;
    }

    /** A running kubelet (PID 4242) started with --config, and that config. */
    public HostTree kubelet(String configYaml) {
        write("/proc/4242/comm", "kubelet\n");
        writeBytes("/proc/4242/cmdline", "/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0--v=2\0"
                .getBytes(StandardCharsets.UTF_8));
        write("/proc/1/comm", "systemd\n");
        return write("/var/lib/kubelet/config.yaml", "apiVersion: kubelet.config.k8s.io/v1beta1\n"
                + "kind: KubeletConfiguration\n" + configYaml);
    }

    /** The filesystem holding container storage: size recorded in the manifest, as a snapshot would. */
    public HostTree runtimeFilesystem(String path, long bytes) {
        this.runtimePath = path;
        this.runtimeFsBytes = bytes;
        return writeManifest();
    }

    /** What ethtool and netlink said on the host, as the snapshot records it (JSON of a NativeNetworkReport). */
    public HostTree kernelCalls(io.ra2check.nativeprobes.NativeNetworkReport report) {
        try {
            this.kernelCallsJson = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                    .writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writeManifest();
    }

    public HostTree writeManifest() {
        String json = String.format(Locale.ROOT, "{\"format\":\"ra2check.io/snapshot/v1\",\"toolVersion\":\"%s\","
                + "\"createdAt\":\"2026-11-21T00:00:00Z\",\"hostname\":\"node-a\",\"includesSerials\":false,"
                + "\"statvfs\":{\"%s\":{\"totalBytes\":%d,\"availableBytes\":%d}},\"readErrors\":{}%s}",
                Version.get(), runtimePath, runtimeFsBytes, runtimeFsBytes / 2,
                kernelCallsJson == null ? "" : ",\"nativeNetwork\":" + kernelCallsJson);
        return write("/ra2check-snapshot.json", json);
    }

    // ------------------------------------------------------------------------------------------------ reading

    public HostRoot open() {
        try {
            return HostRoots.open(root.toString(), false, null, Version.get());
        } catch (HostRoots.UnusableRootException e) {
            throw new IllegalStateException(e);
        }
    }

    public static NodeScan scanner(CheckOptions options) {
        return new NodeScan(RequirementCatalog.builtIn(), options, null, Version.get(),
                Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
    }

    public HostFacts facts() {
        return scanner(CheckOptions.none()).facts(open());
    }

    public NodeReport report(Profile profile) {
        return scanner(CheckOptions.none()).scan(open(), profile, "node-a").report();
    }

    public NodeReport report(Profile profile, Set<String> conditions) {
        return scanner(new CheckOptions(conditions, Set.of())).scan(open(), profile, "node-a").report();
    }

    public Verdict verdict(String id) {
        return verdict(id, Profile.NETWORK_INTENSIVE);
    }

    public Verdict verdict(String id, Profile profile) {
        return report(profile).verdict(id).orElseThrow();
    }
}
