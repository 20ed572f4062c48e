package io.ra2check.nativeprobes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the reply to one netlink request from the datagrams the socket receives, and says when it is complete.
 * A dump ends at NLMSG_DONE; its data messages need not carry NLM_F_MULTI (generic netlink families using
 * genl_info_dump(), such as netdev, send them with no flags). A plain request ends at its one data message. Either
 * ends early at NLMSG_ERROR. Messages carrying another sequence number are not part of this reply and are skipped.
 */
final class NetlinkReply {
    /** More data messages than any real dump of this host's devices; a reply past it is treated as hostile. */
    static final int MAX_MESSAGES = 65_536;

    private final int seq;
    private final boolean dump;
    private final ByteOrder order;
    private final List<Netlink.Message> messages = new ArrayList<>();
    private boolean complete;
    private int errno;
    private boolean interrupted;

    /**
     * @param seq  the sequence number of the request
     * @param dump whether the request had NLM_F_DUMP, so that the reply runs until NLMSG_DONE
     */
    NetlinkReply(int seq, boolean dump, ByteOrder order) {
        this.seq = seq;
        this.dump = dump;
        this.order = order;
    }

    /** Adds one received datagram. Returns true once the reply is complete; further datagrams are then refused. */
    boolean add(ByteBuffer datagram) throws MalformedReplyException {
        if (complete) {
            throw new MalformedReplyException("datagram received after the reply was complete");
        }
        for (Netlink.Message message : Netlink.parseDatagram(datagram)) {
            if (message.seq() != seq) {
                continue;
            }
            if ((message.flags() & Netlink.NLM_F_DUMP_INTR) != 0) {
                interrupted = true;
            }
            switch (message.type()) {
                case Netlink.NLMSG_ERROR:
                    errno = statusErrno(message, "NLMSG_ERROR");
                    complete = true;
                    return true;
                case Netlink.NLMSG_DONE:
                    errno = statusErrno(message, "NLMSG_DONE");
                    complete = true;
                    return true;
                case Netlink.NLMSG_OVERRUN:
                    throw new MalformedReplyException("NLMSG_OVERRUN: the kernel dropped part of the reply");
                default:
                    if (message.type() < Netlink.NLMSG_MIN_TYPE) {
                        // NLMSG_NOOP and reserved control types carry nothing for us
                        continue;
                    }
                    if (messages.size() >= MAX_MESSAGES) {
                        throw new MalformedReplyException("reply has more than " + MAX_MESSAGES + " messages");
                    }
                    messages.add(message);
                    if (!dump && (message.flags() & Netlink.NLM_F_MULTI) == 0) {
                        complete = true;
                        return true;
                    }
            }
        }
        return false;
    }

    boolean complete() {
        return complete;
    }

    /** 0, or the errno of the NLMSG_ERROR or NLMSG_DONE that ended the reply. */
    int errno() {
        return errno;
    }

    /** NLM_F_DUMP_INTR was set: the device list changed during the dump, which may be inconsistent; dump again. */
    boolean interrupted() {
        return interrupted;
    }

    /** The data messages (not NLMSG_ERROR/DONE/NOOP) of the reply, in the order received. */
    List<Netlink.Message> messages() {
        return List.copyOf(messages);
    }

    /**
     * NLMSG_ERROR and NLMSG_DONE start with an int: 0 for success, a negative errno for an error. Anything after it
     * (the echoed request, extended-ack attributes) is not needed.
     */
    private int statusErrno(Netlink.Message message, String kind) throws MalformedReplyException {
        byte[] payload = message.payload();
        if (payload.length < 4) {
            throw new MalformedReplyException(kind + " with a " + payload.length + "-byte payload, no status");
        }
        int status = ByteBuffer.wrap(payload).order(order).getInt(0);
        if (status > 0 || status == Integer.MIN_VALUE) {
            throw new MalformedReplyException(kind + " with status " + status + ", not 0 or a negative errno");
        }
        return -status;
    }
}
