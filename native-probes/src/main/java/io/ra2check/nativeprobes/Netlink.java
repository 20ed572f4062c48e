package io.ra2check.nativeprobes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Netlink framing (include/uapi/linux/netlink.h): splitting a received datagram into messages, and a message payload
 * into attributes. Pure Java over bytes in the byte order of the {@link ByteBuffer} given; every length read from the
 * bytes is checked against the bytes actually there before it is used.
 */
final class Netlink {
    static final int HEADER_SIZE = 16;
    static final int ATTRIBUTE_HEADER_SIZE = 4;

    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;
    /** Types below this are netlink's own control messages; families start here. */
    static final int NLMSG_MIN_TYPE = 0x10;

    static final int NLM_F_REQUEST = 0x01;
    static final int NLM_F_MULTI = 0x02;
    static final int NLM_F_DUMP_INTR = 0x10;
    static final int NLM_F_DUMP = 0x300;

    static final int NLA_F_NET_BYTEORDER = 0x4000;
    static final int NLA_TYPE_MASK = 0x3fff;

    private Netlink() {
    }

    /** One netlink message: its header fields and the payload that follows the 16-byte header. */
    record Message(int type, int flags, int seq, byte[] payload) {
    }

    /** One attribute: its type without the nested/byte-order flags, and its value without padding. */
    record Attribute(int type, boolean networkByteOrder, byte[] value) {
    }

    static int align4(int length) {
        return (length + 3) & ~3;
    }

    /** A request: nlmsghdr (length, type, flags, seq, port id 0 = "assign mine") followed by the payload. */
    static byte[] message(int type, int flags, int seq, byte[] payload, ByteOrder order) {
        byte[] message = new byte[HEADER_SIZE + payload.length];
        ByteBuffer buffer = ByteBuffer.wrap(message).order(order);
        buffer.putInt(message.length).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        buffer.put(payload);
        return message;
    }

    /** One attribute, padded to 4 bytes. */
    static byte[] attribute(int type, byte[] value, ByteOrder order) {
        int length = ATTRIBUTE_HEADER_SIZE + value.length;
        byte[] attribute = new byte[align4(length)];
        ByteBuffer.wrap(attribute).order(order).putShort((short) length).putShort((short) type).put(value);
        return attribute;
    }

    /** A NUL-terminated string attribute value (NLA_NUL_STRING / NLA_STRING as the kernel's policies expect). */
    static byte[] cString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }

    /**
     * The messages of one datagram. Each nlmsg_len must cover at least the header and stay inside the datagram; the
     * padding after the last message may be missing.
     */
    static List<Message> parseDatagram(ByteBuffer datagram) throws MalformedReplyException {
        ByteBuffer buffer = datagram.slice().order(datagram.order());
        List<Message> messages = new ArrayList<>();
        int offset = 0;
        int end = buffer.remaining();
        while (end - offset >= HEADER_SIZE) {
            long length = Integer.toUnsignedLong(buffer.getInt(offset));
            if (length < HEADER_SIZE) {
                throw new MalformedReplyException("netlink message at offset " + offset + " has nlmsg_len " + length
                        + ", less than its header");
            }
            if (length > end - offset) {
                throw new MalformedReplyException("netlink message at offset " + offset + " has nlmsg_len " + length
                        + " but only " + (end - offset) + " bytes remain");
            }
            int type = Short.toUnsignedInt(buffer.getShort(offset + 4));
            int flags = Short.toUnsignedInt(buffer.getShort(offset + 6));
            int seq = buffer.getInt(offset + 8);
            byte[] payload = new byte[(int) length - HEADER_SIZE];
            buffer.get(offset + HEADER_SIZE, payload);
            messages.add(new Message(type, flags, seq, payload));
            // length <= end - offset, so this cannot overflow; align4 may step past the end, which ends the loop
            offset += align4((int) length);
        }
        if (offset < end) {
            throw new MalformedReplyException((end - offset) + " trailing bytes after the last netlink message");
        }
        return messages;
    }

    /**
     * The attributes in {@code bytes[offset..]}. Each nla_len must cover at least the attribute header and stay inside
     * the bytes; the padding after the last attribute may be missing.
     */
    static List<Attribute> parseAttributes(byte[] bytes, int offset, ByteOrder order) throws MalformedReplyException {
        if (offset < 0 || offset > bytes.length) {
            throw new MalformedReplyException("attributes start at " + offset + ", beyond the " + bytes.length
                    + "-byte payload");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
        List<Attribute> attributes = new ArrayList<>();
        int position = offset;
        while (bytes.length - position >= ATTRIBUTE_HEADER_SIZE) {
            int length = Short.toUnsignedInt(buffer.getShort(position));
            int rawType = Short.toUnsignedInt(buffer.getShort(position + 2));
            if (length < ATTRIBUTE_HEADER_SIZE) {
                throw new MalformedReplyException("attribute at offset " + position + " has nla_len " + length
                        + ", less than its header");
            }
            if (length > bytes.length - position) {
                throw new MalformedReplyException("attribute type " + (rawType & NLA_TYPE_MASK) + " at offset "
                        + position + " has nla_len " + length + " but only " + (bytes.length - position)
                        + " bytes remain");
            }
            byte[] value = new byte[length - ATTRIBUTE_HEADER_SIZE];
            buffer.get(position + ATTRIBUTE_HEADER_SIZE, value);
            attributes.add(new Attribute(rawType & NLA_TYPE_MASK, (rawType & NLA_F_NET_BYTEORDER) != 0, value));
            position += align4(length);
        }
        if (position < bytes.length) {
            throw new MalformedReplyException((bytes.length - position) + " trailing bytes after the last attribute");
        }
        return attributes;
    }

    static int u16(Attribute attribute, ByteOrder hostOrder) throws MalformedReplyException {
        return Short.toUnsignedInt(fixed(attribute, 2, hostOrder).getShort(0));
    }

    static long u32(Attribute attribute, ByteOrder hostOrder) throws MalformedReplyException {
        return Integer.toUnsignedLong(fixed(attribute, 4, hostOrder).getInt(0));
    }

    static long u64(Attribute attribute, ByteOrder hostOrder) throws MalformedReplyException {
        return fixed(attribute, 8, hostOrder).getLong(0);
    }

    /** A string attribute: up to the first NUL (the kernel sends one), or the whole value if there is none. */
    static String string(Attribute attribute) {
        byte[] value = attribute.value();
        int length = 0;
        while (length < value.length && value[length] != 0) {
            length++;
        }
        return new String(value, 0, length, StandardCharsets.UTF_8);
    }

    private static ByteBuffer fixed(Attribute attribute, int size, ByteOrder hostOrder) throws MalformedReplyException {
        if (attribute.value().length != size) {
            throw new MalformedReplyException("attribute type " + attribute.type() + " should hold " + size
                    + " bytes, holds " + attribute.value().length);
        }
        return ByteBuffer.wrap(attribute.value())
                .order(attribute.networkByteOrder() ? ByteOrder.BIG_ENDIAN : hostOrder);
    }
}
