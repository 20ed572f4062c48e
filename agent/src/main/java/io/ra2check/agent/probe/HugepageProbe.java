package io.ra2check.agent.probe;

import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.HugepageFacts;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.report.Evidence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static io.ra2check.agent.probe.ProbeSupport.line;

/** Huge page sizes and pools from /sys/kernel/mm/hugepages and the NUMA nodes' hugepages directories. */
public final class HugepageProbe {
    static final String DIR = "/sys/kernel/mm/hugepages";

    public HugepageFacts probe(HostRoot root, Fact<Map<String, Long>> meminfo) {
        HostFs fs = root.fs();
        Fact<Long> defaultSize = meminfo.map(m -> m.get("Hugepagesize") == null ? null : m.get("Hugepagesize") / 1024,
                Meminfo.PATH + " has no Hugepagesize");
        if (defaultSize.known()) {
            defaultSize = Fact.of(defaultSize.get(),
                    new Evidence(Meminfo.PATH, "Hugepagesize " + defaultSize.get() + " kB"));
        }
        Fact<Boolean> inMeminfo = meminfo.known() ? Fact.of(meminfo.get().containsKey("HugePages_Total")
                && meminfo.get().containsKey("Hugepagesize"), new Evidence(Meminfo.PATH, meminfo.get()
                .containsKey("HugePages_Total") ? "HugePages_Total " + meminfo.get().get("HugePages_Total")
                : "no HugePages_Total line")) : Fact.unknown(meminfo.unknownReason());
        List<String> nodes = ProbeSupport.listOrEmpty(fs, CpuProbe.NODE_DIR).stream()
                .filter(n -> n.startsWith("node") && n.length() > 4 && n.chars().skip(4).allMatch(Character::isDigit))
                .toList();
        List<String> names;
        boolean fromNodes = false;
        try {
            names = fs.list(DIR);
        } catch (java.nio.file.NoSuchFileException e) {
            // captures that kept only the NUMA nodes' hugepages directories still tell the sizes and counts
            names = nodeSizes(fs, nodes);
            fromNodes = !names.isEmpty();
            if (!fromNodes) {
                return new HugepageFacts(root.complete()
                        ? Fact.of(List.of(), new Evidence(DIR, "absent: the kernel has no huge page support"))
                        : Fact.unknown(DIR + ": not captured"), defaultSize, inMeminfo);
            }
        } catch (IOException e) {
            return new HugepageFacts(Fact.unknown(Fs.describe(DIR, e)), defaultSize, inMeminfo);
        }
        List<HugepageFacts.Pool> pools = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        for (String name : names) {
            Long size = sizeKiB(name);
            if (size == null) {
                continue;
            }
            String dir = DIR + "/" + name;
            ProbeSupport.Line nr = line(fs, dir + "/nr_hugepages");
            ProbeSupport.Line free = line(fs, dir + "/free_hugepages");
            ev.add(nr.evidence());
            SortedMap<Integer, Long> totalByNode = new TreeMap<>();
            SortedMap<Integer, Long> freeByNode = new TreeMap<>();
            for (String node : nodes) {
                String nd = CpuProbe.NODE_DIR + "/" + node + "/hugepages/" + name;
                Long t = ProbeSupport.longOrNull(line(fs, nd + "/nr_hugepages"));
                Long f = ProbeSupport.longOrNull(line(fs, nd + "/free_hugepages"));
                int id = Integer.parseInt(node.substring(4));
                if (t != null) {
                    totalByNode.put(id, t);
                }
                if (f != null) {
                    freeByNode.put(id, f);
                }
            }
            if (!totalByNode.isEmpty()) {
                ev.add(new Evidence(CpuProbe.NODE_DIR + "/node*/hugepages/" + name + "/nr_hugepages",
                        totalByNode.toString()));
            }
            Long total = ProbeSupport.longOrNull(nr);
            Long freePages = ProbeSupport.longOrNull(free);
            if (fromNodes) {
                // the pool is the sum of the nodes' pools, when every node's count was captured
                total = totalByNode.size() == nodes.size() ? sum(totalByNode) : null;
                freePages = freeByNode.size() == nodes.size() ? sum(freeByNode) : null;
            }
            pools.add(new HugepageFacts.Pool(size, total, freePages, Collections.unmodifiableSortedMap(totalByNode),
                    Collections.unmodifiableSortedMap(freeByNode)));
        }
        if (pools.isEmpty()) {
            return new HugepageFacts(Fact.of(List.of(), new Evidence(DIR, "no hugepages-* directories")), defaultSize,
                    inMeminfo);
        }
        pools.sort(java.util.Comparator.comparingLong(HugepageFacts.Pool::sizeKiB));
        return new HugepageFacts(Fact.of(List.copyOf(pools), ev), defaultSize, inMeminfo);
    }

    private static List<String> nodeSizes(HostFs fs, List<String> nodes) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String node : nodes) {
            names.addAll(ProbeSupport.listOrEmpty(fs, CpuProbe.NODE_DIR + "/" + node + "/hugepages"));
        }
        return List.copyOf(names);
    }

    private static long sum(SortedMap<Integer, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "hugepages-2048kB" -> 2048; null for anything else. */
    static Long sizeKiB(String dirName) {
        if (!dirName.startsWith("hugepages-") || !dirName.endsWith("kB")) {
            return null;
        }
        try {
            long v = Long.parseLong(dirName.substring("hugepages-".length(), dirName.length() - 2));
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
