package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.report.Requirement;

/** ra2.ch.005: vCPU to physical core ratio 1:1, for nodes that are VMs. */
public final class VmCpuAllocationCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.005";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        String expected = "for a VM: each vCPU backed by a dedicated physical core (1:1)";
        Machine.Physicality m = Machine.of(facts);
        Evidences ev = new Evidences().add(m.source());
        return switch (m.kind()) {
            case BARE_METAL -> Finding.notApplicable(expected, "bare metal: the node has no vCPUs", ev.list());
            case VM -> Finding.manual(expected, "a VM with " + facts.cpu().cpus().map(c -> c.onlineCount() + " vCPUs",
                    "?").orElse("an unknown number of vCPUs"), "the hypervisor's CPU pinning and overcommit are not "
                    + "visible from inside the VM; check the VM's placement (e.g. hw:cpu_policy=dedicated)", ev.list());
            case UNKNOWN -> Finding.unknown(expected, "whether the node is a VM is unknown ("
                    + m.source().unknownReason() + ")", ev.list());
        };
    }
}
