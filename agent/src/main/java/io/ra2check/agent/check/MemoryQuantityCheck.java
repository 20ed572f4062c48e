package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.InstalledMemory;
import io.ra2check.report.Requirement;

/** ra2.ch.012: at least 32 GiB of RAM installed. */
public final class MemoryQuantityCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.012";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        long minGib = req.longThreshold("minMemoryGiB");
        double margin = req.doubleThreshold("memTotalMarginPercent") / 100.0;
        long min = minGib * Units.GIB;
        String expected = ">= " + minGib + " GiB of RAM";
        var installed = InstalledMemory.of(facts.memory(), facts.smbios());
        Evidences ev = new Evidences().add(installed);
        if (!installed.known()) {
            return Finding.unknown(expected, installed.unknownReason(), ev.list());
        }
        InstalledMemory m = installed.get();
        String actual = Units.gib(m.bytes()) + " (" + switch (m.source()) {
            case "smbios" -> m.dimms() + " DIMMs per SMBIOS";
            case "memory-blocks" -> "online memory blocks";
            default -> "MemTotal; installed RAM is somewhat more";
        } + ")";
        if (m.bytes() >= min) {
            return Finding.pass(expected, actual, ev.list());
        }
        if (m.lowerBoundOnly() && m.bytes() >= min * (1 - margin)) {
            return Finding.unknown(expected, actual + " is within " + Math.round(margin * 100)
                    + "% of the minimum, which the memory the kernel reserves can account for; installed RAM could not "
                    + "be read (SMBIOS table and memory blocks unavailable)", ev.list());
        }
        return Finding.fail(expected, actual, ev.list());
    }
}
