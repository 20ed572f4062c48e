package io.ra2check.agent.accept;

import io.ra2check.agent.render.InventoryText;
import io.ra2check.report.Inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * The fleet summary as CSV (RFC 4180: CRLF line ends, a field with a comma, quote or line break in double quotes, a
 * quote doubled), one row per server in the summary's order, for the spreadsheets acceptance is tracked in. Unknown
 * values are "?" as everywhere else. A value from a host that starts like a spreadsheet formula (= + - @) gets a
 * leading apostrophe, so that opening the file cannot run a formula a snapshot smuggled in.
 */
public final class FleetCsvRenderer {
    static final List<String> HEADER = List.of("status", "server", "source", "reason", "failed", "undecided",
            "hostname", "vendor", "model", "serial", "bios_version", "cpu_model", "sockets", "cores_per_socket",
            "threads_per_core", "memory", "memory_source", "dimms", "nic_ports", "nic_models", "sriov_vfs",
            "pcie_slots", "disks", "outliers");

    public String render(FleetReport f) {
        StringBuilder sb = new StringBuilder(256 * (f.servers().size() + 1));
        row(sb, HEADER);
        for (ServerResult r : f.servers()) {
            List<String> cells = new ArrayList<>();
            cells.add(r.status().name());
            cells.add(r.name());
            cells.add(r.source().label());
            cells.add(r.reason() == null ? "" : r.reason());
            cells.add(String.join(" ", r.failedIds()));
            cells.add(String.join(" ", r.undecidedIds()));
            if (r.report() == null) {
                for (int i = cells.size(); i < HEADER.size(); i++) {
                    cells.add(InventoryText.UNKNOWN);
                }
            } else {
                Inventory i = r.report().inventory();
                cells.add(InventoryText.text(i.hostname()));
                cells.add(InventoryText.text(i.vendor()));
                cells.add(InventoryText.text(i.model()));
                cells.add(InventoryText.text(i.serial()));
                cells.add(InventoryText.text(i.biosVersion()));
                cells.add(InventoryText.cpuModel(i));
                cells.add(InventoryText.number(i.sockets()));
                cells.add(InventoryText.number(i.coresPerSocket()));
                cells.add(InventoryText.number(i.threadsPerCore()));
                cells.add(InventoryText.memory(i));
                cells.add(InventoryText.text(i.memorySource()));
                cells.add(InventoryText.dimms(i));
                cells.add(InventoryText.nicPorts(i));
                cells.add(InventoryText.nicModels(i));
                cells.add(InventoryText.sriov(i));
                cells.add(InventoryText.pcieSlots(i));
                cells.add(InventoryText.disks(i));
                cells.add(outliers(f, r));
            }
            row(sb, cells);
        }
        return sb.toString();
    }

    /** "CPU model: X (majority: Y); DIMMs populated: 4 (majority: 8)". */
    static String outliers(FleetReport f, ServerResult r) {
        Outliers.ServerFindings s = f.outliers().of(r.ordinal());
        if (s == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Outliers.Deviation d : s.deviations()) {
            parts.add(d.attribute().title() + ": " + d.value() + " (majority: " + d.reference() + ")");
        }
        return String.join("; ", parts);
    }

    private static void row(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(cells.get(i)));
        }
        sb.append("\r\n");
    }

    /** One field, neutralised and quoted as needed. */
    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
