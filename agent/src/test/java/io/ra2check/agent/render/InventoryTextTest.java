package io.ra2check.agent.render;

import io.ra2check.report.Inventory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InventoryTextTest {
    private static final Inventory NOTHING = Inventory.empty();

    @Test
    void unknownIsAQuestionMarkNeverZeroOrNone() {
        assertEquals("?", InventoryText.machine(NOTHING));
        assertEquals("?", InventoryText.cpuModel(NOTHING));
        assertEquals("?", InventoryText.topology(NOTHING));
        assertEquals("?", InventoryText.memory(NOTHING));
        assertEquals("?", InventoryText.dimms(NOTHING));
        assertEquals("?", InventoryText.nicPorts(NOTHING));
        assertEquals("?", InventoryText.nicModels(NOTHING));
        assertEquals("?", InventoryText.sriov(NOTHING));
        assertEquals("?", InventoryText.pcieSlots(NOTHING));
        assertEquals("?", InventoryText.disks(NOTHING));
        assertEquals("?", InventoryText.text("  "));
        assertEquals("?", InventoryText.number(null));
    }

    @Test
    void knownEmptyListsSayNone() {
        Inventory none = new Inventory(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, List.of(), List.of(), List.of(), null, null);
        assertEquals("no ports", InventoryText.nicPorts(none));
        assertEquals("no ports", InventoryText.sriov(none));
        assertEquals("none listed", InventoryText.pcieSlots(none));
        assertEquals("no disks", InventoryText.disks(none));
    }

    @Test
    void partsThatAreUnknownStayVisible() {
        Inventory partial = new Inventory(null, null, "R630", null, null, null, null, 1, 8, null, null, null,
                65_836_000_000L, "meminfo", null, null,
                List.of(nic(25000L, null, 64, 0), nic(null, null, null, null), nic(null, 1000L, 8, 2)),
                null, List.of(new Inventory.Disk("sda", 480_103_981_056L, true, null),
                new Inventory.Disk("sdb", null, null, null)), null, null);
        assertEquals("? R630", InventoryText.machine(partial));
        assertEquals("1 x 8 x ?", InventoryText.topology(partial));
        assertEquals("at least 61.3 GiB", InventoryText.memory(partial));
        assertEquals("3 ports: 1 x 25 Gb/s, 1 x 1 Gb/s, 1 x ?", InventoryText.nicPorts(partial));
        assertEquals("2 of 72 VFs (1 port ?)", InventoryText.sriov(partial));
        assertEquals("1 x 480 GB HDD, 1 x ? disk", InventoryText.disks(partial));
    }

    @Test
    void unitsAreTheOnesThingsAreSoldIn() {
        assertEquals("64 GiB", InventoryText.gib(64L << 30));
        assertEquals("512 MiB", InventoryText.gib(512L << 20));
        assertEquals("3.84 TB", InventoryText.decimalSize(3_840_000_000_000L));
        assertEquals("480 GB", InventoryText.decimalSize(480_103_981_056L));
        assertEquals("1.2 TB", InventoryText.decimalSize(1_200_000_000_000L));
        assertEquals("25 Gb/s", InventoryText.speed(25000));
        assertEquals("2.5 Gb/s", InventoryText.speed(2500));
        assertEquals("100 Mb/s", InventoryText.speed(100));
    }

    private static Inventory.Nic nic(Long max, Long now, Integer total, Integer num) {
        return new Inventory.Nic("0000:01:00.0", null, "8086:1521", "igb", null, now, max, null, total, num, null);
    }
}
