package io.ra2check.nativeprobes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The probes against the kernel this test runs on. Facts are compared with what sysfs says about the same device,
 * never with values written into the test; interfaces and kernel features that are not there skip the test.
 */
class NativeNetworkProbeLiveTest {
    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private static InterfaceReport probeOne(String ifname) {
        NativeNetworkReport report = NativeNetworkProbe.probe(List.of(ifname));
        assertEquals(1, report.interfaces().size());
        return report.interfaces().get(0);
    }

    private static String sysfs(Path path) throws IOException {
        return Files.readString(path).trim();
    }

    /** The kernel version as {major, minor}, from /proc/sys/kernel/osrelease (e.g. 6.18.44-fc-v669). */
    private static int[] kernelVersion() throws IOException {
        String[] parts = sysfs(Path.of("/proc/sys/kernel/osrelease")).split("[.-]");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private static boolean kernelAtLeast(int major, int minor) throws IOException {
        int[] version = kernelVersion();
        return version[0] > major || (version[0] == major && version[1] >= minor);
    }

    @Test
    void eth0DriverAndBusAddressMatchSysfs() throws IOException {
        Path device = SYS_CLASS_NET.resolve("eth0/device");
        assumeTrue(Files.exists(device.resolve("driver")), "no eth0 backed by a device with a driver");
        String sysfsDriver = Files.readSymbolicLink(device.resolve("driver")).getFileName().toString();
        Path devicePath = device.toRealPath();
        // ethtool's bus-info is the bus device's name: virtio_net reports the PCI function under its virtio device
        String expectedBus = sysfsDriver.equals("virtio_net")
                ? devicePath.getParent().getFileName().toString()
                : devicePath.getFileName().toString();

        InterfaceReport eth0 = probeOne("eth0");

        assertEquals(Integer.valueOf(sysfs(SYS_CLASS_NET.resolve("eth0/ifindex"))), eth0.ifindex());
        assertNotNull(eth0.driverInfo(), eth0.driverInfoUnknownReason());
        assertEquals(sysfsDriver, eth0.driverInfo().driver());
        assertEquals(expectedBus, eth0.driverInfo().busInfo());
        if (sysfsDriver.equals("virtio_net")) {
            assertTrue(eth0.driverInfo().busInfo().matches("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]"),
                    "virtio-pci device: " + eth0.driverInfo().busInfo());
        }
    }

    @Test
    void eth0LinkSettingsAgreeWithSysfsSpeed() throws IOException {
        assumeTrue(Files.exists(SYS_CLASS_NET.resolve("eth0/device/driver")), "no eth0 with a driver");
        String sysfsSpeed;
        try {
            sysfsSpeed = sysfs(SYS_CLASS_NET.resolve("eth0/speed"));
        } catch (IOException linkDown) {
            sysfsSpeed = null;
        }
        InterfaceReport eth0 = probeOne("eth0");

        assertNotNull(eth0.linkSettings(), eth0.linkSettingsUnknownReason());
        LinkSettings link = eth0.linkSettings();
        assertEquals(LinkSettingsSource.GLINKSETTINGS, link.source(), "every kernel since 4.6 answers GLINKSETTINGS");
        // sysfs 'speed' is the same get_link_ksettings() answer, printed; -1 and 0 both mean unknown
        if (sysfsSpeed == null || sysfsSpeed.equals("-1") || sysfsSpeed.equals("0")) {
            assertNull(link.currentSpeedMbps());
        } else {
            assertEquals(Integer.valueOf(sysfsSpeed), link.currentSpeedMbps());
        }
        if (Files.readSymbolicLink(SYS_CLASS_NET.resolve("eth0/device/driver")).endsWith("virtio_net")) {
            // virtio_net fills in no link modes and calls its port PORT_OTHER
            assertEquals(PortType.OTHER, link.port());
            assertEquals(List.of(), link.supportedLinkModes());
            assertNull(link.maxSupportedSpeedMbps());
        }
    }

    @Test
    void eth0XdpFeaturesFromTheNetdevFamily() throws IOException {
        assumeTrue(Files.exists(SYS_CLASS_NET.resolve("eth0/device/driver")), "no eth0 with a driver");
        assumeTrue(kernelAtLeast(6, 3), "the netdev generic netlink family exists from Linux 6.3");
        NativeNetworkReport report = NativeNetworkProbe.probe(List.of("eth0"));
        assertTrue(report.netdevFamilyAvailable(), report.netdevFamilyUnavailableReason());
        InterfaceReport eth0 = report.interfaces().get(0);
        XdpFeatures xdp = eth0.xdpFeatures();
        assertNotNull(xdp, eth0.xdpFeaturesUnknownReason());
        assertEquals(XdpFeature.specNamesOf(xdp.rawMask()), xdp.features());
        assertEquals(xdp.features().contains("xsk-zerocopy"), xdp.zcMaxSegs() != null,
                "the kernel sends xdp-zc-max-segs exactly for zero-copy devices");

        String driver = Files.readSymbolicLink(SYS_CLASS_NET.resolve("eth0/device/driver")).getFileName().toString();
        if (driver.equals("virtio_net")) {
            assertTrue(xdp.features().contains("basic"), "virtio_net has native XDP: " + xdp.features());
            // 37e0ca657a3d "virtio_net: xdp_features add NETDEV_XDP_ACT_XSK_ZEROCOPY", Linux 6.13
            assertEquals(kernelAtLeast(6, 13), xdp.features().contains("xsk-zerocopy"), xdp.features().toString());
        }
    }

    @Test
    void loopbackHasNoDriverInfoNoLinkSettingsAndNoNativeXdp() throws IOException {
        assumeTrue(Files.exists(SYS_CLASS_NET.resolve("lo")), "no lo in this network namespace");
        InterfaceReport lo = probeOne("lo");
        assertEquals(Integer.valueOf(sysfs(SYS_CLASS_NET.resolve("lo/ifindex"))), lo.ifindex());
        // the loopback driver has neither get_drvinfo nor a parent device, nor get_link_ksettings
        assertNull(lo.driverInfo());
        assertEquals("EOPNOTSUPP (operation not supported by interface lo)", lo.driverInfoUnknownReason());
        assertNull(lo.linkSettings());
        assertEquals("EOPNOTSUPP (operation not supported by interface lo)", lo.linkSettingsUnknownReason());
        if (kernelAtLeast(6, 3)) {
            assertNotNull(lo.xdpFeatures(), lo.xdpFeaturesUnknownReason());
            assertEquals(0L, lo.xdpFeatures().rawMask());
        }
    }

    @Test
    void interfaceThatDoesNotExistIsEnodevEverywhere() throws IOException {
        String missing = "ra2nx" + ProcessHandle.current().pid() % 100000;
        assumeTrue(!Files.exists(SYS_CLASS_NET.resolve(missing)));
        InterfaceReport report = probeOne(missing);
        assertNull(report.ifindex());
        assertEquals("ENODEV (no such device)", report.driverInfoUnknownReason());
        assertEquals("ENODEV (no such device)", report.linkSettingsUnknownReason());
        assertEquals("ENODEV (no such device)", report.xdpFeaturesUnknownReason());
    }

    @Test
    void invalidNamesAreReportedNotSentToTheKernel() {
        InterfaceReport report = probeOne("../eth0");
        assertEquals("invalid interface name: contains '/'", report.driverInfoUnknownReason());
        assertNull(report.ifindex());
    }

    @Test
    void everyInterfaceOfThisNamespaceInOnePassInTheOrderAsked() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(SYS_CLASS_NET)) {
            entries.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        }
        assumeTrue(!names.isEmpty());
        List<String> asked = new ArrayList<>(names);
        asked.add(names.get(0));
        NativeNetworkReport report = NativeNetworkProbe.probe(asked);

        assertEquals(asked.size(), report.interfaces().size());
        for (int i = 0; i < asked.size(); i++) {
            InterfaceReport nic = report.interfaces().get(i);
            assertEquals(asked.get(i), nic.ifname());
            assertEquals(Integer.valueOf(sysfs(SYS_CLASS_NET.resolve(nic.ifname()).resolve("ifindex"))),
                    nic.ifindex());
        }
        assertTrue(report.durationMicros() > 0);
    }

    @Test
    void noInterfacesStillAnswersTheFamilyQuestion() throws IOException {
        NativeNetworkReport report = NativeNetworkProbe.probe(List.of());
        assertEquals(List.of(), report.interfaces());
        if (kernelAtLeast(6, 3)) {
            assertTrue(report.netdevFamilyAvailable(), report.netdevFamilyUnavailableReason());
        }
    }
}
