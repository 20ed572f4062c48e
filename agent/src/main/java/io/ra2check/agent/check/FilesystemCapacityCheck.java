package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.FilesystemFacts;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.report.Requirement;

/** ra2.ch.010: the filesystem holding container storage has at least 320 GB. */
public final class FilesystemCapacityCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.010";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        long minGb = req.longThreshold("minCapacityGB");
        String expected = ">= " + minGb + " GB filesystem for container storage";
        var storage = facts.filesystem().runtimeStorage();
        Evidences ev = new Evidences().add(storage);
        for (String c : facts.filesystem().candidates()) {
            ev.add("runtime storage candidate", c);
        }
        if (!storage.known()) {
            return Finding.unknown(expected, storage.unknownReason(), ev.list());
        }
        FilesystemFacts.Storage s = storage.get();
        String where = s.runtime() != null ? s.path() + " (" + s.runtime() + ")"
                : s.path() + " (no runtime storage yet; " + s.forPath() + " would be created there)";
        String actual = Units.gb(s.totalBytes()) + " on " + where + ", " + Units.gb(s.availableBytes()) + " free";
        return Finding.of(s.totalBytes() >= minGb * Units.GB, expected, actual, ev.list());
    }
}
