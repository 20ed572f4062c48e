package io.ra2check.nativeprobes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Whatever a netlink socket delivers, the framing, reply-assembly, attribute and netdev decoders either decode it
 * or throw {@link MalformedReplyException}; nothing else escapes, nothing loops, nothing allocates past the input.
 * The default test run replays the seed corpus (real captured replies, under src/test/resources); the fuzz execution
 * of the build (JAZZER_FUZZ=1) fuzzes for the maxDuration below.
 */
class NetlinkDecoderFuzzTest {
    private static final List<ByteOrder> ORDERS = List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN);

    @FuzzTest(maxDuration = "15s")
    void netlinkDecodersThrowNothingButMalformedReply(byte[] data) {
        for (ByteOrder order : ORDERS) {
            framingAndAttributes(data, order);
            dumpInOneDatagram(data, order);
            dumpInTwoDatagrams(data, order);
            familyLookup(data, order);
        }
    }

    private static void framingAndAttributes(byte[] data, ByteOrder order) {
        try {
            for (Netlink.Message message : Netlink.parseDatagram(ByteBuffer.wrap(data).order(order))) {
                assertTrue(message.payload().length <= data.length);
            }
        } catch (MalformedReplyException expected) {
            // the one allowed failure
        }
        try {
            for (Netlink.Attribute attribute : Netlink.parseAttributes(data, 0, order)) {
                assertTrue(attribute.value().length <= data.length);
                Netlink.string(attribute);
                readFixed(attribute, order);
            }
        } catch (MalformedReplyException expected) {
            // the one allowed failure
        }
    }

    private static void readFixed(Netlink.Attribute attribute, ByteOrder order) {
        try {
            Netlink.u16(attribute, order);
        } catch (MalformedReplyException expected) {
            // wrong size
        }
        try {
            Netlink.u32(attribute, order);
        } catch (MalformedReplyException expected) {
            // wrong size
        }
        try {
            Netlink.u64(attribute, order);
        } catch (MalformedReplyException expected) {
            // wrong size
        }
    }

    private static void dumpInOneDatagram(byte[] data, ByteOrder order) {
        try {
            NetlinkReply reply = new NetlinkReply(2, true, order);
            reply.add(ByteBuffer.wrap(data).order(order));
            decodeDevices(reply.messages(), order);
        } catch (MalformedReplyException expected) {
            // the one allowed failure
        }
    }

    private static void dumpInTwoDatagrams(byte[] data, ByteOrder order) {
        try {
            NetlinkReply reply = new NetlinkReply(2, true, order);
            int half = data.length / 2;
            if (!reply.add(ByteBuffer.wrap(Arrays.copyOfRange(data, 0, half)).order(order))) {
                reply.add(ByteBuffer.wrap(Arrays.copyOfRange(data, half, data.length)).order(order));
            }
            decodeDevices(reply.messages(), order);
        } catch (MalformedReplyException expected) {
            // the one allowed failure
        }
    }

    private static void decodeDevices(List<Netlink.Message> messages, ByteOrder order) throws MalformedReplyException {
        int familyId = messages.isEmpty() ? 20 : messages.get(0).type();
        Map<Integer, XdpFeatures> devices = NetdevCodec.decodeDeviceDump(messages, familyId, order);
        for (Map.Entry<Integer, XdpFeatures> device : devices.entrySet()) {
            assertTrue(device.getKey() > 0);
            assertEquals(XdpFeature.specNamesOf(device.getValue().rawMask()), device.getValue().features());
        }
    }

    private static void familyLookup(byte[] data, ByteOrder order) {
        try {
            NetlinkReply reply = new NetlinkReply(1, false, order);
            reply.add(ByteBuffer.wrap(data).order(order));
            int id = NetdevCodec.decodeFamilyId(reply.messages(), "netdev", order);
            assertTrue(id >= Netlink.NLMSG_MIN_TYPE && id <= 0xffff);
        } catch (MalformedReplyException expected) {
            // the one allowed failure
        }
    }
}
