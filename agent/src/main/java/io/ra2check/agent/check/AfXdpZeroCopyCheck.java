package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.NetworkFacts;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ra2.ch.019: AF_XDP zero-copy capable netdevs are available. The kernel's own answer (netdev xdp-features,
 * Linux >= 6.3) decides where it was read; otherwise the port's driver and the kernel release against an allowlist.
 */
public final class AfXdpZeroCopyCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.019";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        String minKernel = req.stringThreshold("minKernel");
        Map<String, String> drivers = req.stringMapThreshold("zeroCopyDrivers");
        String expected = "an AF_XDP zero-copy capable netdev, kernel >= " + minKernel;
        var ports = facts.network().ports();
        var release = facts.os().kernelRelease();
        Evidences ev = new Evidences().add(release).add(facts.network().kernelCalls());
        if (!release.known()) {
            return Finding.unknown(expected, release.unknownReason(), ev.list());
        }
        if (KernelVersions.compare(release.get(), minKernel) < 0) {
            return Finding.fail(expected, "kernel " + release.get() + " predates AF_XDP (" + minKernel + ")",
                    ev.list());
        }
        if (!ports.known()) {
            return Finding.unknown(expected, ports.unknownReason(), ev.add(ports).list());
        }
        List<String> capable = new ArrayList<>();
        int undetermined = 0;
        for (NetworkFacts.Port p : ports.get()) {
            String label = p.pciAddress() + (p.name() == null ? "" : " " + p.name());
            if (p.xdpZeroCopy() != null) {
                ev.add("port " + label, "xsk-zerocopy " + (p.xdpZeroCopy() ? "yes" : "no") + " (" + p.xdpSource() + ")");
                if (p.xdpZeroCopy()) {
                    capable.add(label);
                }
                continue;
            }
            if (p.driver() == null) {
                undetermined++;
                ev.add("port " + label, "no driver bound: zero-copy support unknown");
                continue;
            }
            String since = drivers.get(p.driver());
            if (since != null && KernelVersions.compare(release.get(), since) >= 0) {
                capable.add(label);
                ev.add("port " + label, "driver " + p.driver() + " has AF_XDP zero-copy since Linux " + since
                        + " (allowlist; distribution kernels may differ)");
            } else {
                ev.add("port " + label, "driver " + p.driver() + (since == null ? " is not on the zero-copy allowlist"
                        : " gained zero-copy in Linux " + since + ", after this kernel"));
            }
        }
        if (!capable.isEmpty()) {
            return Finding.pass(expected, "zero-copy capable: " + capable, ev.list());
        }
        if (undetermined > 0) {
            return Finding.unknown(expected, undetermined + " ports have no driver bound, so their zero-copy support "
                    + "is unknown", ev.list());
        }
        return Finding.fail(expected, "no zero-copy capable port among " + ports.get().size(), ev.list());
    }
}
