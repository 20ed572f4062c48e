package io.ra2check.nativeprobes;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls the probes make, bound with JNA direct mapping (cheaper per call than interface mapping, and
 * no proxy classes to generate on the cold path). The symbols are looked up in the running process, which has libc
 * loaded already whatever its file name (glibc or musl), so no library search happens.
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

    static {
        Native.register(LibC.class, NativeLibrary.getProcess());
    }

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

    static native int socket(int domain, int type, int protocol);

    static native int close(int fd);

    static native int ioctl(int fd, NativeLong request, Pointer argument);

    static native NativeLong send(int fd, byte[] buffer, NativeLong length, int flags);

    static native NativeLong recv(int fd, Pointer buffer, NativeLong length, int flags);

    static native int poll(Pointer fds, NativeLong nfds, int timeoutMillis);
}
