package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.report.Requirement;

/** ra2.os.003: Windows Server may be used for workers. ra2check reads Linux hosts, where it does not apply. */
public final class WindowsWorkerCheck implements Check {
    @Override
    public String id() {
        return "ra2.os.003";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        String expected = "for a Windows worker: Windows Server 1809 (10.0.17763) or later";
        var release = facts.os().kernelRelease();
        Evidences ev = new Evidences().add(release).add(facts.os().osRelease());
        if (release.known() || facts.os().osRelease().known()) {
            return Finding.notApplicable(expected, "a Linux node", ev.list());
        }
        return Finding.unknown(expected, "neither a Linux kernel release nor os-release could be read", ev.list());
    }
}
