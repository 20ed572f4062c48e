package io.ra2check.agent.check;

import io.ra2check.agent.testing.HostTree;
import io.ra2check.agent.testing.SmbiosBuilder;
import io.ra2check.report.Outcome;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slot types that name no PCIe generation ("PCI Express x8", 0xA5-0xAA) leave the generation unknown, never Gen1. */
class PcieGenerationTest {
    @TempDir
    Path dir;
    HostTree tree;

    @BeforeEach
    void compliantNode() {
        tree = HostTree.compliant(dir);
    }

    private Verdict slots(int count, int typeCode, int widthCode) {
        SmbiosBuilder b = SmbiosBuilder.compliantServerWithoutSlots();
        for (int i = 0; i < count; i++) {
            b.slot("SLOT" + i, typeCode, widthCode, 0x03, i);
        }
        tree.smbios(b.end());
        return tree.verdict("ra2.ch.016");
    }

    @Test
    void eightX8SlotsOfUndeclaredGenerationAreUnknown() {
        Verdict v = slots(8, 0xA9, 0x0B);
        assertEquals(Outcome.UNKNOWN, v.outcome(), v.actual());
        assertTrue(v.reason().contains("8 PCIe slots of undeclared generation"), v.reason());
    }

    @Test
    void tooFewSlotsFailOnTheCountAlone() {
        Verdict v = slots(2, 0xAA, 0x0D);
        assertEquals(Outcome.FAIL, v.outcome(), v.actual());
    }

    @Test
    void eightX8Gen3SlotsPass() {
        assertEquals(Outcome.PASS, slots(8, 0xB5, 0x0B).outcome());
    }

    @Test
    void smbios34SlotInformationGivesTheGeneration() {
        SmbiosBuilder b = SmbiosBuilder.compliantServerWithoutSlots();
        for (int i = 0; i < 8; i++) {
            byte[] f = new byte[0x14 - 4];
            f[0x04 - 4] = 1;
            f[0x05 - 4] = (byte) 0xA9;
            f[0x06 - 4] = 0x0B;
            f[0x07 - 4] = 0x03;
            f[0x12 - 4] = 0;
            f[0x13 - 4] = 4;
            b.structure(9, f, "SLOT" + i);
        }
        tree.smbios(b.end());
        Verdict v = tree.verdict("ra2.ch.016");
        assertEquals(Outcome.PASS, v.outcome(), v.actual());
    }
}
