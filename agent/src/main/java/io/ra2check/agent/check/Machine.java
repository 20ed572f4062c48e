package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.CpuFacts;
import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.SmbiosFacts;
import io.ra2check.report.Evidence;

/**
 * Whether the node is a physical machine or a VM, from the CPU (hypervisor flag, /sys/hypervisor, DMI identity)
 * and, where those were not captured, from the SMBIOS table's "virtual machine" characteristic. Requirements about
 * "the physical machines on which the nodes run" cannot be judged from inside a VM.
 */
final class Machine {
    enum Kind { BARE_METAL, VM, UNKNOWN }

    private Machine() {
    }

    record Physicality(Kind kind, String hypervisor, Fact<?> source) {
        boolean vm() {
            return kind == Kind.VM;
        }

        String describe() {
            return switch (kind) {
                case BARE_METAL -> "bare metal";
                case VM -> "a virtual machine" + (hypervisor == null ? "" : " (" + hypervisor + ")");
                case UNKNOWN -> "unknown";
            };
        }
    }

    static Physicality of(HostFacts facts) {
        Fact<CpuFacts.Virtualization> v = facts.cpu().virtualization();
        if (v.known()) {
            return new Physicality(v.get().virtualMachine() ? Kind.VM : Kind.BARE_METAL, v.get().hypervisor(), v);
        }
        Fact<SmbiosFacts.Table> t = facts.smbios().table();
        if (t.known() && t.get().bios() != null && t.get().bios().virtualMachine() != null) {
            boolean vm = t.get().bios().virtualMachine();
            String who = t.get().system() == null ? null : t.get().system().manufacturer();
            return new Physicality(vm ? Kind.VM : Kind.BARE_METAL, vm ? who : null, Fact.of(vm,
                    new Evidence("/sys/firmware/dmi/tables/DMI", "type 0 'virtual machine' characteristic "
                            + (vm ? "set" : "not set") + (who == null ? "" : "; system manufacturer " + who))));
        }
        return new Physicality(Kind.UNKNOWN, null, v);
    }

    /**
     * The finding for a requirement on the physical machine when the node is not known to be bare metal: MANUAL
     * inside a VM, UNKNOWN when it cannot be told. Null on bare metal (the check goes on).
     */
    static Finding physicalOnly(HostFacts facts, String expected, String guestView) {
        Physicality p = of(facts);
        Evidences ev = new Evidences().add(p.source());
        return switch (p.kind()) {
            case BARE_METAL -> null;
            case VM -> Finding.manual(expected, guestView == null ? "not visible from the VM" : guestView,
                    "this node is " + p.describe() + ": the physical host's hardware is not visible from inside "
                            + "it; check the host", ev.list());
            case UNKNOWN -> Finding.unknown(expected, "whether this node is bare metal or a VM is unknown ("
                    + p.source().unknownReason() + ")", ev.list());
        };
    }
}
