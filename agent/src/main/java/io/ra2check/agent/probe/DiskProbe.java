package io.ra2check.agent.probe;

import io.ra2check.agent.facts.DiskFacts;
import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.report.Evidence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.ra2check.agent.probe.ProbeSupport.line;

/** Physical disks from /sys/block. */
public final class DiskProbe {
    static final String BLOCK = "/sys/block";
    private static final List<String> VIRTUAL_PREFIXES = List.of("loop", "ram", "zram", "dm-", "md", "sr", "nbd",
            "fd", "rbd", "drbd", "zd", "pmem");

    public DiskFacts probe(HostRoot root) {
        HostFs fs = root.fs();
        List<String> names;
        try {
            names = fs.list(BLOCK);
        } catch (IOException e) {
            return new DiskFacts(Fact.unknown(Fs.describe(BLOCK, e)));
        }
        List<DiskFacts.Disk> disks = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String name : names) {
            if (isVirtual(fs, name)) {
                skipped.add(name);
                continue;
            }
            String dir = BLOCK + "/" + name;
            Long sectors = ProbeSupport.longOrNull(line(fs, dir + "/size"));
            ProbeSupport.Line rot = line(fs, dir + "/queue/rotational");
            Boolean rotational = rot.ok() ? Boolean.valueOf(rot.text().equals("1")) : null;
            boolean removable = "1".equals(line(fs, dir + "/removable").text());
            ProbeSupport.Line model = line(fs, dir + "/device/model");
            disks.add(new DiskFacts.Disk(name, sectors == null ? null : sectors * 512, rotational, removable,
                    model.ok() && !model.text().isEmpty() ? model.text() : null));
        }
        List<Evidence> ev = new ArrayList<>();
        for (DiskFacts.Disk d : disks) {
            ev.add(new Evidence(BLOCK + "/" + d.name() + "/queue/rotational",
                    d.rotational() == null ? "(unreadable)" : d.rotational() ? "1" : "0"));
        }
        if (!skipped.isEmpty()) {
            ev.add(new Evidence(BLOCK, "not physical disks: " + String.join(" ", skipped)));
        }
        return new DiskFacts(Fact.of(List.copyOf(disks), ev));
    }

    /** loop, zram, device-mapper, md, optical and the like; or any device the kernel files under devices/virtual. */
    private static boolean isVirtual(HostFs fs, String name) {
        for (String p : VIRTUAL_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        try {
            return fs.readLink(BLOCK + "/" + name).contains("/devices/virtual/");
        } catch (IOException e) {
            return false;
        }
    }
}
