package io.ra2check.nativeprobes;

import com.sun.jna.Memory;

/**
 * An AF_INET datagram socket used only as a handle for the interface ioctls (SIOCGIFINDEX, SIOCETHTOOL); nothing is
 * sent on it. The calls return the raw bytes the kernel wrote; {@link EthtoolCodec} decodes them. Not thread-safe:
 * one probe pass owns one socket.
 */
final class EthtoolSocket implements AutoCloseable {
    /** Room for the largest command: GLINKSETTINGS with three bitmaps of the most words an __s8 can ask for. */
    private static final int MAX_COMMAND_SIZE =
            EthtoolCodec.LINK_SETTINGS_BASE_SIZE + 3 * 4 * EthtoolCodec.MAX_LINK_MODE_WORDS;

    private final int fd;
    private final Memory ifreq = new Memory(EthtoolCodec.IFREQ_SIZE);
    private final Memory command = new Memory(MAX_COMMAND_SIZE);

    private EthtoolSocket(int fd) {
        this.fd = fd;
    }

    static EthtoolSocket open() throws ErrnoException {
        int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new ErrnoException("socket(AF_INET, SOCK_DGRAM)", LibC.errno());
        }
        return new EthtoolSocket(fd);
    }

    /** SIOCGIFINDEX: the struct ifreq as the kernel filled it. */
    byte[] interfaceIndexRequest(String ifname) throws ErrnoException {
        byte[] request = EthtoolCodec.ifreq(ifname);
        ifreq.write(0, request, 0, request.length);
        if (LibC.ioctl(fd, EthtoolCodec.SIOCGIFINDEX, ifreq) < 0) {
            throw new ErrnoException("SIOCGIFINDEX", LibC.errno());
        }
        return ifreq.getByteArray(0, EthtoolCodec.IFREQ_SIZE);
    }

    /**
     * SIOCETHTOOL with {@code request} as the ethtool command buffer: the buffer as the kernel left it, same length.
     * {@code operation} names the command in the exception.
     */
    byte[] ethtool(String ifname, byte[] request, String operation) throws ErrnoException {
        if (request.length > MAX_COMMAND_SIZE) {
            throw new IllegalArgumentException("ethtool command of " + request.length + " bytes");
        }
        byte[] ifreqBytes = EthtoolCodec.ifreq(ifname);
        ifreq.write(0, ifreqBytes, 0, ifreqBytes.length);
        ifreq.setPointer(EthtoolCodec.IFREQ_UNION_OFFSET, command);
        command.write(0, request, 0, request.length);
        if (LibC.ioctl(fd, EthtoolCodec.SIOCETHTOOL, ifreq) < 0) {
            throw new ErrnoException(operation, LibC.errno());
        }
        return command.getByteArray(0, request.length);
    }

    @Override
    public void close() {
        LibC.close(fd);
        ifreq.close();
        command.close();
    }
}
