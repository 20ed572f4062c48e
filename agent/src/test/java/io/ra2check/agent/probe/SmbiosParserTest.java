package io.ra2check.agent.probe;

import io.ra2check.agent.facts.SmbiosFacts;
import io.ra2check.agent.testing.SharedHosts;
import io.ra2check.agent.testing.SmbiosBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmbiosParserTest {
    @Test
    void decodesEveryStructureTheChecksUse() {
        SmbiosBuilder b = SmbiosBuilder.compliantServer();
        SmbiosFacts.Table t = SmbiosParser.parse(b.entryPoint3(3, 2), b.table());
        assertEquals("3.2", t.version());
        assertEquals(b.count(), t.structureCount());
        assertFalse(t.truncated());
        assertNull(t.problem());
        assertEquals("Acme", t.system().manufacturer());
        assertEquals("SN-0001", t.system().serialNumber());
        assertEquals("04030201-0605-0807-090a-0b0c0d0e0f10", t.system().uuid());
        assertEquals(Boolean.FALSE, t.bios().virtualMachine());
        assertEquals(2, t.processors().size());
        assertTrue(t.processors().get(0).populated());
        assertEquals(20, t.processors().get(0).coreCount());
        assertEquals(40, t.processors().get(0).threadCount());
        assertEquals(8, t.slots().size());
        SmbiosFacts.Slot s = t.slots().get(0);
        assertEquals("x8 PCI Express 3 x16", s.type());
        assertEquals(3, s.generation());
        assertEquals(8, s.lanes());
        assertEquals("0000:11:00.0", s.busAddress());
        assertEquals(16, t.memorySlots());
        assertEquals(8, t.memoryDevices().stream().filter(SmbiosFacts.MemoryDevice::populated).count());
        assertEquals(8L << 30, t.memoryDevices().get(0).sizeBytes());
        assertEquals("DDR4", t.memoryDevices().get(0).type());
    }

    @Test
    void entryPointVersions() {
        byte[] sm2 = new byte[0x1F];
        System.arraycopy("_SM_".getBytes(StandardCharsets.US_ASCII), 0, sm2, 0, 4);
        sm2[6] = 2;
        sm2[7] = 8;
        assertEquals("2.8", SmbiosParser.entryPointVersion(sm2));
        byte[] legacy = new byte[0x0F];
        System.arraycopy("_DMI_".getBytes(StandardCharsets.US_ASCII), 0, legacy, 0, 5);
        legacy[0x0E] = 0x21;
        assertEquals("2.1", SmbiosParser.entryPointVersion(legacy));
        assertNull(SmbiosParser.entryPointVersion("garbage".getBytes(StandardCharsets.US_ASCII)));
        assertNull(SmbiosParser.entryPointVersion(new byte[3]));
        SmbiosFacts.Table t = SmbiosParser.parse("garbage".getBytes(StandardCharsets.US_ASCII),
                SmbiosBuilder.compliantServer().table());
        assertEquals("unknown", t.version());
        assertTrue(t.problem().contains("not an SMBIOS entry point"));
    }

    @Test
    void slotTypeCodes() {
        assertNull(SmbiosParser.SlotType.of(0xA9).generation(), "plain 'PCI Express x8' names no generation");
        assertNull(SmbiosParser.SlotType.of(0xA5).generation());
        assertEquals("x16 PCI Express x16", SmbiosParser.SlotType.of(0xAA).describe(16));
        assertEquals(8, SmbiosParser.SlotType.of(0xA9).physicalLanes());
        assertEquals(2, SmbiosParser.SlotType.of(0xB0).generation());
        assertEquals(16, SmbiosParser.SlotType.of(0xB0).physicalLanes());
        assertEquals(3, SmbiosParser.SlotType.of(0xB5).generation());
        assertEquals(4, SmbiosParser.SlotType.of(0xBD).generation());
        assertEquals(5, SmbiosParser.SlotType.of(0xC3).generation());
        assertNull(SmbiosParser.SlotType.of(0xB1).physicalLanes());
        assertNull(SmbiosParser.SlotType.of(0x26).generation());
        assertFalse(SmbiosParser.SlotType.of(0x06).pcie());
        assertEquals(8, SmbiosParser.lanesOfWidthCode(0x0B));
        assertNull(SmbiosParser.lanesOfWidthCode(0x02));
    }

    @Test
    void aTruncatedTableKeepsTheWholeStructuresAndSaysWhereItBroke() {
        byte[] full = SmbiosBuilder.compliantServer().table();
        for (int cut = 1; cut < full.length; cut += 7) {
            SmbiosFacts.Table t = SmbiosParser.parse(null, Arrays.copyOf(full, cut));
            assertTrue(t.structureCount() <= 31);
            if (t.structureCount() > 0 && t.structureCount() < 30) {
                assertTrue(t.truncated() || t.problem() == null, "cut at " + cut);
            }
        }
        SmbiosFacts.Table half = SmbiosParser.parse(null, Arrays.copyOf(full, full.length / 2));
        assertTrue(half.truncated());
        assertNotNull(half.problem());
    }

    @Test
    void impossibleLengthsStopTheWalk() {
        byte[] bad = {4, 2, 0, 0, 0, 0};
        SmbiosFacts.Table t = SmbiosParser.parse(null, bad);
        assertEquals(0, t.structureCount());
        assertTrue(t.problem().contains("impossible length"));
        assertEquals(0, SmbiosParser.parse(null, new byte[0]).structureCount());
    }

    @Test
    void theRedactorRemovesSerialsAndUuidButKeepsTheLayout() {
        byte[] table = SmbiosBuilder.compliantServer().table();
        byte[] red = SmbiosRedactor.redact(table);
        assertEquals(table.length, red.length);
        String text = new String(red, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("SN-0001"));
        assertFalse(text.contains("DIMM-SERIAL"));
        assertFalse(text.contains("CPU-SERIAL"));
        SmbiosFacts.Table t = SmbiosParser.parse(null, red);
        assertEquals("*******", t.system().serialNumber());
        assertNull(t.system().uuid());
        assertEquals(SmbiosParser.parse(null, table).slots(), t.slots());
        assertEquals(20, t.processors().get(0).coreCount());
    }

    @Test
    void realFirmwareTablesDecodeWholly() throws Exception {
        for (String name : new String[] {"smbios-dell-r630-1of2-sockets-e5-2630v3",
                "smbios-supermicro-sys1027r-x9drw-2s-e5-2650v2"}) {
            Path tables = SharedHosts.rootfs(name).resolve("sys/firmware/dmi/tables");
            byte[] dmi = Files.readAllBytes(tables.resolve("DMI"));
            SmbiosFacts.Table t = SmbiosParser.parse(Files.readAllBytes(tables.resolve("smbios_entry_point")), dmi);
            assertFalse(t.truncated(), name);
            assertNull(t.problem(), name);
            // redaction keeps every structure decodable
            assertEquals(t.structureCount(), SmbiosParser.parse(null, SmbiosRedactor.redact(dmi)).structureCount());
        }
    }
}
