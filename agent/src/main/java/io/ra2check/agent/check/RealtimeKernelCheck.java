package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.report.Requirement;

/** ra2.ch.020: a real-time (PREEMPT_RT) kernel, for the rt-tsn flavour. */
public final class RealtimeKernelCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.020";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        String expected = "a PREEMPT_RT kernel";
        var rt = facts.os().realtime();
        Evidences ev = new Evidences().add(rt);
        if (!rt.known()) {
            return Finding.unknown(expected, rt.unknownReason(), ev.list());
        }
        String release = facts.os().kernelRelease().orElse("kernel");
        return Finding.of(rt.get(), expected, release + (rt.get() ? " is real-time" : " is not real-time"), ev.list());
    }
}
