package io.ra2check.nativeprobes;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generic netlink requests and replies for finding the {@code netdev} family through {@code nlctrl} and dumping its
 * devices (include/uapi/linux/genetlink.h, include/uapi/linux/netdev.h,
 * Documentation/netlink/specs/netdev.yaml).
 */
final class NetdevCodec {
    static final int GENL_ID_CTRL = Netlink.NLMSG_MIN_TYPE;
    static final int GENL_HEADER_SIZE = 4;
    static final int CTRL_CMD_GETFAMILY = 3;
    static final int CTRL_ATTR_FAMILY_ID = 1;
    static final int CTRL_ATTR_FAMILY_NAME = 2;

    static final String NETDEV_FAMILY_NAME = "netdev";
    static final int NETDEV_FAMILY_VERSION = 1;
    static final int NETDEV_CMD_DEV_GET = 1;
    static final int NETDEV_A_DEV_IFINDEX = 1;
    static final int NETDEV_A_DEV_XDP_FEATURES = 3;
    static final int NETDEV_A_DEV_XDP_ZC_MAX_SEGS = 4;

    private NetdevCodec() {
    }

    /** CTRL_CMD_GETFAMILY for one family name. */
    static byte[] getFamilyRequest(String familyName, int seq, ByteOrder order) {
        byte[] name = Netlink.attribute(CTRL_ATTR_FAMILY_NAME, Netlink.cString(familyName), order);
        return Netlink.message(GENL_ID_CTRL, Netlink.NLM_F_REQUEST, seq, genl(CTRL_CMD_GETFAMILY, 1, name), order);
    }

    /** NETDEV_CMD_DEV_GET as a dump: one message per device of the socket's network namespace. */
    static byte[] deviceDumpRequest(int familyId, int seq, ByteOrder order) {
        return Netlink.message(familyId, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq,
                genl(NETDEV_CMD_DEV_GET, NETDEV_FAMILY_VERSION, new byte[0]), order);
    }

    /** The family id from the nlctrl reply, after checking that the reply is about the family asked for. */
    static int decodeFamilyId(List<Netlink.Message> reply, String familyName, ByteOrder order)
            throws MalformedReplyException {
        for (Netlink.Message message : reply) {
            if (message.type() != GENL_ID_CTRL) {
                continue;
            }
            Integer id = null;
            String name = null;
            for (Netlink.Attribute attribute : genlAttributes(message, order)) {
                if (attribute.type() == CTRL_ATTR_FAMILY_ID) {
                    id = Netlink.u16(attribute, order);
                } else if (attribute.type() == CTRL_ATTR_FAMILY_NAME) {
                    name = Netlink.string(attribute);
                }
            }
            if (id == null) {
                throw new MalformedReplyException("nlctrl reply without CTRL_ATTR_FAMILY_ID");
            }
            if (!familyName.equals(name)) {
                throw new MalformedReplyException("nlctrl answered for family '" + name + "', asked for '"
                        + familyName + "'");
            }
            if (id < Netlink.NLMSG_MIN_TYPE) {
                throw new MalformedReplyException("nlctrl gave family id " + id + ", a reserved message type");
            }
            return id;
        }
        throw new MalformedReplyException("nlctrl reply has no CTRL_CMD_NEWFAMILY message");
    }

    /** The XDP features of every device in a NETDEV_CMD_DEV_GET dump, by ifindex. */
    static Map<Integer, XdpFeatures> decodeDeviceDump(List<Netlink.Message> reply, int familyId, ByteOrder order)
            throws MalformedReplyException {
        Map<Integer, XdpFeatures> byIfindex = new LinkedHashMap<>();
        for (Netlink.Message message : reply) {
            if (message.type() != familyId) {
                continue;
            }
            Long ifindex = null;
            Long xdpFeatures = null;
            Long zcMaxSegs = null;
            for (Netlink.Attribute attribute : genlAttributes(message, order)) {
                switch (attribute.type()) {
                    case NETDEV_A_DEV_IFINDEX:
                        ifindex = Netlink.u32(attribute, order);
                        break;
                    case NETDEV_A_DEV_XDP_FEATURES:
                        xdpFeatures = Netlink.u64(attribute, order);
                        break;
                    case NETDEV_A_DEV_XDP_ZC_MAX_SEGS:
                        zcMaxSegs = Netlink.u32(attribute, order);
                        break;
                    default:
                        // pad, xdp-rx-metadata-features, xsk-features and attributes of newer kernels
                        break;
                }
            }
            if (ifindex == null || ifindex < 1 || ifindex > Integer.MAX_VALUE) {
                throw new MalformedReplyException("netdev device without a valid ifindex: " + ifindex);
            }
            if (xdpFeatures == null) {
                throw new MalformedReplyException("netdev device " + ifindex + " without xdp-features");
            }
            if (zcMaxSegs != null && zcMaxSegs > Integer.MAX_VALUE) {
                throw new MalformedReplyException("netdev device " + ifindex + " with xdp-zc-max-segs " + zcMaxSegs);
            }
            XdpFeatures features = new XdpFeatures(XdpFeature.specNamesOf(xdpFeatures), xdpFeatures,
                    zcMaxSegs == null ? null : zcMaxSegs.intValue());
            if (byIfindex.put(ifindex.intValue(), features) != null) {
                throw new MalformedReplyException("netdev device " + ifindex + " appears twice in the dump");
            }
        }
        return byIfindex;
    }

    private static byte[] genl(int cmd, int version, byte[] attributes) {
        byte[] payload = new byte[GENL_HEADER_SIZE + attributes.length];
        payload[0] = (byte) cmd;
        payload[1] = (byte) version;
        System.arraycopy(attributes, 0, payload, GENL_HEADER_SIZE, attributes.length);
        return payload;
    }

    private static List<Netlink.Attribute> genlAttributes(Netlink.Message message, ByteOrder order)
            throws MalformedReplyException {
        if (message.payload().length < GENL_HEADER_SIZE) {
            throw new MalformedReplyException("generic netlink message of type " + message.type() + " with a "
                    + message.payload().length + "-byte payload, shorter than its genlmsghdr");
        }
        return Netlink.parseAttributes(message.payload(), GENL_HEADER_SIZE, order);
    }
}
