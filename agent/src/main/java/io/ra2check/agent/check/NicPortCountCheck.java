package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.NetworkFacts;
import io.ra2check.report.Requirement;

/** ra2.ch.013: at least four physical NIC ports (Ethernet PCI functions, VFs excluded). */
public final class NicPortCountCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.013";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        long min = req.longThreshold("minPorts");
        String expected = ">= " + min + " physical NIC ports";
        var ports = facts.network().ports();
        Finding vm = Machine.physicalOnly(facts, expected,
                ports.known() ? ports.get().size() + " virtual NICs" : null);
        if (vm != null) {
            return vm;
        }
        Evidences ev = new Evidences().add(ports);
        if (!ports.known()) {
            return Finding.unknown(expected, ports.unknownReason(), ev.list());
        }
        for (NetworkFacts.Port p : ports.get()) {
            ev.add("/sys/bus/pci/devices/" + p.pciAddress(), p.vendorDevice() + " driver " + p.driver()
                    + (p.name() == null ? ", no netdev" : ", " + p.name()));
        }
        var unclassified = facts.network().unclassified();
        int n = ports.get().size();
        if (n >= min) {
            return Finding.pass(expected, n + " ports", ev.list());
        }
        if (!unclassified.isEmpty()) {
            // each function whose class could not be read may be a port: the count is a lower bound
            return Finding.unknown(expected, "at least " + n + " ports: " + facts.network().describeUnclassified()
                    + " may be more", ev.list());
        }
        return Finding.fail(expected, n + " ports", ev.list());
    }
}
