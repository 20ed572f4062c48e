package io.ra2check.agent.render;

import io.ra2check.report.Inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An inventory in words, for people: the same phrases in the HTML pages, the fleet summary, the CSV and the terminal.
 * Null in the inventory means "not known" and is always shown as {@value #UNKNOWN}, never as 0 or "none".
 */
public final class InventoryText {
    /** What an unknown (not captured, not readable) value is shown as. */
    public static final String UNKNOWN = "?";

    private InventoryText() {
    }

    public static String text(String s) {
        return s == null || s.isBlank() ? UNKNOWN : s.strip();
    }

    public static String number(Number n) {
        return n == null ? UNKNOWN : n.toString();
    }

    /** "Acme Telco-2U"; "? Telco-2U" when only the model is known. */
    public static String machine(Inventory i) {
        if (i.vendor() == null && i.model() == null) {
            return UNKNOWN;
        }
        return text(i.vendor()) + " " + text(i.model());
    }

    /** CPU model with runs of blanks collapsed (cpuinfo pads model names: "CPU           X7550  @ 2.00GHz"). */
    public static String cpuModel(Inventory i) {
        return i.cpuModel() == null ? UNKNOWN : i.cpuModel().strip().replaceAll("\\s+", " ");
    }

    /** Sockets x cores per socket x threads per core: "2 x 20 x 2", each part "?" when not known. */
    public static String topology(Inventory i) {
        if (i.sockets() == null && i.coresPerSocket() == null && i.threadsPerCore() == null) {
            return UNKNOWN;
        }
        return number(i.sockets()) + " x " + number(i.coresPerSocket()) + " x " + number(i.threadsPerCore());
    }

    /** "64 GiB"; from MemTotal alone "at least 62.9 GiB", since the kernel keeps part of the RAM for itself. */
    public static String memory(Inventory i) {
        if (i.memoryBytes() == null) {
            return UNKNOWN;
        }
        String size = gib(i.memoryBytes());
        return "meminfo".equals(i.memorySource()) ? "at least " + size : size;
    }

    /** "8 of 16 DIMMs", "8 DIMMs" when the slot count is not known. */
    public static String dimms(Inventory i) {
        if (i.dimmsPopulated() == null) {
            return UNKNOWN;
        }
        return i.dimmsPopulated() + (i.dimmSlots() == null ? "" : " of " + i.dimmSlots()) + " DIMMs";
    }

    /** "6 ports: 4 x 25 Gb/s, 2 x 1 Gb/s" by each port's fastest known speed (else its negotiated speed). */
    public static String nicPorts(Inventory i) {
        if (i.nics() == null) {
            return UNKNOWN;
        }
        if (i.nics().isEmpty()) {
            return "no ports";
        }
        Map<Long, Integer> bySpeed = new TreeMap<>((a, b) -> Long.compare(b, a));
        int unknown = 0;
        for (Inventory.Nic n : i.nics()) {
            Long s = portSpeedMbps(n);
            if (s == null) {
                unknown++;
            } else {
                bySpeed.merge(s, 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        bySpeed.forEach((speed, count) -> parts.add(count + " x " + speed(speed)));
        if (unknown > 0) {
            parts.add(unknown + " x " + UNKNOWN);
        }
        return i.nics().size() + (i.nics().size() == 1 ? " port: " : " ports: ") + String.join(", ", parts);
    }

    /** A port's speed as the checks use it: the fastest it supports where known, else what it negotiated. */
    public static Long portSpeedMbps(Inventory.Nic n) {
        return n.maxSpeedMbps() != null ? n.maxSpeedMbps() : n.speedMbps();
    }

    /** "4 x 8086:158b i40e, 2 x 8086:1521 igb". */
    public static String nicModels(Inventory i) {
        if (i.nics() == null) {
            return UNKNOWN;
        }
        if (i.nics().isEmpty()) {
            return "no ports";
        }
        return grouped(i.nics(), n -> text(n.vendorDevice()) + (n.driver() == null ? "" : " " + n.driver()));
    }

    /** SR-IOV: "8 of 256 VFs" (configured of possible, summed over the ports that say). */
    public static String sriov(Inventory i) {
        if (i.nics() == null) {
            return UNKNOWN;
        }
        long num = 0;
        long total = 0;
        int numKnown = 0;
        int totalKnown = 0;
        for (Inventory.Nic n : i.nics()) {
            if (n.sriovNumVfs() != null) {
                num += n.sriovNumVfs();
                numKnown++;
            }
            if (n.sriovTotalVfs() != null) {
                total += n.sriovTotalVfs();
                totalKnown++;
            }
        }
        if (numKnown == 0 && totalKnown == 0) {
            return i.nics().isEmpty() ? "no ports" : UNKNOWN;
        }
        int ports = i.nics().size();
        String s = (numKnown == 0 ? UNKNOWN : String.valueOf(num)) + " of " + (totalKnown == 0 ? UNKNOWN
                : String.valueOf(total)) + " VFs";
        int partial = ports - Math.min(numKnown, totalKnown);
        return partial > 0 ? s + " (" + partial + (partial == 1 ? " port" : " ports") + " " + UNKNOWN + ")" : s;
    }

    /** "8 slots: 8 x Gen3 x8" (generation and electrical width from SMBIOS type 9). */
    public static String pcieSlots(Inventory i) {
        if (i.pcieSlots() == null) {
            return UNKNOWN;
        }
        if (i.pcieSlots().isEmpty()) {
            return "none listed";
        }
        return i.pcieSlots().size() + (i.pcieSlots().size() == 1 ? " slot: " : " slots: ")
                + grouped(i.pcieSlots(), InventoryText::slotKind);
    }

    /** "Gen3 x8", with "?" for what the record leaves out. */
    public static String slotKind(Inventory.Slot s) {
        return "Gen" + number(s.pcieGeneration()) + " x" + number(s.lanes());
    }

    /** "2 x 3.84 TB SSD, 1 x 1.2 TB HDD". */
    public static String disks(Inventory i) {
        if (i.disks() == null) {
            return UNKNOWN;
        }
        if (i.disks().isEmpty()) {
            return "no disks";
        }
        return grouped(i.disks(), d -> (d.sizeBytes() == null ? UNKNOWN : decimalSize(d.sizeBytes())) + " "
                + (d.rotational() == null ? "disk" : d.rotational() ? "HDD" : "SSD"));
    }

    /** "3 x a, 1 x b", most frequent first, then alphabetical. */
    static <T> String grouped(List<T> items, Function<T, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        for (T t : items) {
            counts.merge(key.apply(t), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> e = new ArrayList<>(counts.entrySet());
        e.sort((a, b) -> !Objects.equals(a.getValue(), b.getValue()) ? b.getValue() - a.getValue()
                : a.getKey().compareTo(b.getKey()));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> x : e) {
            parts.add(x.getValue() + " x " + x.getKey());
        }
        return String.join(", ", parts);
    }

    /** Binary units, as RAM is sold: "64 GiB", "62.9 GiB", "512 MiB". */
    public static String gib(long bytes) {
        double g = bytes / (double) (1L << 30);
        if (g < 1) {
            return trim(bytes / (double) (1L << 20)) + " MiB";
        }
        return trim(g) + " GiB";
    }

    /** Decimal units, as disks are sold: "3.84 TB", "480 GB". */
    public static String decimalSize(long bytes) {
        if (bytes >= 1_000_000_000_000L) {
            return sig3(bytes / 1e12) + " TB";
        }
        if (bytes >= 1_000_000_000L) {
            return sig3(bytes / 1e9) + " GB";
        }
        return sig3(bytes / 1e6) + " MB";
    }

    /** "25 Gb/s", "2.5 Gb/s", "100 Mb/s". */
    public static String speed(long mbps) {
        return mbps >= 1000 ? trim(mbps / 1000.0) + " Gb/s" : mbps + " Mb/s";
    }

    /** At most one decimal, none when whole. */
    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Three significant digits, no trailing zeros: 3.84, 480, 1.2. */
    private static String sig3(double v) {
        String s = v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s;
    }
}
