package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.PciFacts.SriovRole;
import io.ra2check.report.Requirement;

/** ra2.ch.003: SR-IOV VFs of the NICs are configured in the node OS. */
public final class SriovVirtualFunctionsCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.003";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        long min = req.longThreshold("minVfs");
        String expected = "at least " + min + " SR-IOV VF configured";
        var vfs = facts.network().virtualFunctions();
        var ports = facts.network().ports();
        Evidences ev = new Evidences().add(vfs);
        Machine.Physicality machine = Machine.of(facts);
        if (machine.vm()) {
            return Finding.manual(expected, "VFs are created on the physical host", "this node is "
                    + machine.describe() + ": VFs are configured on the host and passed through; check the host's "
                    + "sriov_numvfs and the VFs given to this VM", ev.add(machine.source()).list());
        }
        if (!vfs.known()) {
            return Finding.unknown(expected, vfs.unknownReason(), ev.list());
        }
        if (vfs.get() >= min) {
            return Finding.pass(expected, vfs.get() + " VFs", ev.list());
        }
        if (!facts.network().unclassified().isEmpty()) {
            return Finding.unknown(expected, "at least " + vfs.get() + " VFs: " + facts.network()
                    .describeUnclassified() + " may be VFs or the PFs that have them", ev.list());
        }
        if (ports.known() && ports.get().stream().anyMatch(p -> p.sriovRole() == SriovRole.UNKNOWN)
                && ports.get().stream().noneMatch(p -> p.sriovRole() == SriovRole.PF)) {
            return Finding.unknown(expected, "the capture holds no sriov_* files: configured VFs are not known",
                    ev.list());
        }
        boolean anyPf = ports.known() && ports.get().stream().anyMatch(p -> p.sriovRole() == SriovRole.PF);
        return Finding.fail(expected, vfs.get() + " VFs" + (anyPf ? " (SR-IOV capable ports have sriov_numvfs 0)"
                : " (and no SR-IOV capable port)"), ev.list());
    }
}
