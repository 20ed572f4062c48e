package io.ra2check.nativeprobes;

import java.util.List;
import java.util.Objects;

/**
 * Link settings from {@code ETHTOOL_GLINKSETTINGS} (or {@code ETHTOOL_GSET} on kernels without it).
 *
 * @param source                which call answered
 * @param currentSpeedMbps      the current (negotiated or forced) speed in Mb/s; null when the kernel reports
 *                              SPEED_UNKNOWN (-1) or 0, which is what drivers report with the link down
 * @param duplex                current duplex
 * @param port                  connector type
 * @param autonegotiation       whether autonegotiation is enabled; null for a value the kernel does not define
 * @param supportedLinkModes    names ({@link LinkModes}) of every bit set in the "supported" bitmap, in bit order:
 *                              speed modes such as {@code 25000baseSR/Full} and also the non-speed bits
 *                              ({@code Autoneg}, {@code FIBRE}, {@code Pause}, FEC modes {@code RS}, ...)
 * @param advertisedLinkModes   the same for the "advertising" bitmap
 * @param maxSupportedSpeedMbps the highest speed among the supported link modes: what the port can do whatever it
 *                              negotiated; null when no supported mode is a speed (virtual devices report none)
 */
public record LinkSettings(
        LinkSettingsSource source,
        Integer currentSpeedMbps,
        Duplex duplex,
        PortType port,
        Boolean autonegotiation,
        List<String> supportedLinkModes,
        List<String> advertisedLinkModes,
        Integer maxSupportedSpeedMbps) {

    public LinkSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(duplex, "duplex");
        Objects.requireNonNull(port, "port");
        supportedLinkModes = List.copyOf(supportedLinkModes);
        advertisedLinkModes = List.copyOf(advertisedLinkModes);
    }
}
