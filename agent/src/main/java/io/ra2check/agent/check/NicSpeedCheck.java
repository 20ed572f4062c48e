package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.NetworkFacts;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;

/**
 * ra2.ch.014 (10 Gb/s, basic) and ra2.ch.015 (25 Gb/s, network-intensive): the NIC ports counted by ra2.ch.013 reach
 * the speed. A port's speed is the maximum it supports where known (ethtool link modes, or a NIC model known to
 * come in one speed), else its negotiated speed, which the evidence says.
 */
public final class NicSpeedCheck implements Check {
    private final String id;

    public NicSpeedCheck(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** A port's speed as the check judges it, and where that figure came from. */
    record PortSpeed(NetworkFacts.Port port, Long mbps, String source) {
    }

    static PortSpeed speedOf(NetworkFacts.Port p) {
        if (p.maxSpeedMbps() != null) {
            long s = p.speedMbps() != null ? Math.max(p.maxSpeedMbps(), p.speedMbps()) : p.maxSpeedMbps();
            boolean slowerNow = p.speedMbps() != null && p.speedMbps() < s;
            return new PortSpeed(p, s, "max supported, " + p.maxSpeedSource() + (slowerNow
                    ? "; negotiated only " + Units.gbps(p.speedMbps()) + " now" : ""));
        }
        if (p.speedMbps() != null) {
            return new PortSpeed(p, p.speedMbps(), "negotiated speed (maximum not known)");
        }
        return new PortSpeed(p, null, p.speedNote() == null ? "speed unknown" : p.speedNote());
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        long minGbps = req.longThreshold("minSpeedGbps");
        long minPorts = req.longThreshold("minPorts");
        String expected = ">= " + minPorts + " NIC ports at >= " + minGbps + " Gb/s";
        var ports = facts.network().ports();
        Finding vm = Machine.physicalOnly(facts, expected, null);
        if (vm != null) {
            return vm;
        }
        Evidences ev = new Evidences().add(facts.network().kernelCalls());
        if (!ports.known()) {
            return Finding.unknown(expected, ports.unknownReason(), ev.add(ports).list());
        }
        int fast = 0;
        int unknown = 0;
        List<String> slow = new ArrayList<>();
        List<String> slowerNow = new ArrayList<>();
        for (NetworkFacts.Port p : ports.get()) {
            PortSpeed s = speedOf(p);
            String label = p.pciAddress() + (p.name() == null ? "" : " " + p.name());
            ev.add("port " + label, s.mbps() == null ? s.source() : Units.gbps(s.mbps()) + " (" + s.source() + ")");
            if (s.mbps() == null) {
                unknown++;
            } else if (s.mbps() >= minGbps * 1000) {
                fast++;
                if (p.speedMbps() != null && p.speedMbps() < s.mbps()) {
                    slowerNow.add(label + " " + Units.gbps(p.speedMbps()) + " of " + Units.gbps(s.mbps()));
                }
            } else {
                slow.add(label + " " + Units.gbps(s.mbps()));
            }
        }
        String actual = fast + " of " + ports.get().size() + " ports at >= " + minGbps + " Gb/s"
                + (unknown > 0 ? ", " + unknown + " of unknown speed" : "")
                + (slow.isEmpty() ? "" : ", slower: " + slow)
                + (slowerNow.isEmpty() ? "" : "; judged on their maximum, these negotiated less now: " + slowerNow)
                + (ports.get().size() < minPorts ? "; only " + ports.get().size() + " ports, fewer than the "
                + minPorts + " required" : "");
        if (fast >= minPorts) {
            return Finding.pass(expected, actual, ev.list());
        }
        if (fast + unknown >= minPorts) {
            return Finding.unknown(expected, actual + ": the ports of unknown speed decide", ev.list());
        }
        int unclassified = facts.network().unclassified().size();
        if (fast + unknown + unclassified >= minPorts) {
            return Finding.unknown(expected, actual + "; " + facts.network().describeUnclassified()
                    + " may be ports and decide", ev.list());
        }
        return Finding.fail(expected, actual, ev.list());
    }
}
