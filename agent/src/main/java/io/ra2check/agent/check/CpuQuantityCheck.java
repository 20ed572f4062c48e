package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.CpuFacts;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.SmbiosFacts;
import io.ra2check.report.Requirement;

import java.util.List;

/**
 * ra2.ch.008: at least 2 physical sockets with at least 20 cores each. What the machine is equipped with is what
 * firmware reports (SMBIOS type 4: populated sockets, core count); without the table, the kernel's topology, which
 * misses cores that are disabled or offline.
 */
public final class CpuQuantityCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.008";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        long minSockets = req.longThreshold("minSockets");
        long minCores = req.longThreshold("minCoresPerSocket");
        String expected = ">= " + minSockets + " sockets with >= " + minCores + " cores each";
        var topology = facts.cpu().topology();
        String guest = topology.known() ? topology.get().sockets() + " virtual sockets x "
                + topology.get().minCoresPerSocket() + " cores" : null;
        Finding vm = Machine.physicalOnly(facts, expected, guest);
        if (vm != null) {
            return vm;
        }
        var table = facts.smbios().table();
        Evidences ev = new Evidences().add(table).add(topology);
        List<SmbiosFacts.Processor> records = table.known() ? table.get().processors() : List.of();
        List<SmbiosFacts.Processor> enabled = records.stream().filter(SmbiosFacts.Processor::counts).toList();
        List<SmbiosFacts.Processor> populatedNotEnabled = records.stream()
                .filter(p -> p.populated() && !p.enabled()).toList();
        boolean firmwareCounts = !enabled.isEmpty() && enabled.stream().allMatch(p -> p.coreCount() != null);
        if (firmwareCounts) {
            int shown = 0;
            for (SmbiosFacts.Processor p : records) {
                // hundreds of disabled records (VMware guests have 128) would drown the evidence
                if (!p.counts() && shown++ >= 4) {
                    continue;
                }
                ev.add("SMBIOS type 4 " + p.socket(), p.status() + (p.populated() ? ", " + p.version() + ", "
                        + p.coreCount() + " cores, " + p.threadCount() + " threads" : ""));
            }
            int sockets = enabled.size();
            int least = enabled.stream().mapToInt(SmbiosFacts.Processor::coreCount).min().orElse(0);
            long unknownStatus = populatedNotEnabled.stream().filter(p -> p.cpuStatus() == 0).count();
            String actual = sockets + " of " + records.size() + " sockets populated and enabled, fewest cores "
                    + least + " (SMBIOS)" + (populatedNotEnabled.isEmpty() ? "" : "; " + populatedNotEnabled.size()
                    + " populated but not enabled (" + populatedNotEnabled.get(0).status() + "...), not counted")
                    + crossCheck(topology.known() ? topology.get() : null, sockets);
            boolean ok = sockets >= minSockets && least >= minCores;
            if (!ok && unknownStatus > 0 && sockets + unknownStatus >= minSockets) {
                return Finding.unknown(expected, actual + "; the firmware gives no status for " + unknownStatus
                        + " populated sockets, which decide", ev.list());
            }
            return Finding.of(ok, expected, actual, ev.list());
        }
        if (!topology.known()) {
            return Finding.unknown(expected, "neither the SMBIOS processor records ("
                    + (table.known() ? "no core counts" : table.unknownReason()) + ") nor the CPU topology ("
                    + topology.unknownReason() + ") could be read", ev.list());
        }
        CpuFacts.Topology t = topology.get();
        String actual = t.sockets() + " sockets, cores per socket " + t.coresBySocket().values() + " (kernel topology)";
        boolean ok = t.sockets() >= minSockets && t.minCoresPerSocket() >= minCores;
        if (!ok && !t.presentButOffline().isEmpty()) {
            return Finding.unknown(expected, actual + "; but " + t.presentButOffline().size()
                    + " present CPUs are offline and the SMBIOS table is not readable, so cores may be missing from "
                    + "the count", ev.list());
        }
        return Finding.of(ok, expected, actual, ev.list());
    }

    private static String crossCheck(CpuFacts.Topology t, int firmwareSockets) {
        if (t == null || t.sockets() == firmwareSockets) {
            return "";
        }
        return "; the kernel sees " + t.sockets() + " sockets";
    }
}
