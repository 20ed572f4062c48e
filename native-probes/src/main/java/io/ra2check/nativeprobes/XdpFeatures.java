package io.ra2check.nativeprobes;

import java.util.List;

/**
 * A device's entry in the generic netlink {@code netdev} family's device dump (Linux 6.3+).
 *
 * @param features  spec names ({@link XdpFeature#specName()}) of the known bits set in {@code rawMask}, in bit order,
 *                  e.g. {@code [basic, redirect, ndo-xmit, xsk-zerocopy]}
 * @param rawMask   the {@code xdp-features} attribute as the kernel sent it, including bits newer than this module
 * @param zcMaxSegs the {@code xdp-zc-max-segs} attribute: how many buffers one zero-copy AF_XDP frame may span; the
 *                  kernel sends it only for devices with {@code xsk-zerocopy}, so it is null otherwise
 */
public record XdpFeatures(List<String> features, long rawMask, Integer zcMaxSegs) {
    public XdpFeatures {
        features = List.copyOf(features);
    }
}
