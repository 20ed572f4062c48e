package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.report.Requirement;

/** ra2.ch.007: the node OS has routable (global unicast) IPv4 and IPv6 addresses. */
public final class DualStackAddressCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.007";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        String expected = "a global IPv4 address and a global IPv6 address";
        var v4 = facts.network().ipv4();
        var v6 = facts.network().ipv6();
        Evidences ev = new Evidences().add(v4).add(v6);
        if ((v4.known() && v4.get().isEmpty()) || (v6.known() && v6.get().isEmpty())) {
            return Finding.fail(expected, (v4.known() ? "IPv4 " + (v4.get().isEmpty() ? "none" : v4.get()) : "IPv4 ?")
                    + ", " + (v6.known() ? "IPv6 " + (v6.get().isEmpty() ? "none" : v6.get()) : "IPv6 ?"), ev.list());
        }
        if (!v4.known()) {
            return Finding.unknown(expected, v4.unknownReason(), ev.list());
        }
        if (!v6.known()) {
            return Finding.unknown(expected, v6.unknownReason(), ev.list());
        }
        return Finding.pass(expected, "IPv4 " + v4.get() + ", IPv6 " + v6.get(), ev.list());
    }
}
