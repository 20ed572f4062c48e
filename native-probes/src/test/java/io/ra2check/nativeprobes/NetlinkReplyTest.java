package io.ra2check.nativeprobes;

import static io.ra2check.nativeprobes.Bytes.hex;
import static io.ra2check.nativeprobes.Bytes.le;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NetlinkReplyTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** The captured dump cut at its message boundaries: lo+ifb0 | ifb1 | eth0+DONE. */
    private static ByteBuffer[] capturedDumpInThreeDatagrams() {
        byte[] dump = hex(CapturedReplies.DEV_GET_DUMP_REPLY);
        return new ByteBuffer[] {
            ByteBuffer.wrap(Arrays.copyOfRange(dump, 0, 0x80)).order(LE),
            ByteBuffer.wrap(Arrays.copyOfRange(dump, 0x80, 0xc0)).order(LE),
            ByteBuffer.wrap(Arrays.copyOfRange(dump, 0xc0, dump.length)).order(LE),
        };
    }

    @Test
    void plainRequestEndsAtItsOneAnswer() throws Exception {
        NetlinkReply reply = new NetlinkReply(1, false, LE);
        assertTrue(reply.add(le(CapturedReplies.GETFAMILY_NETDEV_REPLY)));
        assertEquals(0, reply.errno());
        assertEquals(1, reply.messages().size());
    }

    @Test
    void errorReplyCarriesTheErrno() throws Exception {
        NetlinkReply reply = new NetlinkReply(2, false, LE);
        assertTrue(reply.add(le(CapturedReplies.GETFAMILY_MISSING_REPLY)));
        assertEquals(Errno.ENOENT, reply.errno());
        assertEquals(0, reply.messages().size());
    }

    @Test
    void dumpInOneDatagramEndsAtDone() throws Exception {
        NetlinkReply reply = new NetlinkReply(2, true, LE);
        assertTrue(reply.add(le(CapturedReplies.DEV_GET_DUMP_REPLY)));
        assertEquals(4, reply.messages().size());
        assertEquals(0, reply.errno());
        assertFalse(reply.interrupted());
    }

    @Test
    void multiPartDumpCompletesOnlyWithItsLastDatagram() throws Exception {
        NetlinkReply reply = new NetlinkReply(2, true, LE);
        ByteBuffer[] parts = capturedDumpInThreeDatagrams();
        assertFalse(reply.add(parts[0]));
        assertFalse(reply.complete());
        assertFalse(reply.add(parts[1]));
        assertTrue(reply.add(parts[2]));
        assertEquals(4, reply.messages().size());
    }

    @Test
    void datagramAfterCompletionIsRefused() throws Exception {
        NetlinkReply reply = new NetlinkReply(2, true, LE);
        reply.add(le(CapturedReplies.DEV_GET_DUMP_REPLY));
        assertThrows(MalformedReplyException.class, () -> reply.add(le(CapturedReplies.DEV_GET_DUMP_REPLY)));
    }

    @Test
    void dumpDataWithoutMultiFlagDoesNotEndADump() throws Exception {
        NetlinkReply reply = new NetlinkReply(2, true, LE);
        assertFalse(reply.add(capturedDumpInThreeDatagrams()[0]));
    }

    @Test
    void plainRequestAnsweredInPartsWaitsForDone() throws Exception {
        NetlinkReply reply = new NetlinkReply(7, false, LE);
        assertFalse(reply.add(le("14000000 1000 0200 07000000 00000000 01020000")));
        assertTrue(reply.add(le("14000000 0300 0200 07000000 00000000 00000000")));
        assertEquals(1, reply.messages().size());
    }

    @Test
    void doneWithANegativeStatusEndsTheDumpWithThatErrno() throws Exception {
        NetlinkReply reply = new NetlinkReply(3, true, LE);
        assertTrue(reply.add(le("14000000 0300 0200 03000000 00000000 ffffffff")));
        assertEquals(Errno.EPERM, reply.errno());
    }

    @Test
    void ackIsAnErrorWithStatusZero() throws Exception {
        NetlinkReply reply = new NetlinkReply(3, false, LE);
        assertTrue(reply.add(le("24000000 0200 0001 03000000 00000000 00000000 14000000 1000 0500 03000000 00000000")));
        assertEquals(0, reply.errno());
    }

    @Test
    void statusThatIsNotZeroOrANegativeErrnoIsMalformed() {
        for (String status : new String[] {"01000000", "00000080"}) {
            NetlinkReply reply = new NetlinkReply(3, true, LE);
            assertThrows(MalformedReplyException.class,
                    () -> reply.add(le("14000000 0200 0000 03000000 00000000", status)), status);
        }
        NetlinkReply shortDone = new NetlinkReply(3, true, LE);
        assertThrows(MalformedReplyException.class,
                () -> shortDone.add(le("12000000 0300 0200 03000000 00000000 0000")));
    }

    @Test
    void messagesOfOtherRequestsAreSkipped() throws Exception {
        NetlinkReply reply = new NetlinkReply(2, true, LE);
        assertFalse(reply.add(le("14000000 0300 0200 01000000 00000000 feffffff")), "a stale DONE of seq 1");
        assertTrue(reply.add(le(CapturedReplies.DEV_GET_DUMP_REPLY)));
        assertEquals(0, reply.errno());
    }

    @Test
    void noopAndReservedControlTypesCarryNothing() throws Exception {
        NetlinkReply reply = new NetlinkReply(2, true, LE);
        assertFalse(reply.add(le("10000000 0100 0000 02000000 00000000", "10000000 0f00 0000 02000000 00000000")));
        assertEquals(0, reply.messages().size());
    }

    @Test
    void overrunIsMalformed() {
        NetlinkReply reply = new NetlinkReply(2, true, LE);
        assertThrows(MalformedReplyException.class, () -> reply.add(le("10000000 0400 0000 02000000 00000000")));
    }

    @Test
    void interruptedDumpIsFlagged() throws Exception {
        NetlinkReply reply = new NetlinkReply(2, true, LE);
        reply.add(le("14000000 1400 1000 02000000 00000000 01010000", "14000000 0300 1200 02000000 00000000 00000000"));
        assertTrue(reply.interrupted());
    }

    @Test
    void replyLongerThanAnyRealDumpIsRefused() throws Exception {
        NetlinkReply reply = new NetlinkReply(2, true, LE);
        byte[] message = hex("10000000 1400 0000 02000000 00000000");
        int perDatagram = 4096;
        byte[] datagram = new byte[message.length * perDatagram];
        for (int i = 0; i < perDatagram; i++) {
            System.arraycopy(message, 0, datagram, i * message.length, message.length);
        }
        int fullDatagrams = NetlinkReply.MAX_MESSAGES / perDatagram;
        for (int i = 0; i < fullDatagrams; i++) {
            assertFalse(reply.add(ByteBuffer.wrap(datagram).order(LE)));
        }
        assertThrows(MalformedReplyException.class, () -> reply.add(ByteBuffer.wrap(message).order(LE)));
    }
}
