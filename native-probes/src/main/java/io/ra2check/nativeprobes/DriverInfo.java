package io.ra2check.nativeprobes;

import java.util.Objects;

/**
 * What {@code ETHTOOL_GDRVINFO} reports for a network interface. The kernel allows every field but the driver name to
 * be an empty string; an empty string is kept as null here so that "not reported" reads the same everywhere.
 *
 * @param driver          driver name, e.g. {@code ice}, {@code mlx5_core}, {@code virtio_net}
 * @param version         driver version string (in-tree drivers now mostly report the kernel release), or null
 * @param firmwareVersion firmware version as the driver formats it, or null
 * @param busInfo         bus address of the device, for PCI devices the PCI address {@code 0000:00:03.0}, or null
 */
public record DriverInfo(String driver, String version, String firmwareVersion, String busInfo) {
    public DriverInfo {
        Objects.requireNonNull(driver, "driver");
    }
}
