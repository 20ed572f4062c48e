package io.ra2check.nativeprobes;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls the probes make. The symbols are looked up in the running process, which has libc loaded
 * already whatever its file name (glibc or musl), so no library search happens.
 *
 * <p>The calls go through {@link Function#invoke}, not JNA direct mapping ({@code Native.register}): registering
 * costs about 20 ms on a cold JVM (reflection over the class, FFI type tables), looking up six functions about 3 ms;
 * the extra microseconds per call that the generic path costs are nothing next to a probe pass of ~20 calls.
 * {@code ioctl} is variadic in C; on the 64-bit Linux ABIs this module supports, a variadic callee receiving only
 * integer and pointer arguments is called exactly like a fixed-argument one.
 *
 * <p>Loading this class loads JNA's native part; if that fails (no writable, executable temp directory to unpack
 * libjnidispatch into, unsupported platform) the class initialisation throws a {@link LinkageError}, which
 * {@link NativeNetworkProbe} turns into the reason of every fact.
 */
final class LibC {
    static final int AF_INET = 2;
    static final int AF_NETLINK = 16;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_GENERIC = 16;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final short POLLIN = 0x1;

    private static final NativeLibrary PROCESS = NativeLibrary.getProcess();
    private static final Function SOCKET = PROCESS.getFunction("socket");
    private static final Function CLOSE = PROCESS.getFunction("close");
    private static final Function IOCTL = PROCESS.getFunction("ioctl");
    private static final Function SEND = PROCESS.getFunction("send");
    private static final Function RECV = PROCESS.getFunction("recv");
    private static final Function POLL = PROCESS.getFunction("poll");

    private LibC() {
    }

    /** Forces the class initialisation, so that a JNA load failure surfaces at one known place. */
    static void load() {
        // the static initialiser does the work
    }

    /** errno of the last failed call on this thread; JNA saves it right after every native call. */
    static int errno() {
        return Native.getLastError();
    }

    static int socket(int domain, int type, int protocol) {
        return SOCKET.invokeInt(new Object[] {domain, type, protocol});
    }

    static int close(int fd) {
        return CLOSE.invokeInt(new Object[] {fd});
    }

    /** {@code unsigned long request} is a C long: NativeLong keeps it the platform's width. */
    static int ioctl(int fd, long request, Pointer argument) {
        return IOCTL.invokeInt(new Object[] {fd, new NativeLong(request), argument});
    }

    /** Returns the ssize_t result: bytes sent, or -1. */
    static long send(int fd, byte[] buffer, int length, int flags) {
        return ((NativeLong) SEND.invoke(NativeLong.class,
                new Object[] {fd, buffer, new NativeLong(length), flags})).longValue();
    }

    /** Returns the ssize_t result: the datagram's length (with MSG_TRUNC, even beyond {@code length}), or -1. */
    static long recv(int fd, Pointer buffer, int length, int flags) {
        return ((NativeLong) RECV.invoke(NativeLong.class,
                new Object[] {fd, buffer, new NativeLong(length), flags})).longValue();
    }

    static int poll(Pointer fds, int nfds, int timeoutMillis) {
        return POLL.invokeInt(new Object[] {fds, new NativeLong(nfds), timeoutMillis});
    }
}
