package io.ra2check.nativeprobes;

import static io.ra2check.nativeprobes.Bytes.le;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetdevCodecTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private static List<Netlink.Message> messages(String... hex) throws MalformedReplyException {
        return Netlink.parseDatagram(le(hex));
    }

    /** One device message of family 20, seq 2: header, genlmsghdr (DEV_GET, version 1), then the attributes. */
    private static String device(String attributes) {
        int length = 16 + 4 + attributes.replace(" ", "").length() / 2;
        return String.format("%02x000000 1400 0000 02000000 00000000 01010000 ", length) + attributes;
    }

    @Test
    void capturedFamilyReplyGivesTheFamilyId() throws Exception {
        assertEquals(20, NetdevCodec.decodeFamilyId(messages(CapturedReplies.GETFAMILY_NETDEV_REPLY), "netdev", LE));
    }

    @Test
    void familyReplyForAnotherNameIsRefused() {
        MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeFamilyId(
                messages(CapturedReplies.GETFAMILY_NETDEV_REPLY), "ethtool", LE));
        assertTrue(e.getMessage().contains("'netdev'"), e.getMessage());
    }

    @Test
    void familyReplyWithoutAnIdOrWithAReservedIdIsRefused() {
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeFamilyId(messages(
                "20000000 1000 0000 01000000 00000000 01020000 0b000200 6e657464657600 00"), "netdev", LE));
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeFamilyId(messages(
                "28000000 1000 0000 01000000 00000000 01020000 0b000200 6e657464657600 00 06000100 0300 0000"),
                "netdev", LE));
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeFamilyId(messages(
                "28000000 1000 0000 01000000 00000000 01020000 0b000200 6e657464657600 00 08000100 14000000"),
                "netdev", LE), "a u16 attribute holding 4 bytes");
    }

    @Test
    void familyReplyShorterThanItsGenlHeaderIsRefused() {
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeFamilyId(
                messages("12000000 1000 0000 01000000 00000000 0102"), "netdev", LE));
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeFamilyId(List.of(), "netdev", LE));
    }

    @Test
    void capturedDumpGivesEveryDevice() throws Exception {
        Map<Integer, XdpFeatures> devices = NetdevCodec.decodeDeviceDump(
                messages(CapturedReplies.DEV_GET_DUMP_REPLY), 20, LE);
        assertEquals(List.of(1, 2, 3, 4), List.copyOf(devices.keySet()));
        assertEquals(new XdpFeatures(List.of(), 0, null), devices.get(1));
        assertEquals(new XdpFeatures(List.of("basic", "redirect", "xsk-zerocopy", "rx-sg"), 0x2b, 1), devices.get(4));
    }

    @Test
    void multiPartDumpDecodesLikeOnePart() throws Exception {
        NetlinkReply reply = new NetlinkReply(2, true, LE);
        reply.add(le(device("08000100 07000000 0c000300 2f00000000000000 08000400 11000000")));
        reply.add(le(device("08000100 09000000 0c000300 0100000000000000"),
                "14000000 0300 0200 02000000 00000000 00000000"));
        Map<Integer, XdpFeatures> devices = NetdevCodec.decodeDeviceDump(reply.messages(), 20, LE);
        assertEquals(new XdpFeatures(List.of("basic", "redirect", "ndo-xmit", "xsk-zerocopy", "rx-sg"), 0x2f, 17),
                devices.get(7));
        assertEquals(new XdpFeatures(List.of("basic"), 1, null), devices.get(9));
    }

    @Test
    void unknownAttributesAndBitsAreSkippedButKeptInTheRawMask() throws Exception {
        Map<Integer, XdpFeatures> devices = NetdevCodec.decodeDeviceDump(messages(device(
                "0800 7f00 01020304 0c00 0080 0000000000000000 08000100 05000000 0c000300 ff00000000000001")), 20, LE);
        XdpFeatures features = devices.get(5);
        assertEquals(0x01000000000000ffL, features.rawMask());
        assertEquals(7, features.features().size());
    }

    @Test
    void messagesOfOtherTypesAreNotDevices() throws Exception {
        assertEquals(Map.of(), NetdevCodec.decodeDeviceDump(
                messages("1c000000 1000 0000 02000000 00000000 01010000 08000100 01000000"), 20, LE));
    }

    @Test
    void deviceWithoutIfindexOrFeaturesIsRefused() {
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeDeviceDump(
                messages(device("0c000300 0100000000000000")), 20, LE));
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeDeviceDump(
                messages(device("08000100 01000000")), 20, LE));
    }

    @Test
    void impossibleValuesAreRefused() {
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeDeviceDump(
                messages(device("08000100 00000000 0c000300 0100000000000000")), 20, LE), "ifindex 0");
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeDeviceDump(
                messages(device("08000100 ffffffff 0c000300 0100000000000000")), 20, LE), "ifindex > INT_MAX");
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeDeviceDump(
                messages(device("08000100 01000000 0c000300 0900000000000000 08000400 ffffffff")), 20, LE),
                "zc-max-segs > INT_MAX");
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeDeviceDump(
                messages(device("08000100 01000000 08000300 01000000")), 20, LE), "xdp-features as u32");
    }

    @Test
    void deviceListedTwiceIsRefused() {
        String lo = device("08000100 01000000 0c000300 0000000000000000");
        assertThrows(MalformedReplyException.class,
                () -> NetdevCodec.decodeDeviceDump(messages(lo, lo), 20, LE));
    }

    @Test
    void attributeOverrunningTheDeviceMessageIsRefused() {
        assertThrows(MalformedReplyException.class, () -> NetdevCodec.decodeDeviceDump(
                messages(device("08000100 01000000 1c000300 0000000000000000")), 20, LE));
    }
}
