package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.CpuFacts;
import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.SmbiosFacts;
import io.ra2check.agent.facts.Hypervisors;
import io.ra2check.report.Evidence;

import java.util.ArrayList;
import java.util.List;

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
        if (v.known() && v.get().virtualMachine()) {
            return decided(Kind.VM, v.get().hypervisor(), v.get().decidedBy(), v.evidence());
        }
        Fact<SmbiosFacts.Table> t = facts.smbios().table();
        List<Hypervisors.Identity> identities = new ArrayList<>();
        if (t.known()) {
            SmbiosFacts.Table table = t.get();
            if (table.system() != null) {
                identities.add(new Hypervisors.Identity("SMBIOS type 1 manufacturer", table.system().manufacturer()));
                identities.add(new Hypervisors.Identity("SMBIOS type 1 product", table.system().productName()));
                identities.add(new Hypervisors.Identity("SMBIOS type 1 version", table.system().version()));
            }
            if (table.baseboard() != null) {
                identities.add(new Hypervisors.Identity("SMBIOS type 2 manufacturer",
                        table.baseboard().manufacturer()));
                identities.add(new Hypervisors.Identity("SMBIOS type 2 product", table.baseboard().product()));
            }
            if (table.bios() != null) {
                identities.add(new Hypervisors.Identity("SMBIOS type 0 vendor", table.bios().vendor()));
            }
        }
        facts.smbios().dmiId().orElse(java.util.Map.of()).forEach((k, val) ->
                identities.add(new Hypervisors.Identity("/sys/class/dmi/id/" + k, val)));
        identities.removeIf(i -> i.value() == null);
        Hypervisors.Named named = Hypervisors.named(identities);
        if (named != null) {
            return decided(Kind.VM, named.hypervisor(), named.describe(), t.evidence());
        }
        Boolean vmBit = t.known() && t.get().bios() != null ? t.get().bios().virtualMachine() : null;
        if (Boolean.TRUE.equals(vmBit)) {
            String who = t.get().system() == null ? null : t.get().system().manufacturer();
            return decided(Kind.VM, who, "SMBIOS type 0 'virtual machine' characteristic set", t.evidence());
        }
        if (v.known()) {
            return decided(Kind.BARE_METAL, null, v.get().decidedBy()
                    + (t.known() ? "; no SMBIOS identity names a hypervisor" : ""), v.evidence());
        }
        if (vmBit != null) {
            return decided(Kind.BARE_METAL, null, "SMBIOS type 0 'virtual machine' characteristic not set, and no "
                    + "SMBIOS identity names a hypervisor", t.evidence());
        }
        return new Physicality(Kind.UNKNOWN, null, v);
    }

    private static Physicality decided(Kind kind, String hypervisor, String signal, List<Evidence> evidence) {
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence("virtualization", (kind == Kind.VM ? "a VM: " : "bare metal: ") + signal));
        ev.addAll(evidence);
        return new Physicality(kind, hypervisor, Fact.of(kind == Kind.VM, ev));
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
