package io.ra2check.nativeprobes;

import java.util.Objects;

/**
 * What the native probes found about one network interface. Each of the three facts is either known (the value is
 * set and its reason null) or unknown (the value is null and the reason says why, e.g.
 * {@code EOPNOTSUPP (operation not supported by driver virtio_net)}); the constructor enforces exactly one of the
 * two.
 *
 * @param ifname                    the interface name asked for
 * @param ifindex                   the kernel's interface index, or null when the interface could not be found
 * @param driverInfo                from ETHTOOL_GDRVINFO
 * @param driverInfoUnknownReason   why driverInfo is null
 * @param linkSettings              from ETHTOOL_GLINKSETTINGS or ETHTOOL_GSET
 * @param linkSettingsUnknownReason why linkSettings is null
 * @param xdpFeatures               from the netdev generic netlink family
 * @param xdpFeaturesUnknownReason  why xdpFeatures is null
 */
public record InterfaceReport(
        String ifname,
        Integer ifindex,
        DriverInfo driverInfo,
        String driverInfoUnknownReason,
        LinkSettings linkSettings,
        String linkSettingsUnknownReason,
        XdpFeatures xdpFeatures,
        String xdpFeaturesUnknownReason) {

    public InterfaceReport {
        Objects.requireNonNull(ifname, "ifname");
        requireValueOrReason("driverInfo", driverInfo, driverInfoUnknownReason);
        requireValueOrReason("linkSettings", linkSettings, linkSettingsUnknownReason);
        requireValueOrReason("xdpFeatures", xdpFeatures, xdpFeaturesUnknownReason);
    }

    private static void requireValueOrReason(String fact, Object value, String unknownReason) {
        if ((value == null) == (unknownReason == null)) {
            throw new IllegalArgumentException(fact + ": exactly one of the value and the unknown reason must be set");
        }
    }
}
