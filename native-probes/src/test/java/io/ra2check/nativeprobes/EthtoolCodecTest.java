package io.ra2check.nativeprobes;

import static io.ra2check.nativeprobes.Bytes.be;
import static io.ra2check.nativeprobes.Bytes.hex;
import static io.ra2check.nativeprobes.Bytes.le;
import static io.ra2check.nativeprobes.Bytes.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EthtoolCodecTest {

    /** struct ethtool_link_settings base (48 bytes) for the synthetic vectors; nwords is the last byte of the line. */
    private static String linkSettingsBase(String speed, String duplexPortPhyAutoneg, int nwords) {
        return "4c000000" + speed + duplexPortPhyAutoneg + "000000" + String.format("%02x", nwords & 0xff)
                + "00000000" + zeros(28);
    }

    @Nested
    class DriverInfoDecoding {
        @Test
        void capturedVirtioNet() throws Exception {
            DriverInfo info = EthtoolCodec.decodeDriverInfo(le(CapturedReplies.ETH0_DRVINFO));
            assertEquals(new DriverInfo("virtio_net", "1.0.0", null, "0000:00:03.0"), info);
        }

        @Test
        void capturedIfbWithoutFirmwareOrBus() throws Exception {
            DriverInfo info = EthtoolCodec.decodeDriverInfo(le(CapturedReplies.IFB0_DRVINFO));
            assertEquals(new DriverInfo("ifb", "6.18.44-fc-v669", null, null), info);
        }

        @Test
        void aFieldFilledWithoutNulIsTakenWhole() throws Exception {
            String driver32 = "61".repeat(32);
            DriverInfo info = EthtoolCodec.decodeDriverInfo(le("03000000", driver32, zeros(160)));
            assertEquals("a".repeat(32), info.driver());
        }

        @Test
        void controlCharactersCannotReachAReport() throws Exception {
            DriverInfo info = EthtoolCodec.decodeDriverInfo(le("03000000", "69 63 65 00" + zeros(28),
                    "31 0a 32 1b 00" + zeros(27), zeros(128)));
            assertEquals("1\uFFFD2\uFFFD", info.version());
        }

        @Test
        void shortReplyIsMalformed() {
            byte[] captured = hex(CapturedReplies.ETH0_DRVINFO);
            ByteBuffer truncated = ByteBuffer.wrap(captured, 0, 195).order(ByteOrder.LITTLE_ENDIAN);
            MalformedReplyException e = assertThrows(MalformedReplyException.class,
                    () -> EthtoolCodec.decodeDriverInfo(truncated));
            assertTrue(e.getMessage().contains("196"), e.getMessage());
        }

        @Test
        void wrongCommandIsMalformed() {
            assertThrows(MalformedReplyException.class,
                    () -> EthtoolCodec.decodeDriverInfo(le("4c000000", zeros(192))));
        }

        @Test
        void emptyDriverNameIsMalformed() {
            assertThrows(MalformedReplyException.class,
                    () -> EthtoolCodec.decodeDriverInfo(le("03000000", zeros(192))));
        }

        @Test
        void readsFromTheBufferPositionNotItsStart() throws Exception {
            ByteBuffer shifted = le("deadbeef", CapturedReplies.ETH0_DRVINFO);
            shifted.position(4);
            assertEquals("virtio_net", EthtoolCodec.decodeDriverInfo(shifted).driver());
        }
    }

    @Nested
    class LinkSettingsHandshake {
        @Test
        void capturedKernelAsksForFourWords() throws Exception {
            assertEquals(4, EthtoolCodec.decodeLinkModeWordCount(le(CapturedReplies.ETH0_LINKSETTINGS_HANDSHAKE)));
        }

        @Test
        void wordCountIsASignedByteWhateverTheByteOrder() throws Exception {
            assertEquals(4, EthtoolCodec.decodeLinkModeWordCount(be("0000004c", zeros(11), "fc", zeros(32))));
            assertEquals(127, EthtoolCodec.decodeLinkModeWordCount(le(linkSettingsBase("00000000", "00000000", -127))));
        }

        @Test
        void positiveZeroOrOutOfRangeCountsAreMalformed() {
            for (int nwords : new int[] {0, 4, 127, -128}) {
                ByteBuffer reply = le(linkSettingsBase("00000000", "00000000", nwords));
                assertThrows(MalformedReplyException.class, () -> EthtoolCodec.decodeLinkModeWordCount(reply),
                        "nwords " + nwords);
            }
        }

        @Test
        void truncatedOrForeignRepliesAreMalformed() {
            assertThrows(MalformedReplyException.class,
                    () -> EthtoolCodec.decodeLinkModeWordCount(le("4c000000", zeros(11), "fc")));
            assertThrows(MalformedReplyException.class,
                    () -> EthtoolCodec.decodeLinkModeWordCount(le("01000000", zeros(11), "fc", zeros(32))));
        }

        @Test
        void requestCarriesTheWordCountAndRoomForThreeBitmaps() {
            byte[] request = EthtoolCodec.linkSettingsRequest(4, ByteOrder.LITTLE_ENDIAN);
            assertEquals(48 + 3 * 4 * 4, request.length);
            assertArrayEquals(hex("4c000000"), java.util.Arrays.copyOf(request, 4));
            assertEquals(4, request[15]);
            assertArrayEquals(hex(linkSettingsBase("00000000", "00000000", 0)),
                    EthtoolCodec.linkSettingsRequest(0, ByteOrder.LITTLE_ENDIAN));
            assertThrows(IllegalArgumentException.class,
                    () -> EthtoolCodec.linkSettingsRequest(128, ByteOrder.LITTLE_ENDIAN));
            assertThrows(IllegalArgumentException.class,
                    () -> EthtoolCodec.linkSettingsRequest(-1, ByteOrder.LITTLE_ENDIAN));
        }
    }

    @Nested
    class LinkSettingsDecoding {
        @Test
        void capturedVirtioNetHasNoSpeedAndNoLinkModes() throws Exception {
            LinkSettings settings = EthtoolCodec.decodeLinkSettings(le(CapturedReplies.ETH0_LINKSETTINGS), 4);
            assertEquals(new LinkSettings(LinkSettingsSource.GLINKSETTINGS, null, Duplex.UNKNOWN, PortType.OTHER,
                    false, List.of(), List.of(), null), settings);
        }

        /** An E810-style 25 GbE SFP28 port with an SR optic, negotiated down to 10 Gb/s. */
        @Test
        void twentyFiveGigPortRunningAtTen() throws Exception {
            ByteBuffer reply = le(linkSettingsBase("10270000", "01030001", 4),
                    "40240000 020a0e00 00000000 00000000",   // supported: Autoneg FIBRE Pause 25G-SR 1G-X 10G-SR FEC
                    "40040000 02080000 00000000 00000000",   // advertising: Autoneg FIBRE 25G-SR 10G-SR
                    zeros(16));                              // link partner
            LinkSettings settings = EthtoolCodec.decodeLinkSettings(reply, 4);
            assertEquals(10_000, settings.currentSpeedMbps());
            assertEquals(25_000, settings.maxSupportedSpeedMbps());
            assertEquals(Duplex.FULL, settings.duplex());
            assertEquals(PortType.FIBRE, settings.port());
            assertEquals(true, settings.autonegotiation());
            assertEquals(List.of("Autoneg", "FIBRE", "Pause", "25000baseSR/Full", "1000baseX/Full",
                    "10000baseSR/Full", "None", "RS", "BASER"), settings.supportedLinkModes());
            assertEquals(List.of("Autoneg", "FIBRE", "25000baseSR/Full", "10000baseSR/Full"),
                    settings.advertisedLinkModes());
        }

        /** The same port with the cable out: sysfs says nothing, the supported modes still say 25 GbE. */
        @Test
        void linkDownKeepsTheMaximumSupportedSpeed() throws Exception {
            ByteBuffer reply = le(linkSettingsBase("ffffffff", "ff030001", 4),
                    "40240000 020a0e00 00000000 00000000", "40040000 02080000 00000000 00000000", zeros(16));
            LinkSettings settings = EthtoolCodec.decodeLinkSettings(reply, 4);
            assertNull(settings.currentSpeedMbps());
            assertEquals(Duplex.UNKNOWN, settings.duplex());
            assertEquals(25_000, settings.maxSupportedSpeedMbps());
        }

        @Test
        void bitsInHigherWordsAndBeyondTheTable() throws Exception {
            ByteBuffer reply = le(linkSettingsBase("a0860100", "01050000", 4),
                    "00000000 20000000 00100000 00000080",   // 100000baseSR4 (37), 100000baseSR (76), bit 127
                    zeros(16), zeros(16));
            LinkSettings settings = EthtoolCodec.decodeLinkSettings(reply, 4);
            assertEquals(100_000, settings.currentSpeedMbps());
            assertEquals(PortType.DA, settings.port());
            assertEquals(false, settings.autonegotiation());
            assertEquals(List.of("100000baseSR4/Full", "100000baseSR/Full", "unknown-link-mode-127"),
                    settings.supportedLinkModes());
            assertEquals(100_000, settings.maxSupportedSpeedMbps());
        }

        @Test
        void bigEndianHostLayout() throws Exception {
            ByteBuffer reply = be("0000004c", "00002710", "01000001", "00000004", "00000000", zeros(28),
                    "00000000 00000800 00000000 00000000", zeros(16), zeros(16));   // 10000baseSR (43)
            LinkSettings settings = EthtoolCodec.decodeLinkSettings(reply, 4);
            assertEquals(10_000, settings.currentSpeedMbps());
            assertEquals(List.of("10000baseSR/Full"), settings.supportedLinkModes());
        }

        @Test
        void speedsTheKernelDoesNotDefineAreUnknown() throws Exception {
            for (String speed : new String[] {"00000000", "ffffffff", "00000080", "feffffff"}) {
                LinkSettings settings = EthtoolCodec.decodeLinkSettings(
                        le(linkSettingsBase(speed, "01000001", 1), zeros(12)), 1);
                assertNull(settings.currentSpeedMbps(), speed);
            }
        }

        @Test
        void unknownEnumValuesDoNotFail() throws Exception {
            LinkSettings settings = EthtoolCodec.decodeLinkSettings(
                    le(linkSettingsBase("e8030000", "07420007", 1), zeros(12)), 1);
            assertEquals(Duplex.UNKNOWN, settings.duplex());
            assertEquals(PortType.UNKNOWN, settings.port());
            assertNull(settings.autonegotiation());
        }

        @Test
        void answeredWordCountMustMatchTheRequest() {
            ByteBuffer answeredThree = le(linkSettingsBase("e8030000", "01000001", 3), zeros(48));
            assertThrows(MalformedReplyException.class, () -> EthtoolCodec.decodeLinkSettings(answeredThree, 4));
            ByteBuffer handshakeAgain = le(linkSettingsBase("00000000", "00000000", -5), zeros(48));
            assertThrows(MalformedReplyException.class, () -> EthtoolCodec.decodeLinkSettings(handshakeAgain, 4));
        }

        @Test
        void bitmapsMustFitTheReply() {
            ByteBuffer oneWordShort = le(linkSettingsBase("e8030000", "01000001", 4), zeros(44));
            assertThrows(MalformedReplyException.class, () -> EthtoolCodec.decodeLinkSettings(oneWordShort, 4));
        }

        @Test
        void absurdWordCountsAreRefusedBeforeAnyRead() {
            ByteBuffer reply = le(CapturedReplies.ETH0_LINKSETTINGS);
            assertThrows(MalformedReplyException.class, () -> EthtoolCodec.decodeLinkSettings(reply, 0));
            assertThrows(MalformedReplyException.class, () -> EthtoolCodec.decodeLinkSettings(reply, 128));
            assertThrows(MalformedReplyException.class,
                    () -> EthtoolCodec.decodeLinkSettings(reply, Integer.MIN_VALUE));
        }
    }

    @Nested
    class LegacySettingsDecoding {
        @Test
        void capturedVirtioNet() throws Exception {
            LinkSettings settings = EthtoolCodec.decodeLegacySettings(le(CapturedReplies.ETH0_GSET));
            assertEquals(new LinkSettings(LinkSettingsSource.GSET, null, Duplex.UNKNOWN, PortType.OTHER, false,
                    List.of(), List.of(), null), settings);
        }

        /** A 10GBASE-T port (X540-style) linked at 1 Gb/s, as a pre-4.6 kernel would answer. */
        @Test
        void tenGigBaseTAtOneGig() throws Exception {
            ByteBuffer reply = le("01000000", "e8100000", "e8100000", "e803", "01", "00", "00", "00", "01", "00",
                    "00000000", "00000000", "0000", "00", "00", "00000000", zeros(8));
            LinkSettings settings = EthtoolCodec.decodeLegacySettings(reply);
            assertEquals(LinkSettingsSource.GSET, settings.source());
            assertEquals(1_000, settings.currentSpeedMbps());
            assertEquals(10_000, settings.maxSupportedSpeedMbps());
            assertEquals(PortType.TP, settings.port());
            assertEquals(true, settings.autonegotiation());
            assertEquals(List.of("100baseT/Full", "1000baseT/Full", "Autoneg", "TP", "10000baseT/Full"),
                    settings.supportedLinkModes());
        }

        @Test
        void speedAbove65535UsesSpeedHi() throws Exception {
            ByteBuffer reply = le("01000000", zeros(8), "a086", "0103", zeros(12), "0100", zeros(14));
            assertEquals(100_000, EthtoolCodec.decodeLegacySettings(reply).currentSpeedMbps());
        }

        @Test
        void truncatedOrForeignRepliesAreMalformed() {
            assertThrows(MalformedReplyException.class, () -> EthtoolCodec.decodeLegacySettings(le("01000000")));
            assertThrows(MalformedReplyException.class,
                    () -> EthtoolCodec.decodeLegacySettings(le("03000000", zeros(40))));
        }
    }

    @Nested
    class InterfaceNamesAndIndex {
        @Test
        void capturedIfindex() throws Exception {
            assertEquals(4, EthtoolCodec.decodeIfindex(le(CapturedReplies.ETH0_IFREQ_IFINDEX)));
        }

        @Test
        void nonPositiveOrTruncatedIfindexIsMalformed() {
            assertThrows(MalformedReplyException.class,
                    () -> EthtoolCodec.decodeIfindex(le("65746830", zeros(36))));
            assertThrows(MalformedReplyException.class,
                    () -> EthtoolCodec.decodeIfindex(le("65746830", zeros(12), "ffffffff", zeros(20))));
            assertThrows(MalformedReplyException.class,
                    () -> EthtoolCodec.decodeIfindex(le("65746830", zeros(12), "04000000")));
        }

        @Test
        void ifreqCarriesTheNulTerminatedName() {
            assertArrayEquals(hex("65746830", zeros(36)), EthtoolCodec.ifreq("eth0"));
        }

        @Test
        void namesTheKernelWouldRefuse() {
            assertNull(EthtoolCodec.invalidInterfaceNameReason("eth0"));
            assertNull(EthtoolCodec.invalidInterfaceNameReason("enp129s0f1np1"));
            assertNull(EthtoolCodec.invalidInterfaceNameReason("a".repeat(15)));
            assertEquals("invalid interface name: empty", EthtoolCodec.invalidInterfaceNameReason(""));
            assertEquals("invalid interface name: longer than 15 bytes",
                    EthtoolCodec.invalidInterfaceNameReason("a".repeat(16)));
            assertEquals("invalid interface name: longer than 15 bytes",
                    EthtoolCodec.invalidInterfaceNameReason("é".repeat(8)));
            assertEquals("invalid interface name: contains '/'", EthtoolCodec.invalidInterfaceNameReason("a/b"));
            assertEquals("invalid interface name: contains ' '", EthtoolCodec.invalidInterfaceNameReason("a b"));
            assertEquals("invalid interface name: contains '\\0'",
                    EthtoolCodec.invalidInterfaceNameReason("a\0b"));
            assertEquals("invalid interface name: ..", EthtoolCodec.invalidInterfaceNameReason(".."));
        }
    }
}
