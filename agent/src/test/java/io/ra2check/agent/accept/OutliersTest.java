package io.ra2check.agent.accept;

import io.ra2check.agent.accept.Outliers.Attribute;
import io.ra2check.report.Inventory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutliersTest {

    /** Servers 1..n, all typical except those changed. */
    private static Map<Integer, Inventory> delivery(int n, Map<Integer, Inventories> changed) {
        Map<Integer, Inventory> m = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            m.put(i, changed.getOrDefault(i, Inventories.typical()).build());
        }
        return m;
    }

    private static List<Attribute> deviatingAttributes(Outliers.Analysis a, int ordinal) {
        return a.of(ordinal).deviations().stream().map(Outliers.Deviation::attribute).toList();
    }

    @Test
    void identicalServersHaveNoOutliers() {
        Outliers.Analysis a = Outliers.analyseInventories(delivery(5, Map.of()));
        assertEquals(List.of(), a.outlierOrdinals());
        for (Outliers.AttributeResult r : a.attributes()) {
            assertEquals(5, r.referenceCount(), r.attribute().name());
            assertEquals(0, r.unknown());
            assertFalse(r.split());
        }
        assertEquals(Attribute.values().length, a.attributes().size());
    }

    @Test
    void eachAttributeFlagsTheServerThatDiffers() {
        Map<Attribute, Inventories> variants = new LinkedHashMap<>();
        variants.put(Attribute.VENDOR, Inventories.typical().set(b -> b.vendor = "Other Corp"));
        variants.put(Attribute.MODEL, Inventories.typical().set(b -> b.model = "Telco-1U"));
        variants.put(Attribute.BIOS, Inventories.typical().set(b -> b.bios = "1.2.2"));
        variants.put(Attribute.CPU_MODEL, Inventories.typical().set(b -> b.cpuModel = "AMD EPYC 7513"));
        variants.put(Attribute.TOPOLOGY, Inventories.typical().set(b -> b.threads = 1));
        variants.put(Attribute.MEMORY, Inventories.typical().set(b -> b.memoryBytes = 128L << 30));
        variants.put(Attribute.DIMMS, Inventories.typical().set(b -> b.dimms = 4));
        variants.put(Attribute.NIC_MODELS, Inventories.typical().set(b -> b.nics.set(3,
                Inventories.nic("0000:3b:00.3", "15b3:1017", "8.30 0x8000a4d3"))));
        variants.put(Attribute.NIC_FIRMWARE, Inventories.typical().set(b -> b.nics.set(0,
                Inventories.nic("0000:3b:00.0", "8086:158b", "7.10 0x80006471"))));
        variants.put(Attribute.PCIE_SLOTS, Inventories.typical().set(b -> b.slots.remove(7)));
        variants.put(Attribute.DISKS, Inventories.typical().set(b -> b.disks = List.of(
                new Inventory.Disk("sda", 480_000_000_000L, false, null))));
        assertEquals(List.of(Attribute.values()), new ArrayList<>(variants.keySet()), "every attribute is tried");
        for (Map.Entry<Attribute, Inventories> v : variants.entrySet()) {
            Outliers.Analysis a = Outliers.analyseInventories(delivery(4, Map.of(3, v.getValue())));
            assertEquals(List.of(3), a.outlierOrdinals(), v.getKey().name());
            // another NIC model is also another firmware (firmware is compared per vendor:device)
            List<Attribute> expected = v.getKey() == Attribute.NIC_MODELS
                    ? List.of(Attribute.NIC_MODELS, Attribute.NIC_FIRMWARE) : List.of(v.getKey());
            assertEquals(expected, deviatingAttributes(a, 3), v.getKey().name());
            Outliers.Deviation d = a.of(3).deviations().get(0);
            assertEquals(3, d.referenceCount());
            assertEquals(4, d.known());
            assertEquals(Outliers.observe(v.getKey(), Inventories.typical().build()).value(), d.reference());
        }
    }

    @Test
    void valuesAreComparedAsPeopleReadThem() {
        assertEquals("2 x 20 x 2", Outliers.observe(Attribute.TOPOLOGY, Inventories.typical().build()).value());
        assertEquals("64 GiB", Outliers.observe(Attribute.MEMORY, Inventories.typical().build()).value());
        assertEquals("4 x 8086:158b i40e", Outliers.observe(Attribute.NIC_MODELS, Inventories.typical().build())
                .value());
        assertEquals("4 x 8086:158b firmware 8.30 0x8000a4d3",
                Outliers.observe(Attribute.NIC_FIRMWARE, Inventories.typical().build()).value());
        assertEquals("8 slots: 8 x Gen3 x8", Outliers.observe(Attribute.PCIE_SLOTS, Inventories.typical().build())
                .value());
        assertEquals("1 x 3.84 TB SSD", Outliers.observe(Attribute.DISKS, Inventories.typical().build()).value());
        // cpuinfo pads model names; the padding is not a different CPU
        Inventory padded = Inventories.typical().set(b -> b.cpuModel = "Intel(R) Xeon(R)   Gold 6230N CPU @ 2.30GHz ")
                .build();
        assertEquals(Outliers.observe(Attribute.CPU_MODEL, Inventories.typical().build()),
                Outliers.observe(Attribute.CPU_MODEL, padded));
    }

    @Test
    void unknownValuesAreNotComparedAndSayWhy() {
        Map<Integer, Inventories> changed = Map.of(
                2, Inventories.unknown(),
                3, Inventories.typical().set(b -> {
                    b.cpuModel = null;
                    b.dimms = null;
                    b.nics.set(0, Inventories.nic("0000:3b:00.0", "8086:158b", null));
                }));
        Outliers.Analysis a = Outliers.analyseInventories(delivery(4, changed));
        assertEquals(List.of(), a.outlierOrdinals(), "unknown is never an outlier");
        List<Attribute> notCompared = a.of(2).notCompared().stream().map(Outliers.NotCompared::attribute).toList();
        assertEquals(List.of(Attribute.values()), notCompared);
        Map<Attribute, String> why = new LinkedHashMap<>();
        a.of(3).notCompared().forEach(n -> why.put(n.attribute(), n.reason()));
        assertEquals(List.of(Attribute.CPU_MODEL, Attribute.DIMMS, Attribute.NIC_FIRMWARE),
                new ArrayList<>(why.keySet()));
        assertTrue(why.get(Attribute.NIC_FIRMWARE).contains("native probes"), why.toString());
        Outliers.AttributeResult cpu = a.attributes().get(Attribute.CPU_MODEL.ordinal());
        assertEquals(2, cpu.known());
        assertEquals(2, cpu.unknown());
        assertTrue(cpu.tooFewKnown(), "known on 2 of 4: a majority of the known says nothing of the delivery");
        assertEquals(0, cpu.referenceCount());
    }

    @Test
    void anAttributeUnknownOnMostServersComparesNobody() {
        // the vendor known on 2 of 5 servers, and they differ: neither is an outlier
        Map<Integer, Inventories> changed = new java.util.HashMap<>();
        for (int i = 1; i <= 3; i++) {
            changed.put(i, Inventories.typical().set(b -> b.vendor = null));
        }
        changed.put(4, Inventories.typical().set(b -> b.vendor = "Dell Inc."));
        Outliers.Analysis a = Outliers.analyseInventories(delivery(5, changed));
        Outliers.AttributeResult vendor = a.attributes().get(Attribute.VENDOR.ordinal());
        assertNull(vendor.reference());
        assertTrue(vendor.tooFewKnown());
        assertFalse(vendor.split());
        assertEquals(List.of(), a.outlierOrdinals());
    }

    @Test
    void aServerThatDiffersOnlyInWhatIsUnknownElsewhereIsComparedWithTheKnownOnes() {
        // 3 servers know their NIC models: two agree, one differs; the 4th has no NIC data
        Map<Integer, Inventories> changed = Map.of(
                1, Inventories.typical().set(b -> b.nics = null),
                4, Inventories.typical().set(b -> b.nics = List.of(Inventories.nic("0000:3b:00.0", "15b3:1017", "x"))));
        Outliers.Analysis a = Outliers.analyseInventories(delivery(4, changed));
        assertEquals(List.of(Attribute.NIC_MODELS, Attribute.NIC_FIRMWARE), deviatingAttributes(a, 4));
        assertEquals(2, a.of(4).deviations().get(0).referenceCount());
        assertEquals(3, a.of(4).deviations().get(0).known());
    }

    @Test
    void withoutAMajorityTheDeliveryIsSplitAndNobodyIsFlagged() {
        // 2 of 4 is not more than half
        Map<Integer, Inventories> changed = Map.of(
                3, Inventories.typical().set(b -> b.bios = "2.0"),
                4, Inventories.typical().set(b -> b.bios = "2.0"));
        Outliers.Analysis a = Outliers.analyseInventories(delivery(4, changed));
        Outliers.AttributeResult bios = a.attributes().get(Attribute.BIOS.ordinal());
        assertTrue(bios.split());
        assertNull(bios.reference());
        assertEquals(Map.of("1.2.3", 2, "2.0", 2), bios.distribution());
        assertEquals(List.of(), a.outlierOrdinals());

        // three different values among three servers
        Map<Integer, Inventories> three = Map.of(
                2, Inventories.typical().set(b -> b.cpuModel = "B"),
                3, Inventories.typical().set(b -> b.cpuModel = "C"));
        Outliers.AttributeResult cpu = Outliers.analyseInventories(delivery(3, three)).attributes()
                .get(Attribute.CPU_MODEL.ordinal());
        assertTrue(cpu.split());
        assertEquals(3, cpu.distribution().size());
    }

    @Test
    void aStrictMajorityIsEnoughEvenWithSeveralOtherValues() {
        Map<Integer, Inventories> changed = Map.of(
                4, Inventories.typical().set(b -> b.dimms = 4),
                5, Inventories.typical().set(b -> b.dimms = 12));
        Outliers.Analysis a = Outliers.analyseInventories(delivery(5, changed));
        assertEquals(List.of(4, 5), a.outlierOrdinals());
        Outliers.AttributeResult dimms = a.attributes().get(Attribute.DIMMS.ordinal());
        assertEquals("8", dimms.reference());
        assertEquals(List.of("8", "12", "4"), new ArrayList<>(dimms.distribution().keySet()),
                "most frequent first, then by value");
    }

    @Test
    void memoryFromMemTotalAloneIsNotCompared() {
        Map<Integer, Inventories> changed = Map.of(
                2, Inventories.typical().set(b -> {
                    b.memoryBytes = 65_836_000_000L;
                    b.memorySource = "meminfo";
                }));
        Outliers.Analysis a = Outliers.analyseInventories(delivery(3, changed));
        assertEquals(List.of(), a.outlierOrdinals());
        assertEquals(Attribute.MEMORY, a.of(2).notCompared().get(0).attribute());
        assertTrue(a.of(2).notCompared().get(0).reason().contains("MemTotal"));
    }

    @Test
    void aSingleServerIsItsOwnMajority() {
        Outliers.Analysis a = Outliers.analyseInventories(delivery(1, Map.of()));
        assertEquals(List.of(), a.outlierOrdinals());
        assertEquals(1, a.attributes().get(0).referenceCount());
    }

    @Test
    void serversWithoutAReportAreLeftOut() {
        assertEquals(Map.of(), Outliers.analyse(List.of()).servers());
    }
}
