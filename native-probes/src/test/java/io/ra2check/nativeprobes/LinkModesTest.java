package io.ra2check.nativeprobes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LinkModesTest {
    private static final Pattern SPEED_MODE = Pattern.compile("^\\d+base[A-Za-z0-9_]+/(Full|Half)$");
    /** The bits link_mode_params[] in net/ethtool/common.c gives SPEED_UNKNOWN. */
    private static final Set<String> NON_SPEED_MODES = Set.of(
            "Autoneg", "TP", "AUI", "MII", "FIBRE", "BNC", "Pause", "Asym_Pause", "Backplane",
            "None", "RS", "BASER", "LLRS");

    @Test
    void tableIsIndexedByBitWithoutGapsOrDuplicateNames() {
        List<LinkModes.LinkMode> all = LinkModes.all();
        assertEquals(125, all.size(), "bits 0..124");
        Set<String> names = new HashSet<>();
        for (int bit = 0; bit < all.size(); bit++) {
            assertEquals(bit, all.get(bit).bit());
            assertTrue(names.add(all.get(bit).name()), "duplicate " + all.get(bit).name());
        }
    }

    @Test
    void everyNameIsASpeedModeWithThatSpeedOrAKnownNonSpeedBit() {
        for (LinkModes.LinkMode mode : LinkModes.all()) {
            if (NON_SPEED_MODES.contains(mode.name())) {
                assertNull(mode.speedMbps(), mode.name());
            } else if (mode.name().equals("10000baseR_FEC")) {
                // the kernel's link_mode_params[] gives this FEC bit SPEED_10000
                assertEquals(10_000, mode.speedMbps());
            } else {
                assertTrue(SPEED_MODE.matcher(mode.name()).matches(), mode.name());
                assertEquals(Integer.parseInt(mode.name().substring(0, mode.name().indexOf("base"))),
                        mode.speedMbps(), mode.name());
            }
        }
    }

    @Test
    void bitsFromTheKernelHeader() {
        assertEquals("1000baseT/Full", LinkModes.nameOf(5));
        assertEquals("10000baseT/Full", LinkModes.nameOf(12));
        assertEquals("25000baseCR/Full", LinkModes.nameOf(31));
        assertEquals("25000baseSR/Full", LinkModes.nameOf(33));
        assertEquals("100000baseLR4_ER4/Full", LinkModes.nameOf(39));
        assertEquals("LLRS", LinkModes.nameOf(74));
        assertEquals("800000baseVR8/Full", LinkModes.nameOf(98));
        assertEquals("10baseT1BRR/Full", LinkModes.nameOf(102));
        assertEquals("200000baseCR/Full", LinkModes.nameOf(103));
        assertEquals("800000baseVR4/Full", LinkModes.nameOf(120));
        assertEquals("1600000baseDR8_2/Full", LinkModes.nameOf(124));
        assertEquals(1_600_000, LinkModes.speedMbpsOf(121));
        assertEquals(25_000, LinkModes.speedMbpsOf(33));
        assertNull(LinkModes.speedMbpsOf(6));
    }

    @Test
    void bitsBeyondTheTableAreNamedAndHaveNoSpeed() {
        assertEquals("unknown-link-mode-125", LinkModes.nameOf(125));
        assertEquals("unknown-link-mode-4063", LinkModes.nameOf(4063));
        assertEquals("unknown-link-mode--1", LinkModes.nameOf(-1));
        assertNull(LinkModes.speedMbpsOf(125));
        assertNull(LinkModes.speedMbpsOf(-1));
    }

    @Test
    void maxSpeedIgnoresNonSpeedAndUnknownBits() {
        assertEquals(25_000, LinkModes.maxSpeedMbps(List.of(5, 6, 33, 43, 500)));
        assertEquals(10, LinkModes.maxSpeedMbps(List.of(0)));
        assertNull(LinkModes.maxSpeedMbps(List.of(6, 7, 13, 49, 300)));
        assertNull(LinkModes.maxSpeedMbps(List.of()));
    }
}
