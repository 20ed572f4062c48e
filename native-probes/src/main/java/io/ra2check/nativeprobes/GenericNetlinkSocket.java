package io.ra2check.nativeprobes;

import com.sun.jna.Memory;

/**
 * A NETLINK_GENERIC socket: sends a request, receives datagrams. Each receive waits at most {@link #TIMEOUT_MILLIS}
 * so that a kernel that never answers cannot hang the probe. Not thread-safe: one probe pass owns one socket.
 */
final class GenericNetlinkSocket implements AutoCloseable {
    /**
     * The kernel sizes dump datagrams up to 32 KiB after the first receive (net/netlink/af_netlink.c); twice that
     * leaves room on 64 KiB-page machines.
     */
    static final int RECEIVE_BUFFER_SIZE = 64 * 1024;
    static final int TIMEOUT_MILLIS = 2_000;
    private static final int POLLFD_SIZE = 8;
    private static final int MAX_INTERRUPTED_RETRIES = 8;

    private final int fd;
    private final Memory receiveBuffer = new Memory(RECEIVE_BUFFER_SIZE);
    private final Memory pollfd = new Memory(POLLFD_SIZE);

    private GenericNetlinkSocket(int fd) {
        this.fd = fd;
    }

    static GenericNetlinkSocket open() throws ErrnoException {
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_GENERIC);
        if (fd < 0) {
            throw new ErrnoException("socket(AF_NETLINK, NETLINK_GENERIC)", LibC.errno());
        }
        return new GenericNetlinkSocket(fd);
    }

    /** Sends one request to the kernel (port id 0, the default destination of an unconnected netlink socket). */
    void send(byte[] request) throws ErrnoException {
        long sent = LibC.send(fd, request, request.length, 0);
        if (sent < 0) {
            throw new ErrnoException("netlink send", LibC.errno());
        }
        if (sent != request.length) {
            throw new ErrnoException("netlink send (short write)", Errno.EMSGSIZE);
        }
    }

    /** The next datagram, waiting at most {@link #TIMEOUT_MILLIS}. */
    byte[] receive() throws ErrnoException, MalformedReplyException {
        waitReadable();
        for (int attempt = 0; ; attempt++) {
            // MSG_TRUNC makes recv return the datagram's real length, so a datagram cut short by the buffer shows
            long length = LibC.recv(fd, receiveBuffer, RECEIVE_BUFFER_SIZE, LibC.MSG_TRUNC | LibC.MSG_DONTWAIT);
            if (length < 0) {
                int errno = LibC.errno();
                if (errno == Errno.EINTR && attempt < MAX_INTERRUPTED_RETRIES) {
                    continue;
                }
                throw new ErrnoException("netlink recv", errno);
            }
            if (length > RECEIVE_BUFFER_SIZE) {
                throw new MalformedReplyException("netlink datagram of " + length + " bytes does not fit the "
                        + RECEIVE_BUFFER_SIZE + "-byte receive buffer");
            }
            return receiveBuffer.getByteArray(0, (int) length);
        }
    }

    private void waitReadable() throws ErrnoException {
        for (int attempt = 0; ; attempt++) {
            pollfd.setInt(0, fd);
            pollfd.setShort(4, LibC.POLLIN);
            pollfd.setShort(6, (short) 0);
            int ready = LibC.poll(pollfd, 1, TIMEOUT_MILLIS);
            if (ready > 0) {
                return;
            }
            if (ready == 0) {
                throw new ErrnoException("waiting " + TIMEOUT_MILLIS + " ms for the netlink reply", Errno.ETIMEDOUT);
            }
            int errno = LibC.errno();
            if (errno != Errno.EINTR || attempt >= MAX_INTERRUPTED_RETRIES) {
                throw new ErrnoException("poll on the netlink socket", errno);
            }
        }
    }

    @Override
    public void close() {
        LibC.close(fd);
        receiveBuffer.close();
        pollfd.close();
    }
}
