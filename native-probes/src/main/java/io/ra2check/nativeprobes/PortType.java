package io.ra2check.nativeprobes;

/** The physical connector of a port ({@code PORT_*} in include/uapi/linux/ethtool.h). */
public enum PortType {
    /** Twisted pair (RJ45). */
    TP,
    AUI,
    MII,
    /** Optical fibre, e.g. an SFP with an optical module. */
    FIBRE,
    BNC,
    /** Direct-attach copper cable. */
    DA,
    /** No physical connector (PORT_NONE). */
    NONE,
    /** PORT_OTHER: virtual and paravirtual devices report this. */
    OTHER,
    /** A value the kernel headers this module was written against do not define. */
    UNKNOWN;

    static PortType fromKernel(int value) {
        switch (value) {
            case 0x00: return TP;
            case 0x01: return AUI;
            case 0x02: return MII;
            case 0x03: return FIBRE;
            case 0x04: return BNC;
            case 0x05: return DA;
            case 0xef: return NONE;
            case 0xff: return OTHER;
            default: return UNKNOWN;
        }
    }
}
