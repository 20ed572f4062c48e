package io.ra2check.agent.report;

import io.ra2check.agent.facts.CpuFacts;
import io.ra2check.agent.facts.DiskFacts;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.InstalledMemory;
import io.ra2check.agent.facts.NetworkFacts;
import io.ra2check.agent.facts.SmbiosFacts;
import io.ra2check.report.Inventory;

import java.util.List;
import java.util.Map;

/** The inventory section of a report: what the machine is, for people and for fleet comparisons. */
public final class InventoryBuilder {
    private InventoryBuilder() {
    }

    public static Inventory of(HostFacts f) {
        SmbiosFacts.Table t = f.smbios().table().orElse(null);
        Map<String, String> id = f.smbios().dmiId().orElse(Map.of());
        String vendor = t != null && t.system() != null && t.system().manufacturer() != null
                ? t.system().manufacturer() : id.get("sys_vendor");
        String model = t != null && t.system() != null && t.system().productName() != null
                ? t.system().productName() : id.get("product_name");
        String serial = t != null && t.system() != null && t.system().serialNumber() != null
                ? t.system().serialNumber() : id.get("product_serial");
        String bios = t != null && t.bios() != null && t.bios().version() != null ? t.bios().version()
                : id.get("bios_version");
        CpuFacts.Topology topo = f.cpu().topology().orElse(null);
        Integer sockets = topo == null ? null : topo.sockets();
        Integer cores = topo == null ? null : topo.minCoresPerSocket();
        if (t != null) {
            List<SmbiosFacts.Processor> populated = t.processors().stream().filter(SmbiosFacts.Processor::counts)
                    .toList();
            if (!populated.isEmpty() && populated.stream().allMatch(p -> p.coreCount() != null)) {
                sockets = populated.size();
                cores = populated.stream().mapToInt(SmbiosFacts.Processor::coreCount).min().orElse(0);
            }
        }
        InstalledMemory mem = InstalledMemory.of(f.memory(), f.smbios()).orElse(null);
        List<Inventory.Nic> nics = f.network().ports().known() ? f.network().ports().get().stream()
                .map(InventoryBuilder::nic).toList() : null;
        List<Inventory.Slot> slots = t == null ? null : t.slots().stream().map(s -> new Inventory.Slot(s.designation(),
                s.type(), s.generation(), s.lanes(), s.inUse(), s.busAddress())).toList();
        List<Inventory.Disk> disks = f.disks().disks().known() ? f.disks().disks().get().stream()
                .filter(d -> !d.removable()).map(InventoryBuilder::disk).toList() : null;
        return new Inventory(f.os().hostname().orElse(null), vendor, model, serial, bios,
                f.cpu().virtualization().map(CpuFacts.Virtualization::describe, "?").orElse(null),
                f.cpu().modelName().orElse(null), sockets, cores,
                topo == null ? null : topo.threadsPerCore(),
                f.cpu().cpus().map(CpuFacts.CpuLists::onlineCount, "?").orElse(null),
                f.cpu().numaNodes().map(List::size, "?").orElse(null),
                mem == null ? null : mem.bytes(), mem == null ? null : mem.source(),
                mem == null ? null : mem.dimms(), mem == null ? null : mem.slots(), nics, slots, disks,
                f.os().osRelease().map(r -> r.describe(), "?").orElse(null), f.os().kernelRelease().orElse(null),
                hugepages(f.hugepages()), f.os().realtime().orElse(null));
    }

    /** Per page size the system's pages, then each NUMA node's; null when the pools could not be read. */
    static List<Inventory.Hugepages> hugepages(io.ra2check.agent.facts.HugepageFacts h) {
        if (h == null || !h.pools().known()) {
            return null;
        }
        List<Inventory.Hugepages> out = new java.util.ArrayList<>();
        for (io.ra2check.agent.facts.HugepageFacts.Pool p : h.pools().get()) {
            out.add(new Inventory.Hugepages(p.sizeKiB(), null, p.total(), p.free()));
            p.totalByNode().forEach((node, total) -> out.add(new Inventory.Hugepages(p.sizeKiB(), node, total,
                    p.freeByNode().get(node))));
        }
        return out;
    }

    private static Inventory.Nic nic(NetworkFacts.Port p) {
        return new Inventory.Nic(p.pciAddress(), p.name(), p.vendorDevice(), p.driver(), p.firmware(), p.speedMbps(),
                p.maxSpeedMbps(), p.maxSpeedSource(), p.sriovTotalVfs(), p.sriovNumVfs(), p.xdpZeroCopy());
    }

    private static Inventory.Disk disk(DiskFacts.Disk d) {
        return new Inventory.Disk(d.name(), d.sizeBytes(), d.rotational(), d.model());
    }
}
