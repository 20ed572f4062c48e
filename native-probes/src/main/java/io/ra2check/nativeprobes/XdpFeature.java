package io.ra2check.nativeprobes;

import java.util.ArrayList;
import java.util.List;

/**
 * The bits of the netdev family's {@code xdp-features} attribute ({@code enum netdev_xdp_act},
 * include/uapi/linux/netdev.h, generated from Documentation/netlink/specs/netdev.yaml), with the names the spec gives
 * them. {@link #XSK_ZEROCOPY} is the one ra2.ch.019 asks about.
 */
public enum XdpFeature {
    /** XDP_ABORTED, XDP_DROP, XDP_PASS and XDP_TX: what every XDP-capable driver supports. */
    BASIC("basic", 1L),
    /** XDP_REDIRECT. */
    REDIRECT("redirect", 1L << 1),
    /** The driver implements ndo_xdp_xmit, so frames can be redirected to it. */
    NDO_XMIT("ndo-xmit", 1L << 2),
    /** AF_XDP sockets can bind to the device in zero-copy mode. */
    XSK_ZEROCOPY("xsk-zerocopy", 1L << 3),
    /** XDP programs can be offloaded to the NIC. */
    HW_OFFLOAD("hw-offload", 1L << 4),
    /** Multi-buffer (non-linear) XDP frames on receive. */
    RX_SG("rx-sg", 1L << 5),
    /** Multi-buffer (non-linear) XDP frames through ndo_xdp_xmit. */
    NDO_XMIT_SG("ndo-xmit-sg", 1L << 6);

    private final String specName;
    private final long mask;

    XdpFeature(String specName, long mask) {
        this.specName = specName;
        this.mask = mask;
    }

    /** The name in the netdev netlink spec and in {@code ynl}/{@code ip} output, e.g. {@code xsk-zerocopy}. */
    public String specName() {
        return specName;
    }

    /** The bit's value in the {@code xdp-features} mask. */
    public long mask() {
        return mask;
    }

    /** The spec names of the known bits set in {@code mask}, in bit order; unknown bits are left out. */
    public static List<String> specNamesOf(long mask) {
        List<String> names = new ArrayList<>();
        for (XdpFeature feature : values()) {
            if ((mask & feature.mask) != 0) {
                names.add(feature.specName);
            }
        }
        return List.copyOf(names);
    }
}
