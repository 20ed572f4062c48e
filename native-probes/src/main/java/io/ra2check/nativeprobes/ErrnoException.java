package io.ra2check.nativeprobes;

/** A system call or a netlink request that the kernel refused with an errno. */
final class ErrnoException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;

    ErrnoException(String operation, int errno) {
        super(operation + ": " + Errno.describe(errno));
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
