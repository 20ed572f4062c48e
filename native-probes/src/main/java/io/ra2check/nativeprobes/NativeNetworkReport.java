package io.ra2check.nativeprobes;

import java.util.List;

/**
 * The result of one {@link NativeNetworkProbe#probe} pass.
 *
 * @param interfaces                    one entry per interface name asked for, in the order asked
 * @param netdevFamilyAvailable         whether the generic netlink {@code netdev} family answered (Linux 6.3+); when
 *                                      false, no interface has XDP features and a check falls back to a driver
 *                                      allowlist
 * @param netdevFamilyUnavailableReason why the family did not answer, e.g.
 *                                      {@code netdev generic netlink family not available (kernel < 6.3)}; null when
 *                                      it did
 * @param durationMicros                wall time of the whole pass in microseconds, including loading the native
 *                                      library on the first pass in a JVM
 */
public record NativeNetworkReport(
        List<InterfaceReport> interfaces,
        boolean netdevFamilyAvailable,
        String netdevFamilyUnavailableReason,
        long durationMicros) {

    public NativeNetworkReport {
        interfaces = List.copyOf(interfaces);
        if (netdevFamilyAvailable == (netdevFamilyUnavailableReason != null)) {
            throw new IllegalArgumentException("netdevFamilyUnavailableReason must be set exactly when the family is unavailable");
        }
    }
}
