package io.ra2check.nativeprobes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the buffers the ethtool ioctls take and decodes what the kernel writes back. Pure Java over the bytes, in
 * the byte order of the {@link ByteBuffer} given (the kernel writes struct fields in the host's order). Layouts are
 * those of include/uapi/linux/ethtool.h and include/uapi/linux/if.h.
 */
final class EthtoolCodec {
    static final int SIOCGIFINDEX = 0x8933;
    static final int SIOCETHTOOL = 0x8946;

    static final int IFNAMSIZ = 16;
    /** sizeof(struct ifreq) on LP64: the name, then a union whose largest member (struct ifmap) is 24 bytes. */
    static final int IFREQ_SIZE = 40;
    /** Offset of the union in struct ifreq: ifr_ifindex and ifr_data live there. */
    static final int IFREQ_UNION_OFFSET = 16;

    static final int ETHTOOL_GSET = 0x01;
    static final int ETHTOOL_GDRVINFO = 0x03;
    static final int ETHTOOL_GLINKSETTINGS = 0x4c;

    /** sizeof(struct ethtool_drvinfo). */
    static final int DRVINFO_SIZE = 196;
    /** sizeof(struct ethtool_cmd). */
    static final int LEGACY_SETTINGS_SIZE = 44;
    /** sizeof(struct ethtool_link_settings) without its trailing link_mode_masks[]. */
    static final int LINK_SETTINGS_BASE_SIZE = 48;
    /** link_mode_masks_nwords is an __s8: no kernel can ask for more words than this. */
    static final int MAX_LINK_MODE_WORDS = 127;

    private static final int DRVINFO_STRING_SIZE = 32;
    private static final int DRVINFO_DRIVER_OFFSET = 4;
    private static final int DRVINFO_VERSION_OFFSET = 36;
    private static final int DRVINFO_FW_VERSION_OFFSET = 68;
    private static final int DRVINFO_BUS_INFO_OFFSET = 100;

    private static final int LINK_SETTINGS_SPEED_OFFSET = 4;
    private static final int LINK_SETTINGS_DUPLEX_OFFSET = 8;
    private static final int LINK_SETTINGS_PORT_OFFSET = 9;
    private static final int LINK_SETTINGS_AUTONEG_OFFSET = 11;
    private static final int LINK_SETTINGS_NWORDS_OFFSET = 15;

    private static final int LEGACY_SUPPORTED_OFFSET = 4;
    private static final int LEGACY_ADVERTISING_OFFSET = 8;
    private static final int LEGACY_SPEED_OFFSET = 12;
    private static final int LEGACY_DUPLEX_OFFSET = 14;
    private static final int LEGACY_PORT_OFFSET = 15;
    private static final int LEGACY_AUTONEG_OFFSET = 18;
    private static final int LEGACY_SPEED_HI_OFFSET = 28;

    private EthtoolCodec() {
    }

    /**
     * Why the kernel would not accept {@code ifname} as an interface name (empty, too long for IFNAMSIZ, or containing
     * a character the kernel's dev_valid_name() refuses), or null when it is acceptable.
     */
    static String invalidInterfaceNameReason(String ifname) {
        if (ifname == null || ifname.isEmpty()) {
            return "invalid interface name: empty";
        }
        byte[] bytes = ifname.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= IFNAMSIZ) {
            return "invalid interface name: longer than " + (IFNAMSIZ - 1) + " bytes";
        }
        if (ifname.equals(".") || ifname.equals("..")) {
            return "invalid interface name: " + ifname;
        }
        for (int i = 0; i < ifname.length(); i++) {
            char c = ifname.charAt(i);
            if (c == '/' || c == ':' || c == '\0' || Character.isWhitespace(c)) {
                return "invalid interface name: contains '" + (c == '\0' ? "\\0" : String.valueOf(c)) + "'";
            }
        }
        return null;
    }

    /** The 40-byte struct ifreq with ifr_name set; the caller fills the union. Name must have passed validation. */
    static byte[] ifreq(String ifname) {
        byte[] ifreq = new byte[IFREQ_SIZE];
        byte[] name = ifname.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, ifreq, 0, Math.min(name.length, IFNAMSIZ - 1));
        return ifreq;
    }

    /** ifr_ifindex of a struct ifreq that SIOCGIFINDEX filled. */
    static int decodeIfindex(ByteBuffer ifreq) throws MalformedReplyException {
        requireSize(ifreq, IFREQ_SIZE, "struct ifreq");
        int ifindex = ifreq.getInt(ifreq.position() + IFREQ_UNION_OFFSET);
        if (ifindex <= 0) {
            throw new MalformedReplyException("SIOCGIFINDEX returned ifindex " + Integer.toUnsignedString(ifindex));
        }
        return ifindex;
    }

    /** A zeroed command buffer of {@code size} bytes with its leading __u32 cmd set. */
    static byte[] command(int cmd, int size, ByteOrder order) {
        byte[] buffer = new byte[size];
        ByteBuffer.wrap(buffer).order(order).putInt(0, cmd);
        return buffer;
    }

    /**
     * ETHTOOL_GLINKSETTINGS request for bitmaps of {@code nwords} 32-bit words each (supported, advertising and
     * link-partner advertising follow the base struct). nwords 0 starts the size handshake.
     */
    static byte[] linkSettingsRequest(int nwords, ByteOrder order) {
        if (nwords < 0 || nwords > MAX_LINK_MODE_WORDS) {
            throw new IllegalArgumentException("nwords out of range: " + nwords);
        }
        byte[] buffer = command(ETHTOOL_GLINKSETTINGS, LINK_SETTINGS_BASE_SIZE + 3 * 4 * nwords, order);
        buffer[LINK_SETTINGS_NWORDS_OFFSET] = (byte) nwords;
        return buffer;
    }

    static DriverInfo decodeDriverInfo(ByteBuffer reply) throws MalformedReplyException {
        requireSize(reply, DRVINFO_SIZE, "struct ethtool_drvinfo");
        requireCommand(reply, ETHTOOL_GDRVINFO);
        String driver = cString(reply, DRVINFO_DRIVER_OFFSET, DRVINFO_STRING_SIZE);
        if (driver == null) {
            throw new MalformedReplyException("ETHTOOL_GDRVINFO reply has an empty driver name");
        }
        return new DriverInfo(driver,
                cString(reply, DRVINFO_VERSION_OFFSET, DRVINFO_STRING_SIZE),
                cString(reply, DRVINFO_FW_VERSION_OFFSET, DRVINFO_STRING_SIZE),
                cString(reply, DRVINFO_BUS_INFO_OFFSET, DRVINFO_STRING_SIZE));
    }

    /**
     * The first half of the GLINKSETTINGS handshake: asked with nwords 0, the kernel answers with the number of words
     * it needs, negated, and nothing else. Returns that number (1..127).
     */
    static int decodeLinkModeWordCount(ByteBuffer handshakeReply) throws MalformedReplyException {
        requireSize(handshakeReply, LINK_SETTINGS_BASE_SIZE, "struct ethtool_link_settings");
        requireCommand(handshakeReply, ETHTOOL_GLINKSETTINGS);
        int nwords = handshakeReply.get(handshakeReply.position() + LINK_SETTINGS_NWORDS_OFFSET);
        if (nwords >= 0 || -nwords > MAX_LINK_MODE_WORDS) {
            throw new MalformedReplyException("GLINKSETTINGS handshake: expected a negative word count in 1.."
                    + MAX_LINK_MODE_WORDS + ", got " + nwords);
        }
        return -nwords;
    }

    /** The second half of the handshake: the settings, with bitmaps of the {@code nwords} the kernel asked for. */
    static LinkSettings decodeLinkSettings(ByteBuffer reply, int nwords) throws MalformedReplyException {
        if (nwords < 1 || nwords > MAX_LINK_MODE_WORDS) {
            throw new MalformedReplyException("GLINKSETTINGS: word count out of range: " + nwords);
        }
        requireSize(reply, LINK_SETTINGS_BASE_SIZE + 3 * 4 * nwords, "struct ethtool_link_settings with bitmaps");
        requireCommand(reply, ETHTOOL_GLINKSETTINGS);
        int base = reply.position();
        int answeredWords = reply.get(base + LINK_SETTINGS_NWORDS_OFFSET);
        if (answeredWords != nwords) {
            throw new MalformedReplyException("GLINKSETTINGS: asked with " + nwords
                    + " link-mode words, the kernel answered " + answeredWords);
        }
        int supportedOffset = base + LINK_SETTINGS_BASE_SIZE;
        int advertisingOffset = supportedOffset + 4 * nwords;
        List<Integer> supported = setBits(reply, supportedOffset, nwords);
        List<Integer> advertised = setBits(reply, advertisingOffset, nwords);
        return settings(LinkSettingsSource.GLINKSETTINGS,
                Integer.toUnsignedLong(reply.getInt(base + LINK_SETTINGS_SPEED_OFFSET)),
                reply.get(base + LINK_SETTINGS_DUPLEX_OFFSET),
                reply.get(base + LINK_SETTINGS_PORT_OFFSET),
                reply.get(base + LINK_SETTINGS_AUTONEG_OFFSET),
                supported, advertised);
    }

    /** ETHTOOL_GSET's struct ethtool_cmd: 32-bit link mode masks, speed split into a low and a high half. */
    static LinkSettings decodeLegacySettings(ByteBuffer reply) throws MalformedReplyException {
        requireSize(reply, LEGACY_SETTINGS_SIZE, "struct ethtool_cmd");
        requireCommand(reply, ETHTOOL_GSET);
        int base = reply.position();
        long speed = (Short.toUnsignedLong(reply.getShort(base + LEGACY_SPEED_HI_OFFSET)) << 16)
                | Short.toUnsignedLong(reply.getShort(base + LEGACY_SPEED_OFFSET));
        return settings(LinkSettingsSource.GSET, speed,
                reply.get(base + LEGACY_DUPLEX_OFFSET),
                reply.get(base + LEGACY_PORT_OFFSET),
                reply.get(base + LEGACY_AUTONEG_OFFSET),
                setBits(reply, base + LEGACY_SUPPORTED_OFFSET, 1),
                setBits(reply, base + LEGACY_ADVERTISING_OFFSET, 1));
    }

    private static LinkSettings settings(LinkSettingsSource source, long speed, byte duplex, byte port, byte autoneg,
                                         List<Integer> supported, List<Integer> advertised) {
        // 0 and SPEED_UNKNOWN (0xffffffff) both mean "no speed": drivers use either with the link down; the kernel
        // defines nothing above INT_MAX.
        Integer currentSpeed = speed == 0 || speed > Integer.MAX_VALUE ? null : (int) speed;
        Boolean autonegotiation = autoneg == 0 ? Boolean.FALSE : autoneg == 1 ? Boolean.TRUE : null;
        return new LinkSettings(source, currentSpeed,
                Duplex.fromKernel(Byte.toUnsignedInt(duplex)),
                PortType.fromKernel(Byte.toUnsignedInt(port)),
                autonegotiation,
                names(supported), names(advertised),
                LinkModes.maxSpeedMbps(supported));
    }

    private static List<Integer> setBits(ByteBuffer buffer, int offset, int nwords) {
        List<Integer> bits = new ArrayList<>();
        for (int word = 0; word < nwords; word++) {
            int value = buffer.getInt(offset + 4 * word);
            while (value != 0) {
                int bit = Integer.numberOfTrailingZeros(value);
                bits.add(32 * word + bit);
                value &= value - 1;
            }
        }
        return bits;
    }

    private static List<String> names(List<Integer> bits) {
        List<String> names = new ArrayList<>(bits.size());
        for (int bit : bits) {
            names.add(LinkModes.nameOf(bit));
        }
        return names;
    }

    private static void requireSize(ByteBuffer buffer, int size, String what) throws MalformedReplyException {
        if (buffer.remaining() < size) {
            throw new MalformedReplyException(what + " needs " + size + " bytes, got " + buffer.remaining());
        }
    }

    private static void requireCommand(ByteBuffer reply, int cmd) throws MalformedReplyException {
        int answered = reply.getInt(reply.position());
        if (answered != cmd) {
            throw new MalformedReplyException("expected ethtool command 0x" + Integer.toHexString(cmd)
                    + " in the reply, got 0x" + Integer.toHexString(answered));
        }
    }

    /**
     * A NUL-terminated string in a fixed-size field; the whole field if the driver filled it without a NUL. Null for
     * an empty string. Control characters are replaced so that a broken driver cannot inject line breaks into a
     * report.
     */
    private static String cString(ByteBuffer buffer, int offset, int size) {
        int start = buffer.position() + offset;
        int length = 0;
        while (length < size && buffer.get(start + length) != 0) {
            length++;
        }
        if (length == 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(start, bytes);
        char[] chars = new String(bytes, StandardCharsets.UTF_8).toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (Character.isISOControl(chars[i])) {
                chars[i] = '\uFFFD';
            }
        }
        return new String(chars);
    }
}
