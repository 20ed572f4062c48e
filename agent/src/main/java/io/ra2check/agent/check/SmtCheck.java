package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.report.Requirement;

/** ra2.ch.004: SMT (Hyper-Threading) is enabled. The cpuinfo "ht" flag is not evidence of that. */
public final class SmtCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.004";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        String expected = "SMT enabled (more than one hardware thread per core)";
        var smt = facts.cpu().smt();
        Evidences ev = new Evidences().add(smt);
        var ht = facts.cpu().htFlag();
        if (ht.known() && ht.get()) {
            ev.add("/proc/cpuinfo", "'ht' flag set: a CPUID capability bit, not a sign that SMT is on");
        }
        Machine.Physicality machine = Machine.of(facts);
        if (machine.vm()) {
            String seen = smt.known() ? (smt.get().active() ? "SMT visible in the guest" : "no SMT in the guest")
                    : "unknown in the guest";
            return Finding.manual(expected, seen, "this node is " + machine.describe() + ": whether SMT is on in the "
                    + "physical host's BIOS cannot be seen from inside it", ev.add(machine.source()).list());
        }
        if (!smt.known()) {
            return Finding.unknown(expected, smt.unknownReason(), ev.list());
        }
        if (smt.get().active()) {
            return Finding.pass(expected, "SMT active" + control(smt.get().control()), ev.list());
        }
        String why = smt.get().control() == null ? "" : switch (smt.get().control()) {
            case "notsupported" -> " (smt/control=notsupported: disabled in the BIOS, or the CPU has no SMT)";
            case "off" -> " (smt/control=off: disabled by the kernel, e.g. nosmt on the command line)";
            case "forceoff" -> " (smt/control=forceoff: disabled with nosmt=force)";
            default -> control(smt.get().control());
        };
        return Finding.fail(expected, "SMT not active" + why, ev.list());
    }

    private static String control(String c) {
        return c == null ? "" : " (smt/control=" + c + ")";
    }
}
