package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.NetworkFacts;
import io.ra2check.agent.facts.PciFacts.SriovRole;
import io.ra2check.report.Requirement;

import java.util.List;

/** ra2.ch.002: at least one physical NIC port is SR-IOV capable (sriov_totalvfs > 0). */
public final class SriovCapableNicCheck implements Check {
    /** Intel 82576, which QEMU's igb device emulates with SR-IOV: its PF proves nothing of the physical machine. */
    static final java.util.Set<String> EMULATED_SRIOV_NICS = java.util.Set.of("8086:10c9");

    /**
     * Where it is not known whether the node is bare metal: an Ethernet physical function with VFs is itself the
     * evidence that the machine is equipped with an SR-IOV capable NIC (on bare metal, or passed through to a VM).
     * Null when that does not decide.
     */
    private static Finding physicalFunctionOfUnknownMachine(HostFacts facts, String expected) {
        var ports = facts.network().ports();
        if (Machine.of(facts).kind() != Machine.Kind.UNKNOWN || !ports.known()) {
            return null;
        }
        List<NetworkFacts.Port> pfs = ports.get().stream().filter(p -> p.sriovRole() == SriovRole.PF
                && !EMULATED_SRIOV_NICS.contains(p.vendorDevice())).toList();
        if (pfs.isEmpty()) {
            return null;
        }
        Evidences ev = new Evidences().add(ports);
        for (NetworkFacts.Port p : pfs) {
            ev.add("/sys/bus/pci/devices/" + p.pciAddress() + "/sriov_totalvfs", p.sriovTotalVfs());
        }
        return Finding.pass(expected, pfs.size() + " of " + ports.get().size() + " ports SR-IOV capable ("
                + pfs.stream().map(p -> p.pciAddress() + " " + p.vendorDevice() + " up to " + p.sriovTotalVfs()
                + " VFs").toList() + "); whether the node is bare metal is not known, but these physical functions "
                + "are the machine's NICs either way", ev.list());
    }

    @Override
    public String id() {
        return "ra2.ch.002";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        String expected = "at least one SR-IOV capable NIC port";
        Finding pf = physicalFunctionOfUnknownMachine(facts, expected);
        if (pf != null) {
            return pf;
        }
        Finding vm = Machine.physicalOnly(facts, expected, null);
        if (vm != null) {
            return vm;
        }
        var ports = facts.network().ports();
        Evidences ev = new Evidences();
        if (!ports.known()) {
            return Finding.unknown(expected, ports.unknownReason(), ev.add(ports).list());
        }
        List<NetworkFacts.Port> capable = ports.get().stream().filter(p -> p.sriovRole() == SriovRole.PF).toList();
        long undetermined = ports.get().stream().filter(p -> p.sriovRole() == SriovRole.UNKNOWN).count();
        for (NetworkFacts.Port p : ports.get()) {
            ev.add("/sys/bus/pci/devices/" + p.pciAddress() + "/sriov_totalvfs",
                    p.sriovTotalVfs() == null ? "(absent: " + p.sriovRole() + ")" : p.sriovTotalVfs());
        }
        if (!capable.isEmpty()) {
            return Finding.pass(expected, capable.size() + " of " + ports.get().size() + " ports SR-IOV capable ("
                    + capable.stream().map(p -> p.pciAddress() + " up to " + p.sriovTotalVfs() + " VFs").toList() + ")",
                    ev.list());
        }
        if (!facts.network().unclassified().isEmpty()) {
            return Finding.unknown(expected, "no SR-IOV capable port among the " + ports.get().size()
                    + " read, and " + facts.network().describeUnclassified() + " could not be read", ev.list());
        }
        if (undetermined > 0) {
            return Finding.unknown(expected, "the capture holds no sriov_* files, so the SR-IOV capability of "
                    + undetermined + " ports is not known", ev.list());
        }
        return Finding.fail(expected, ports.get().isEmpty() ? "no physical NIC port"
                : "none of " + ports.get().size() + " ports is SR-IOV capable", ev.list());
    }
}
