package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.HugepageFacts;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** ra2.ch.001: the kernel supports 2 MiB and 1 GiB huge pages (their schedulability is the collector's half). */
public final class HugepagesCheck implements Check {
    @Override
    public String id() {
        return "ra2.ch.001";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        List<Long> sizes = req.stringListThreshold("hugepageSizesKiB").stream().map(Long::valueOf).toList();
        String expected = "huge page sizes " + sizes.stream().map(s -> s + " kB").collect(Collectors.joining(" and "))
                + " supported";
        var pools = facts.hugepages().pools();
        Evidences ev = new Evidences().add(pools).add(facts.hugepages().defaultSizeKiB());
        if (!pools.known()) {
            return Finding.unknown(expected, pools.unknownReason(), ev.list());
        }
        List<Long> missing = new ArrayList<>();
        for (long s : sizes) {
            if (pools.get().stream().noneMatch(p -> p.sizeKiB() == s)) {
                missing.add(s);
            }
        }
        String actual = pools.get().isEmpty() ? "no huge page support"
                : pools.get().stream().map(HugepagesCheck::describe).collect(Collectors.joining("; "));
        if (!missing.isEmpty()) {
            actual += "; not supported: " + missing.stream().map(s -> s + " kB").collect(Collectors.joining(", "));
        }
        return Finding.of(missing.isEmpty(), expected, actual, ev.list());
    }

    private static String describe(HugepageFacts.Pool p) {
        String s = p.sizeKiB() + " kB: " + (p.total() == null ? "? " : p.total() + " ") + "pages";
        if (p.free() != null) {
            s += " (" + p.free() + " free)";
        }
        if (!p.totalByNode().isEmpty()) {
            s += " " + p.totalByNode().entrySet().stream().map(e -> "node" + e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
        }
        return s;
    }
}
