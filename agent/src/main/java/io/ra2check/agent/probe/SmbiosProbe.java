package io.ra2check.agent.probe;

import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.SmbiosFacts;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.report.Evidence;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SMBIOS table (/sys/firmware/dmi/tables) and the DMI identity strings (/sys/class/dmi/id). */
public final class SmbiosProbe {
    static final String TABLES = "/sys/firmware/dmi/tables";
    static final String ENTRY_POINT = TABLES + "/smbios_entry_point";
    static final String DMI = TABLES + "/DMI";
    private static final List<String> ID_FIELDS = List.of("sys_vendor", "product_name", "product_version",
            "product_family", "board_vendor", "board_name", "bios_vendor", "bios_version", "bios_date",
            "product_serial");

    public SmbiosFacts probe(HostRoot root) {
        return new SmbiosFacts(table(root), dmiId(root.fs()));
    }

    private static Fact<SmbiosFacts.Table> table(HostRoot root) {
        HostFs fs = root.fs();
        byte[] dmi;
        try {
            dmi = fs.read(DMI);
        } catch (AccessDeniedException e) {
            return Fact.unknown(DMI + ": permission denied (the SMBIOS table is readable by root only)");
        } catch (NoSuchFileException e) {
            return Fact.unknown(DMI + (root.complete() ? ": absent (the firmware or hypervisor provides no SMBIOS "
                    + "table)" : ": not captured"));
        } catch (IOException e) {
            return Fact.unknown(Fs.describe(DMI, e));
        }
        byte[] entryPoint = null;
        try {
            entryPoint = fs.read(ENTRY_POINT);
        } catch (IOException e) {
            // the structures decode without it; only the version is lost
        }
        SmbiosFacts.Table t = SmbiosParser.parse(entryPoint, dmi);
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence(ENTRY_POINT, entryPoint == null ? "(unreadable)" : "SMBIOS " + t.version()));
        ev.add(new Evidence(DMI, dmi.length + " bytes, " + t.structureCount() + " structures"
                + (t.problem() == null ? "" : "; " + t.problem())));
        if (t.structureCount() == 0) {
            return Fact.unknown(DMI + ": " + t.problem(), ev);
        }
        return Fact.of(t, ev);
    }

    private static Fact<Map<String, String>> dmiId(HostFs fs) {
        String dir = fs.isDirectory("/sys/class/dmi/id") ? "/sys/class/dmi/id" : "/sys/devices/virtual/dmi/id";
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : ID_FIELDS) {
            ProbeSupport.Line l = ProbeSupport.line(fs, dir + "/" + f);
            if (l.ok() && !l.text().isEmpty()) {
                values.put(f, l.text());
            }
        }
        if (values.isEmpty()) {
            return Fact.unknown(dir + ": missing or empty");
        }
        return Fact.of(Map.copyOf(values), new Evidence(dir, values.toString()));
    }
}
