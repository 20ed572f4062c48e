package io.ra2check.nativeprobes;

/**
 * Linux errno numbers to their symbolic names and a short explanation, for the reasons of unknown facts. The numbers
 * are the asm-generic ones used by x86-64, arm64, riscv64, s390x and ppc64le (not alpha, mips, parisc, sparc).
 */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int ENOTTY = 25;
    static final int ENOSYS = 38;
    static final int ENODATA = 61;
    static final int EMSGSIZE = 90;
    static final int EPROTONOSUPPORT = 93;
    static final int EOPNOTSUPP = 95;
    static final int EAFNOSUPPORT = 97;
    static final int ENETDOWN = 100;
    static final int ENOBUFS = 105;
    static final int ETIMEDOUT = 110;

    private Errno() {
    }

    /** {@code NAME (explanation)}, or {@code errno N} for a number not listed here. */
    static String describe(int errno) {
        String name = name(errno);
        String text = explanation(errno);
        if (name == null) {
            return "errno " + errno;
        }
        return text == null ? name : name + " (" + text + ")";
    }

    /** Like {@link #describe(int)}, but EOPNOTSUPP names the driver that does not implement the operation. */
    static String describeForDriver(int errno, String driverOrInterface) {
        if (errno == EOPNOTSUPP) {
            return "EOPNOTSUPP (operation not supported by " + driverOrInterface + ")";
        }
        return describe(errno);
    }

    static String name(int errno) {
        switch (errno) {
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case EINTR: return "EINTR";
            case EIO: return "EIO";
            case ENXIO: return "ENXIO";
            case EBADF: return "EBADF";
            case EAGAIN: return "EAGAIN";
            case ENOMEM: return "ENOMEM";
            case EACCES: return "EACCES";
            case EFAULT: return "EFAULT";
            case EBUSY: return "EBUSY";
            case ENODEV: return "ENODEV";
            case EINVAL: return "EINVAL";
            case ENFILE: return "ENFILE";
            case EMFILE: return "EMFILE";
            case ENOTTY: return "ENOTTY";
            case ENOSYS: return "ENOSYS";
            case ENODATA: return "ENODATA";
            case EMSGSIZE: return "EMSGSIZE";
            case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
            case EOPNOTSUPP: return "EOPNOTSUPP";
            case EAFNOSUPPORT: return "EAFNOSUPPORT";
            case ENETDOWN: return "ENETDOWN";
            case ENOBUFS: return "ENOBUFS";
            case ETIMEDOUT: return "ETIMEDOUT";
            default: return null;
        }
    }

    private static String explanation(int errno) {
        switch (errno) {
            case EPERM: return "operation not permitted";
            case ENOENT: return "no such entry";
            case EINTR: return "interrupted";
            case EIO: return "I/O error in the driver";
            case ENXIO: return "no such device or address";
            case EBADF: return "bad file descriptor";
            case EAGAIN: return "try again";
            case ENOMEM: return "out of memory";
            case EACCES: return "permission denied";
            case EFAULT: return "bad address";
            case EBUSY: return "device busy";
            case ENODEV: return "no such device";
            case EINVAL: return "invalid argument";
            case ENFILE: return "too many open files in the system";
            case EMFILE: return "too many open files";
            case ENOTTY: return "inappropriate ioctl for device";
            case ENOSYS: return "system call not implemented";
            case ENODATA: return "no data available";
            case EMSGSIZE: return "message too long";
            case EPROTONOSUPPORT: return "protocol not supported";
            case EOPNOTSUPP: return "operation not supported";
            case EAFNOSUPPORT: return "address family not supported";
            case ENETDOWN: return "network is down";
            case ENOBUFS: return "no buffer space available";
            case ETIMEDOUT: return "timed out";
            default: return null;
        }
    }
}
