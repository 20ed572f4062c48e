package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.DiskFacts;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.report.Requirement;

import java.util.List;

/** ra2.ch.009: the machine's disks are SSDs (non-rotational). */
public final class SsdCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.009";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        String expected = "solid-state (non-rotational) disks";
        var disks = facts.disks().disks();
        List<String> guest = disks.known() ? disks.get().stream().map(DiskFacts.Disk::name).toList() : null;
        Finding vm = Machine.physicalOnly(facts, expected, guest == null ? null : "virtual disks " + guest);
        if (vm != null) {
            return vm;
        }
        Evidences ev = new Evidences().add(disks);
        if (!disks.known()) {
            return Finding.unknown(expected, disks.unknownReason(), ev.list());
        }
        List<DiskFacts.Disk> fixed = disks.get().stream().filter(d -> !d.removable()).toList();
        if (fixed.isEmpty()) {
            return Finding.unknown(expected, "no physical disk found under /sys/block", ev.list());
        }
        List<String> hdd = fixed.stream().filter(d -> Boolean.TRUE.equals(d.rotational())).map(DiskFacts.Disk::name)
                .toList();
        List<String> unknown = fixed.stream().filter(d -> d.rotational() == null).map(DiskFacts.Disk::name).toList();
        List<String> ssd = fixed.stream().filter(d -> Boolean.FALSE.equals(d.rotational()))
                .map(DiskFacts.Disk::name).toList();
        if (!hdd.isEmpty()) {
            return Finding.fail(expected, "rotational: " + hdd + (ssd.isEmpty() ? "" : "; solid-state: " + ssd),
                    ev.list());
        }
        if (!unknown.isEmpty()) {
            return Finding.unknown(expected, "queue/rotational unreadable for " + unknown, ev.list());
        }
        return Finding.pass(expected, "solid-state: " + ssd, ev.list());
    }
}
