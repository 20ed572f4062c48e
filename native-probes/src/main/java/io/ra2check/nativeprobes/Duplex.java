package io.ra2check.nativeprobes;

/** The duplex of the current link ({@code DUPLEX_*} in include/uapi/linux/ethtool.h). */
public enum Duplex {
    HALF,
    FULL,
    /** DUPLEX_UNKNOWN (link down, or a device without the notion), or a value the kernel does not define. */
    UNKNOWN;

    static Duplex fromKernel(int value) {
        switch (value) {
            case 0x00: return HALF;
            case 0x01: return FULL;
            default: return UNKNOWN;
        }
    }
}
