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
            return fromBootSettings(facts, sizes, expected, pools.unknownReason(), ev);
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
            if (missing.contains(GIB_KIB)) {
                ev.add(facts.cpu().pdpe1gbFlag());
                actual += gigantic(facts.cpu().pdpe1gbFlag().orElse(null));
            }
        }
        return Finding.of(missing.isEmpty(), expected, actual, ev.list());
    }

    static final long GIB_KIB = 1048576;

    /** Why the running kernel has no 1 GiB size, and the fix that follows from it. */
    static String gigantic(Boolean pdpe1gb) {
        if (Boolean.TRUE.equals(pdpe1gb)) {
            return " (the CPU has pdpe1gb, so the kernel can use 1 GiB pages: this kernel registers the size only when "
                    + "booted with it; add \"hugepagesz=1G hugepages=<N>\" to the kernel command line)";
        }
        if (Boolean.FALSE.equals(pdpe1gb)) {
            return " (the CPU as this kernel sees it lacks pdpe1gb: on a VM, expose pdpe1gb in the virtual CPU model; "
                    + "on a server, 1 GiB pages need a CPU with pdpe1gb)";
        }
        return "";
    }

    /**
     * Where /sys/kernel/mm/hugepages was not read: the sizes /proc/meminfo (Hugepagesize, the default size) and the
     * kernel command line (hugepagesz=, default_hugepagesz=, which the kernel registers at boot when the CPU can
     * map them) prove supported.
     */
    private static Finding fromBootSettings(HostFacts facts, List<Long> sizes, String expected, String sysfsReason,
                                            Evidences ev) {
        var inMeminfo = facts.hugepages().hugetlbInMeminfo();
        ev.add(inMeminfo).add(facts.os().kernelCmdline());
        if (inMeminfo.known() && !inMeminfo.get()) {
            return Finding.fail(expected, "no huge page support (/proc/meminfo has no HugePages_Total or Hugepagesize "
                    + "line, which every kernel with huge pages prints)", ev.list());
        }
        java.util.Set<Long> proven = new java.util.TreeSet<>();
        List<String> how = new ArrayList<>();
        var defaultSize = facts.hugepages().defaultSizeKiB();
        if (defaultSize.known()) {
            proven.add(defaultSize.get());
            how.add(defaultSize.get() + " kB is the default size (/proc/meminfo Hugepagesize)");
        }
        var cmdline = facts.os().kernelCmdline();
        Boolean pdpe1gb = facts.cpu().pdpe1gbFlag().orElse(null);
        if (cmdline.known()) {
            for (long s : KernelCmdline.hugepageSizesKiB(cmdline.get())) {
                // the kernel refuses a size the CPU cannot map; 1 GiB needs pdpe1gb (x86)
                if (s == GIB_KIB && !Boolean.TRUE.equals(pdpe1gb)) {
                    continue;
                }
                if (proven.add(s)) {
                    how.add(s + " kB is on the kernel command line" + (s == GIB_KIB ? " and the CPU has pdpe1gb" : ""));
                }
            }
        }
        List<Long> undecided = sizes.stream().filter(s -> !proven.contains(s)).toList();
        String actual = String.join("; ", how) + " (" + sysfsReason + ")";
        if (undecided.isEmpty()) {
            return Finding.pass(expected, actual, ev.list());
        }
        return Finding.unknown(expected, sysfsReason + ", and neither /proc/meminfo nor the kernel command line "
                + "shows the size" + (undecided.size() == 1 ? " " : "s ") + undecided.stream().map(s -> s + " kB")
                .collect(Collectors.joining(", ")) + (how.isEmpty() ? "" : " (" + String.join("; ", how) + ")"),
                ev.list());
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
