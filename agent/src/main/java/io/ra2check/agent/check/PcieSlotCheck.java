package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.SmbiosFacts;
import io.ra2check.report.Requirement;

import java.util.List;

/** ra2.ch.016: at least eight PCIe Gen3+ slots wired x8 or wider, from the SMBIOS slot records (type 9). */
public final class PcieSlotCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.016";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        long minSlots = req.longThreshold("minSlots");
        long minGen = req.longThreshold("minGeneration");
        long minLanes = req.longThreshold("minLanes");
        String expected = ">= " + minSlots + " PCIe slots of Gen" + minGen + "+ with >= x" + minLanes + " lanes";
        Finding vm = Machine.physicalOnly(facts, expected, null);
        if (vm != null) {
            return vm;
        }
        var table = facts.smbios().table();
        Evidences ev = new Evidences().add(table);
        if (!table.known()) {
            return Finding.unknown(expected, table.unknownReason(), ev.list());
        }
        List<SmbiosFacts.Slot> slots = table.get().slots();
        int qualifying = 0;
        int undetermined = 0;
        for (SmbiosFacts.Slot s : slots) {
            ev.add("SMBIOS type 9 " + s.designation(), s.type() + ", " + s.usage()
                    + (s.busAddress() == null ? "" : ", " + s.busAddress()));
            if (!s.pcie()) {
                continue;
            }
            boolean genKnown = s.generation() != null;
            boolean lanesKnown = s.lanes() != null;
            boolean genOk = genKnown && s.generation() >= minGen;
            boolean lanesOk = lanesKnown && s.lanes() >= minLanes;
            if (genOk && lanesOk) {
                qualifying++;
            } else if ((!genKnown || genOk) && (!lanesKnown || lanesOk)) {
                undetermined++;
            }
        }
        String actual = qualifying + " qualifying of " + slots.size() + " slot records"
                + (undetermined > 0 ? ", " + undetermined + " PCIe slots of undeclared generation or width" : "");
        if (qualifying >= minSlots) {
            return Finding.pass(expected, actual, ev.list());
        }
        if (table.get().truncated()) {
            return Finding.unknown(expected, actual + "; the SMBIOS table is truncated (" + table.get().problem()
                    + "), so slot records may be missing", ev.list());
        }
        if (qualifying + undetermined >= minSlots) {
            return Finding.unknown(expected, actual + ": the slots whose firmware record does not give their "
                    + "generation or width decide", ev.list());
        }
        return Finding.fail(expected, actual, ev.list());
    }
}
