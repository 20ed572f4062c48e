package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.report.Requirement;

/** ra2.ch.011: a node that is a VM has at least 16 vCPUs. */
public final class VcpuQuantityCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.011";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        long min = req.longThreshold("minVcpus");
        String expected = "for a VM: >= " + min + " vCPUs";
        Machine.Physicality m = Machine.of(facts);
        var cpus = facts.cpu().cpus();
        Evidences ev = new Evidences().add(m.source()).add(cpus);
        return switch (m.kind()) {
            case BARE_METAL -> Finding.notApplicable(expected, "bare metal: the node has no vCPUs", ev.list());
            case UNKNOWN -> Finding.unknown(expected, "whether the node is a VM is unknown ("
                    + m.source().unknownReason() + ")", ev.list());
            case VM -> cpus.known()
                    ? Finding.of(cpus.get().onlineCount() >= min, expected, cpus.get().onlineCount() + " vCPUs online ("
                    + cpus.get().online() + ")", ev.list())
                    : fromTopology(facts, min, expected, cpus.unknownReason(), ev);
        };
    }

    /** Without an online list or cpuinfo: the cpuN directories whose topology was read are online CPUs. */
    private static Finding fromTopology(HostFacts facts, long min, String expected, String listsReason,
                                        Evidences ev) {
        var topology = facts.cpu().topology();
        if (!topology.known()) {
            return Finding.unknown(expected, listsReason + "; and the CPU topology is unknown ("
                    + topology.unknownReason() + ")", ev.list());
        }
        ev.add(topology);
        int n = topology.get().logicalCpus();
        String actual = n + " vCPUs with a topology under /sys/devices/system/cpu (" + listsReason + ")";
        if (n >= min) {
            return Finding.pass(expected, actual, ev.list());
        }
        return Finding.unknown(expected, actual + ": CPUs without a captured topology directory may be online too",
                ev.list());
    }
}
