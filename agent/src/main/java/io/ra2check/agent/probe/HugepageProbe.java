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
        List<String> names;
        try {
            names = fs.list(DIR);
        } catch (java.nio.file.NoSuchFileException e) {
            // on a complete root the directory is missing only when the kernel has no huge page support
            return new HugepageFacts(root.complete()
                    ? Fact.of(List.of(), new Evidence(DIR, "absent: the kernel has no huge page support"))
                    : Fact.unknown(DIR + ": not captured"), defaultSize);
        } catch (IOException e) {
            return new HugepageFacts(Fact.unknown(Fs.describe(DIR, e)), defaultSize);
        }
        List<String> nodes = ProbeSupport.listOrEmpty(fs, CpuProbe.NODE_DIR).stream()
                .filter(n -> n.startsWith("node") && n.length() > 4 && n.chars().skip(4).allMatch(Character::isDigit))
                .toList();
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
            pools.add(new HugepageFacts.Pool(size, ProbeSupport.longOrNull(nr), ProbeSupport.longOrNull(free),
                    Collections.unmodifiableSortedMap(totalByNode), Collections.unmodifiableSortedMap(freeByNode)));
        }
        if (pools.isEmpty()) {
            return new HugepageFacts(Fact.of(List.of(), new Evidence(DIR, "no hugepages-* directories")), defaultSize);
        }
        pools.sort(java.util.Comparator.comparingLong(HugepageFacts.Pool::sizeKiB));
        return new HugepageFacts(Fact.of(List.copyOf(pools), ev), defaultSize);
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
