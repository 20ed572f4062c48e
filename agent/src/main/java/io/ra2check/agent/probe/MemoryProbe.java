package io.ra2check.agent.probe;

import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.MemoryFacts;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.report.Evidence;

import java.util.List;
import java.util.Map;

import static io.ra2check.agent.probe.ProbeSupport.line;

/** Memory size from /proc/meminfo and the memory block devices. */
public final class MemoryProbe {
    static final String BLOCKS = "/sys/devices/system/memory";

    public MemoryFacts probe(HostRoot root, Fact<Map<String, Long>> meminfo) {
        Fact<Long> total = meminfo.map(m -> m.get("MemTotal"), Meminfo.PATH + " has no MemTotal");
        if (total.known()) {
            total = Fact.of(total.get(), new Evidence(Meminfo.PATH, "MemTotal " + total.get() / 1024 + " kB"));
        }
        return new MemoryFacts(total, onlineBlocks(root.fs()));
    }

    private static Fact<Long> onlineBlocks(HostFs fs) {
        ProbeSupport.Line size = line(fs, BLOCKS + "/block_size_bytes");
        if (!size.ok()) {
            return Fact.unknown(size.path() + ": " + size.error());
        }
        Long blockSize = parseBlockSize(size.text());
        if (blockSize == null) {
            return Fact.unknown(size.path() + ": not a hexadecimal size: '" + size.text() + "'");
        }
        int online = 0;
        int offline = 0;
        int unreadable = 0;
        for (String name : ProbeSupport.listOrEmpty(fs, BLOCKS)) {
            if (!name.startsWith("memory") || name.length() == 6) {
                continue;
            }
            ProbeSupport.Line state = line(fs, BLOCKS + "/" + name + "/online");
            Boolean isOnline = state.ok() ? Boolean.valueOf(state.text().equals("1")) : null;
            if (isOnline == null) {
                ProbeSupport.Line st = line(fs, BLOCKS + "/" + name + "/state");
                isOnline = st.ok() ? Boolean.valueOf(st.text().startsWith("online")) : null;
            }
            if (isOnline == null) {
                unreadable++;
            } else if (isOnline) {
                online++;
            } else {
                offline++;
            }
        }
        List<Evidence> ev = List.of(size.evidence(), new Evidence(BLOCKS + "/memory*/online",
                online + " online, " + offline + " offline" + (unreadable > 0 ? ", " + unreadable + " unreadable" : "")));
        if (online == 0) {
            return Fact.unknown("no online memory block found under " + BLOCKS, ev);
        }
        if (unreadable > 0) {
            return Fact.unknown(unreadable + " memory blocks have no readable state", ev);
        }
        return Fact.of(online * blockSize, ev);
    }

    /** block_size_bytes is hexadecimal without a 0x prefix ("8000000" = 128 MiB). */
    static Long parseBlockSize(String text) {
        String t = text.trim();
        if (t.startsWith("0x")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 15) {
            return null;
        }
        try {
            long v = Long.parseLong(t, 16);
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
