package io.ra2check.nativeprobes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class XdpFeatureTest {
    @Test
    void namesAndValuesAreThoseOfNetdevH() {
        assertEquals(1L, XdpFeature.BASIC.mask());
        assertEquals(2L, XdpFeature.REDIRECT.mask());
        assertEquals(4L, XdpFeature.NDO_XMIT.mask());
        assertEquals(8L, XdpFeature.XSK_ZEROCOPY.mask());
        assertEquals(16L, XdpFeature.HW_OFFLOAD.mask());
        assertEquals(32L, XdpFeature.RX_SG.mask());
        assertEquals(64L, XdpFeature.NDO_XMIT_SG.mask());
        assertEquals("xsk-zerocopy", XdpFeature.XSK_ZEROCOPY.specName());
        assertEquals("ndo-xmit-sg", XdpFeature.NDO_XMIT_SG.specName());
    }

    @Test
    void maskToNamesInBitOrder() {
        assertEquals(List.of("basic", "redirect", "xsk-zerocopy", "rx-sg"), XdpFeature.specNamesOf(0x2b));
        assertEquals(List.of("basic", "redirect", "ndo-xmit", "xsk-zerocopy", "hw-offload", "rx-sg", "ndo-xmit-sg"),
                XdpFeature.specNamesOf(127));
        assertEquals(List.of(), XdpFeature.specNamesOf(0));
    }

    @Test
    void bitsNewerThanTheEnumAreLeftOut() {
        assertEquals(List.of("redirect"), XdpFeature.specNamesOf(0x80L | 0x2L | Long.MIN_VALUE));
    }
}
