package io.ra2check.agent.accept;

import io.ra2check.agent.render.InventoryText;
import io.ra2check.report.Inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Servers whose hardware differs from the rest of the delivery, whether or not they pass: another CPU model, fewer
 * DIMMs, other NIC firmware. For each attribute the reference is the value that more than half of the servers where
 * it is known share (the majority). Where no value has a majority the delivery is "split" on it and nobody is flagged:
 * with no majority there is no telling which servers are the odd ones. A server whose value is unknown is never an
 * outlier; it is listed as "not compared" with the reason. An attribute known on no more than half of the servers
 * has no reference at all (a majority of the few that are known says nothing of the delivery).
 */
public final class Outliers {
    private static final String NOT_CAPTURED = "not captured";

    private Outliers() {
    }

    /** What is compared, in the order reports list it. */
    public enum Attribute {
        VENDOR("Vendor"),
        MODEL("Model"),
        BIOS("BIOS version"),
        CPU_MODEL("CPU model"),
        TOPOLOGY("Sockets x cores x threads"),
        MEMORY("Memory"),
        DIMMS("DIMMs populated"),
        NIC_MODELS("NIC models"),
        NIC_FIRMWARE("NIC firmware"),
        PCIE_SLOTS("PCIe slots"),
        DISKS("Disks");

        private final String title;

        Attribute(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** One server's value of an attribute: {@code value}, or why it is not known. */
    public record Observation(String value, String unknownReason) {
        public Observation {
            if ((value == null) == (unknownReason == null)) {
                throw new IllegalArgumentException("an observation has either a value or a reason it is unknown");
            }
        }

        static Observation of(String value) {
            return new Observation(value, null);
        }

        static Observation unknown(String reason) {
            return new Observation(null, reason);
        }

        public boolean known() {
            return value != null;
        }
    }

    /**
     * How the delivery looks on one attribute.
     *
     * @param reference    the majority value, or null when there is none (split, or nothing known)
     * @param distribution every known value with how many servers have it, most frequent first
     * @param known        servers whose value is known
     * @param unknown      servers whose value is not known
     */
    public record AttributeResult(Attribute attribute, String reference, Map<String, Integer> distribution, int known,
                                  int unknown) {
        public AttributeResult {
            distribution = Collections.unmodifiableMap(new LinkedHashMap<>(distribution));
        }

        /** Known on at least two servers with no value held by more than half of them. */
        public boolean split() {
            return reference == null && distribution.size() > 1 && !tooFewKnown();
        }

        /** Known on some servers but not on more than half of the delivery: nobody is compared on it. */
        public boolean tooFewKnown() {
            return known > 0 && 2 * known <= known + unknown;
        }

        public int referenceCount() {
            return reference == null ? 0 : distribution.get(reference);
        }
    }

    /** A server's value that differs from the majority's. */
    public record Deviation(Attribute attribute, String value, String reference, int referenceCount, int known) {
    }

    /** An attribute a server was not compared on, and why. */
    public record NotCompared(Attribute attribute, String reason) {
    }

    /** One server's findings. */
    public record ServerFindings(int ordinal, List<Deviation> deviations, List<NotCompared> notCompared) {
        public ServerFindings {
            deviations = List.copyOf(deviations);
            notCompared = List.copyOf(notCompared);
        }
    }

    /**
     * @param attributes one per {@link Attribute}, in its order
     * @param servers    by ordinal, for every server with a report (servers that could not be read are not here)
     */
    public record Analysis(List<AttributeResult> attributes, Map<Integer, ServerFindings> servers) {
        public Analysis {
            attributes = List.copyOf(attributes);
            servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
        }

        /** The findings of a server, or null when it has no report. */
        public ServerFindings of(int ordinal) {
            return servers.get(ordinal);
        }

        /** Ordinals of the servers with at least one deviation, in their order. */
        public List<Integer> outlierOrdinals() {
            List<Integer> out = new ArrayList<>();
            servers.forEach((o, f) -> {
                if (!f.deviations().isEmpty()) {
                    out.add(o);
                }
            });
            return out;
        }
    }

    /** Compares every server that has a report with the others. */
    public static Analysis analyse(List<ServerResult> results) {
        Map<Integer, Inventory> inventories = new LinkedHashMap<>();
        for (ServerResult r : results) {
            if (r.report() != null) {
                inventories.put(r.ordinal(), r.report().inventory());
            }
        }
        return analyseInventories(inventories);
    }

    /** The same over inventories by ordinal (the pure core, tested directly). */
    public static Analysis analyseInventories(Map<Integer, Inventory> inventories) {
        Map<Integer, List<Deviation>> deviations = new LinkedHashMap<>();
        Map<Integer, List<NotCompared>> notCompared = new LinkedHashMap<>();
        for (Integer o : inventories.keySet()) {
            deviations.put(o, new ArrayList<>());
            notCompared.put(o, new ArrayList<>());
        }
        List<AttributeResult> attributes = new ArrayList<>();
        for (Attribute a : Attribute.values()) {
            Map<Integer, Observation> obs = new LinkedHashMap<>();
            inventories.forEach((o, inv) -> obs.put(o, observe(a, inv)));
            Map<String, Integer> counts = new TreeMap<>();
            int unknown = 0;
            for (Observation ob : obs.values()) {
                if (ob.known()) {
                    counts.merge(ob.value(), 1, Integer::sum);
                } else {
                    unknown++;
                }
            }
            int known = obs.size() - unknown;
            Map<String, Integer> distribution = byFrequency(counts);
            String reference = null;
            // a majority of the known values means nothing when most servers' value is unknown
            boolean enoughKnown = 2 * known > obs.size();
            for (Map.Entry<String, Integer> e : distribution.entrySet()) {
                if (enoughKnown && 2 * e.getValue() > known) {
                    reference = e.getKey();
                }
            }
            attributes.add(new AttributeResult(a, reference, distribution, known, unknown));
            for (Map.Entry<Integer, Observation> e : obs.entrySet()) {
                Observation ob = e.getValue();
                if (!ob.known()) {
                    notCompared.get(e.getKey()).add(new NotCompared(a, ob.unknownReason()));
                } else if (reference != null && !reference.equals(ob.value())) {
                    deviations.get(e.getKey()).add(new Deviation(a, ob.value(), reference,
                            distribution.get(reference), known));
                }
            }
        }
        Map<Integer, ServerFindings> servers = new LinkedHashMap<>();
        for (Integer o : inventories.keySet()) {
            servers.put(o, new ServerFindings(o, deviations.get(o), notCompared.get(o)));
        }
        return new Analysis(attributes, servers);
    }

    private static Map<String, Integer> byFrequency(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> e = new ArrayList<>(counts.entrySet());
        e.sort((x, y) -> !Objects.equals(x.getValue(), y.getValue()) ? y.getValue() - x.getValue()
                : x.getKey().compareTo(y.getKey()));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> x : e) {
            out.put(x.getKey(), x.getValue());
        }
        return out;
    }

