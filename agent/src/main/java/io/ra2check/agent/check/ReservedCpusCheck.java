package io.ra2check.agent.check;

import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.KubeletFacts;
import io.ra2check.agent.probe.KubeletValues;
import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * ra2.k8s.008: CPUs reserved for system daemons with reservedSystemCPUs / --reserved-cpus, at least
 * {@code minReservedCpus} of them (RA2: "two of a-z to reserve 2 SMT threads"). Whether the reserved threads are SMT
 * siblings is said, from the host's thread_siblings_list; a failing host is told a sibling pair of its own.
 */
final class ReservedCpusCheck implements Check {
    static final String ID = "ra2.k8s.008";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        long min = req.longThreshold("minReservedCpus");
        String expected = "reservedSystemCPUs with >= " + min + " CPU" + (min == 1 ? "" : "s")
                + (min == 2 ? " (two SMT threads of one core)" : "");
        Fact<KubeletFacts.Config> config = facts.kubelet().config();
        if (!config.known()) {
            return Finding.unknown(expected, config.unknownReason(), config.evidence());
        }
        KubeletFacts.Config c = config.get();
        Fact<KubeletFacts.ThreadSiblings> siblings = facts.kubelet().threadSiblings();
        List<Evidence> ev = new ArrayList<>(KubeletChecks.evidence(c));
        ev.addAll(siblings.evidence());
        if (c.reservedSystemCpus() == null) {
            String others = c.systemReserved().containsKey("cpu") || c.kubeReserved().containsKey("cpu")
                    ? " (systemReserved/kubeReserved cpu are set, but do not pin CPUs)" : "";
            return Finding.fail(expected, "reservedSystemCPUs not set" + others, ev)
                    .withRemediation(remediation(siblings, new BitSet(), min));
        }
        BitSet reserved;
        try {
            reserved = KubeletValues.parseCpuSet(c.reservedSystemCpus());
        } catch (IllegalArgumentException e) {
            // the probes refuse such a config; a fact built elsewhere may not have been checked
            return Finding.unknown(expected, "reservedSystemCPUs: " + e.getMessage(), ev);
        }
        int count = reserved.cardinality();
        String actual = "reservedSystemCPUs \"" + KubeletValues.abbreviate(c.reservedSystemCpus()) + "\" (" + count
                + " CPU" + (count == 1 ? "" : "s") + "; " + siblingNote(reserved, siblings) + ")";
        if (count < min) {
            return Finding.fail(expected, actual, ev).withRemediation(remediation(siblings, reserved, min));
        }
        return Finding.pass(expected, actual, ev);
    }

    /** Whether the reserved CPUs take whole cores, in words. */
    static String siblingNote(BitSet reserved, Fact<KubeletFacts.ThreadSiblings> siblings) {
        if (!siblings.known()) {
            return "SMT siblings unknown: " + siblings.unknownReason();
        }
        KubeletFacts.ThreadSiblings s = siblings.get();
        List<String> split = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        List<Integer> unknown = new ArrayList<>();
        for (int cpu = reserved.nextSetBit(0); cpu >= 0; cpu = reserved.nextSetBit(cpu + 1)) {
            List<Integer> core = s.byCpu().get(cpu);
            if (core == null) {
                unknown.add(cpu);
                continue;
            }
            if (core.size() <= 1) {
                alone.add(String.valueOf(cpu));
                continue;
            }
            List<Integer> missing = core.stream().filter(o -> !reserved.get(o)).toList();
            if (!missing.isEmpty() && split.size() < 3) {
                split.add("CPU " + cpu + " shares its core with " + join(missing) + ", not reserved");
            }
        }
        if (!unknown.isEmpty()) {
            return "SMT siblings of CPU " + join(unknown.subList(0, Math.min(unknown.size(), 8)))
                    + (unknown.size() > 8 ? ",..." : "") + " unknown";
        }
        if (!split.isEmpty()) {
            return "not whole cores: " + String.join("; ", split);
        }
        if (!alone.isEmpty()) {
            return "CPU " + String.join(",", alone.subList(0, Math.min(alone.size(), 8)))
                    + (alone.size() > 8 ? ",..." : "") + " without an SMT sibling (SMT off or absent)";
        }
        return reserved.cardinality() == 2 ? "SMT siblings of one core" : "whole cores: every SMT sibling reserved";
    }

    /** Reserve a core of this host by name: the siblings of the first reserved CPU, else of CPU 0. */
    static String remediation(Fact<KubeletFacts.ThreadSiblings> siblings, BitSet reserved, long min) {
        if (!siblings.known()) {
            return null;
        }
        KubeletFacts.ThreadSiblings s = siblings.get();
        int first = reserved.isEmpty() ? 0 : reserved.nextSetBit(0);
        List<Integer> core = s.byCpu().get(first);
        if (core == null) {
            first = 0;
            core = s.byCpu().get(0);
        }
        if (core == null) {
            return null;
        }
        String path = "/sys/devices/system/cpu/cpu" + first + "/topology/thread_siblings_list";
        String tail = " in the kubelet configuration (or --reserved-cpus), drain the node, remove "
                + "/var/lib/kubelet/cpu_manager_state and restart the kubelet.";
        if (core.size() < 2) {
            return "This host shows no SMT sibling of CPU " + first + " (" + path + ": " + join(core) + "; SMT off or "
                    + "absent): reserve at least " + min + " CPUs with reservedSystemCPUs" + tail;
        }
        String pair = join(core);
        if (core.size() >= min) {
            return "Reserve two SMT threads of one core: on this host CPUs " + pair + " share a core (" + path
                    + "), so set reservedSystemCPUs: \"" + pair + "\"" + tail;
        }
        return "Reserve at least " + min + " CPUs as whole cores (their SMT siblings with them); on this host CPUs "
                + pair + " share a core (" + path + "). Set reservedSystemCPUs" + tail;
    }

    private static String join(List<Integer> cpus) {
        return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
