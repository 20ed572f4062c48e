package io.ra2check.nativeprobes;

import static io.ra2check.nativeprobes.Bytes.hex;
import static io.ra2check.nativeprobes.Bytes.le;
import static io.ra2check.nativeprobes.Bytes.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NetlinkTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @Nested
    class Framing {
        @Test
        void capturedDumpSplitsIntoFourDevicesAndDone() throws Exception {
            List<Netlink.Message> messages = Netlink.parseDatagram(le(CapturedReplies.DEV_GET_DUMP_REPLY));
            assertEquals(5, messages.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(20, messages.get(i).type());
                assertEquals(0, messages.get(i).flags(), "genl_info_dump() replies carry no NLM_F_MULTI");
                assertEquals(2, messages.get(i).seq());
            }
            assertEquals(0x40 - 16, messages.get(0).payload().length);
            assertEquals(0x48 - 16, messages.get(3).payload().length);
            assertEquals(Netlink.NLMSG_DONE, messages.get(4).type());
            assertEquals(Netlink.NLM_F_MULTI, messages.get(4).flags());
        }

        @Test
        void emptyDatagramHasNoMessages() throws Exception {
            assertEquals(List.of(), Netlink.parseDatagram(le("")));
        }

        @Test
        void lengthBeyondTheDatagramIsMalformed() {
            byte[] reply = hex(CapturedReplies.GETFAMILY_NETDEV_REPLY);
            ByteBuffer truncated = ByteBuffer.wrap(reply, 0, 100).order(LE);
            MalformedReplyException e = assertThrows(MalformedReplyException.class,
                    () -> Netlink.parseDatagram(truncated));
            assertTrue(e.getMessage().contains("nlmsg_len 284"), e.getMessage());
        }

        @Test
        void lengthOfAllOnesIsReadUnsignedAndMalformed() {
            assertThrows(MalformedReplyException.class,
                    () -> Netlink.parseDatagram(le("ffffffff 1000 0000 01000000 00000000")));
        }

        @Test
        void lengthShorterThanTheHeaderIsMalformedAndCannotLoop() {
            assertThrows(MalformedReplyException.class,
                    () -> Netlink.parseDatagram(le("00000000 1000 0000 01000000 00000000")));
            assertThrows(MalformedReplyException.class,
                    () -> Netlink.parseDatagram(le("0f000000 1000 0000 01000000 00000000")));
        }

        @Test
        void bytesAfterTheLastMessageThatCannotBeAHeaderAreMalformed() {
            assertThrows(MalformedReplyException.class,
                    () -> Netlink.parseDatagram(le("14000000 0300 0200 02000000 00000000 00000000", "0102030405")));
        }

        @Test
        void lastMessageMayEndWithoutPadding() throws Exception {
            List<Netlink.Message> messages = Netlink.parseDatagram(le(
                    "15000000 1400 0000 07000000 00000000 0101000001",      // 21 bytes, padded to 24
                    "000000",
                    "11000000 1400 0000 07000000 00000000 02"));            // 17 bytes, no padding
            assertEquals(2, messages.size());
            assertArrayEquals(hex("0101000001"), messages.get(0).payload());
            assertArrayEquals(hex("02"), messages.get(1).payload());
        }

        @Test
        void readsFromTheBufferPosition() throws Exception {
            ByteBuffer shifted = le("ffffffff", CapturedReplies.GETFAMILY_MISSING_REPLY);
            shifted.position(4);
            assertEquals(Netlink.NLMSG_ERROR, Netlink.parseDatagram(shifted).get(0).type());
        }
    }

    @Nested
    class Attributes {
        @Test
        void typesLoseTheirFlagsAndValuesTheirPadding() throws Exception {
            byte[] payload = hex("01020000", "0500 0180 aa 000000", "0800 0240 0000002a", "0400 0300");
            List<Netlink.Attribute> attributes = Netlink.parseAttributes(payload, 4, LE);
            assertEquals(3, attributes.size());
            assertEquals(1, attributes.get(0).type(), "NLA_F_NESTED stripped");
            assertArrayEquals(hex("aa"), attributes.get(0).value());
            assertEquals(2, attributes.get(1).type());
            assertTrue(attributes.get(1).networkByteOrder());
            assertEquals(42, Netlink.u32(attributes.get(1), LE), "NLA_F_NET_BYTEORDER read big endian");
            assertEquals(0, attributes.get(2).value().length);
        }

        @Test
        void lastAttributeMayEndWithoutPadding() throws Exception {
            List<Netlink.Attribute> attributes = Netlink.parseAttributes(hex("0500 0700 01"), 0, LE);
            assertEquals(7, attributes.get(0).type());
        }

        @Test
        void lengthBelowTheHeaderIsMalformedAndCannotLoop() {
            assertThrows(MalformedReplyException.class, () -> Netlink.parseAttributes(hex("0000 0100"), 0, LE));
            assertThrows(MalformedReplyException.class,
                    () -> Netlink.parseAttributes(hex("0300 0100 00000000"), 0, LE));
        }

        @Test
        void attributeOverrunningThePayloadIsMalformed() {
            MalformedReplyException e = assertThrows(MalformedReplyException.class,
                    () -> Netlink.parseAttributes(hex("0c00 0100 01000000"), 0, LE));
            assertTrue(e.getMessage().contains("nla_len 12"), e.getMessage());
            assertThrows(MalformedReplyException.class,
                    () -> Netlink.parseAttributes(hex("ffff 0100", zeros(60)), 0, LE));
        }

        @Test
        void trailingBytesAndBadOffsetsAreMalformed() {
            assertThrows(MalformedReplyException.class,
                    () -> Netlink.parseAttributes(hex("0800 0100 01000000 0102"), 0, LE));
            assertThrows(MalformedReplyException.class, () -> Netlink.parseAttributes(hex("00"), 2, LE));
            assertThrows(MalformedReplyException.class, () -> Netlink.parseAttributes(hex("00"), -1, LE));
        }

        @Test
        void fixedSizeValuesMustHaveTheirSize() throws Exception {
            Netlink.Attribute three = Netlink.parseAttributes(hex("0700 0100 010203 00"), 0, LE).get(0);
            assertThrows(MalformedReplyException.class, () -> Netlink.u32(three, LE));
            assertThrows(MalformedReplyException.class, () -> Netlink.u16(three, LE));
            assertThrows(MalformedReplyException.class, () -> Netlink.u64(three, LE));
            Netlink.Attribute u64 = Netlink.parseAttributes(hex("0c00 0300 2b00000000000080"), 0, LE).get(0);
            assertEquals(0x800000000000002bL, Netlink.u64(u64, LE));
        }

        @Test
        void stringsStopAtTheFirstNulOrTheEnd() throws Exception {
            List<Netlink.Attribute> attributes = Netlink.parseAttributes(
                    hex("0b00 0200 6e657464657600 00", "0600 0200 6e65 0000"), 0, LE);
            assertEquals("netdev", Netlink.string(attributes.get(0)));
            assertEquals("ne", Netlink.string(attributes.get(1)));
        }
    }

    @Nested
    class Requests {
        @Test
        void getFamilyRequestIsByteForByteWhatTheKernelAnswered() {
            assertArrayEquals(hex(CapturedReplies.GETFAMILY_NETDEV_REQUEST),
                    NetdevCodec.getFamilyRequest("netdev", 1, LE));
        }

        @Test
        void deviceDumpRequest() {
            assertArrayEquals(hex(CapturedReplies.DEV_GET_DUMP_REQUEST), NetdevCodec.deviceDumpRequest(20, 2, LE));
        }

        @Test
        void requestsFollowTheHostByteOrder() {
            assertArrayEquals(hex("00000014 0014 0301 00000002 00000000 01010000"),
                    NetdevCodec.deviceDumpRequest(20, 2, ByteOrder.BIG_ENDIAN));
        }
    }
}