    /** One server's value of one attribute, in the words the reports show. */
    public static Observation observe(Attribute a, Inventory i) {
        return switch (a) {
            case VENDOR -> known(i.vendor());
            case MODEL -> known(i.model());
            case BIOS -> known(i.biosVersion());
            case CPU_MODEL -> i.cpuModel() == null || i.cpuModel().isBlank() ? Observation.unknown(NOT_CAPTURED)
                    : Observation.of(InventoryText.cpuModel(i));
            case TOPOLOGY -> i.sockets() == null || i.coresPerSocket() == null || i.threadsPerCore() == null
                    ? Observation.unknown(NOT_CAPTURED + " (sockets, cores or threads)")
                    : Observation.of(InventoryText.topology(i));
            case MEMORY -> memory(i);
            case DIMMS -> i.dimmsPopulated() == null ? Observation.unknown(NOT_CAPTURED + " (needs the SMBIOS table)")
                    : Observation.of(String.valueOf(i.dimmsPopulated()));
            case NIC_MODELS -> nicModels(i);
            case NIC_FIRMWARE -> nicFirmware(i);
            case PCIE_SLOTS -> i.pcieSlots() == null ? Observation.unknown(NOT_CAPTURED + " (needs the SMBIOS table)")
                    : Observation.of(InventoryText.pcieSlots(i));
            case DISKS -> disks(i);
        };
    }

    private static Observation known(String s) {
        return s == null || s.isBlank() ? Observation.unknown(NOT_CAPTURED) : Observation.of(s.strip());
    }

    /**
     * Installed memory. From MemTotal alone it is only a lower bound that moves with kernel and firmware
     * reservations, so comparing it would flag identical machines: such a server is not compared.
     */
    private static Observation memory(Inventory i) {
        if (i.memoryBytes() == null) {
            return Observation.unknown(NOT_CAPTURED);
        }
        if ("meminfo".equals(i.memorySource())) {
            return Observation.unknown("only MemTotal was captured, a lower bound that varies with the kernel");
        }
        return Observation.of(InventoryText.gib(i.memoryBytes()));
    }

    private static Observation nicModels(Inventory i) {
        if (i.nics() == null) {
            return Observation.unknown(NOT_CAPTURED);
        }
        if (i.nics().stream().anyMatch(n -> n.vendorDevice() == null)) {
            return Observation.unknown("a port's vendor:device ID was not captured");
        }
        return Observation.of(InventoryText.nicModels(i));
    }

    private static Observation nicFirmware(Inventory i) {
        if (i.nics() == null) {
            return Observation.unknown(NOT_CAPTURED);
        }
        if (i.nics().isEmpty()) {
            return Observation.of("no ports");
        }
        List<String> perPort = new ArrayList<>();
        for (Inventory.Nic n : i.nics()) {
            if (n.firmware() == null || n.firmware().isBlank()) {
                return Observation.unknown("not captured (firmware versions come from the native probes on the "
                        + "live host)");
            }
            perPort.add(InventoryText.text(n.vendorDevice()) + " firmware " + n.firmware().strip());
        }
        Map<String, Integer> counts = new TreeMap<>();
        perPort.forEach(p -> counts.merge(p, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        byFrequency(counts).forEach((k, v) -> parts.add(v + " x " + k));
        return Observation.of(String.join(", ", parts));
    }

    private static Observation disks(Inventory i) {
        if (i.disks() == null) {
            return Observation.unknown(NOT_CAPTURED);
        }
        if (i.disks().stream().anyMatch(d -> d.sizeBytes() == null || d.rotational() == null)) {
            return Observation.unknown("a disk's size or kind was not captured");
        }
        return Observation.of(InventoryText.disks(i));
    }
}
