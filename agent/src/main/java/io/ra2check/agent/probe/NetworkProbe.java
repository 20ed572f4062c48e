package io.ra2check.agent.probe;

import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.NetworkFacts;
import io.ra2check.agent.facts.PciFacts;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.nativeprobes.DriverInfo;
import io.ra2check.nativeprobes.InterfaceReport;
import io.ra2check.nativeprobes.LinkSettings;
import io.ra2check.nativeprobes.NativeNetworkReport;
import io.ra2check.nativeprobes.XdpFeature;
import io.ra2check.nativeprobes.XdpFeatures;
import io.ra2check.report.Evidence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.ra2check.agent.probe.ProbeSupport.line;

/** Physical NIC ports (from the PCI functions), their links, and the host's global addresses. */
public final class NetworkProbe {
    static final String FIB_TRIE = "/proc/net/fib_trie";
    static final String IF_INET6 = "/proc/net/if_inet6";

    private final NicSpeedTable speeds = NicSpeedTable.builtIn();

    /** @param kernelCalls what ethtool and netlink said about the interfaces ({@link KernelCalls}) */
    public NetworkFacts probe(HostRoot root, PciFacts pci, Fact<NativeNetworkReport> kernelCalls) {
        HostFs fs = root.fs();
        Fact<List<NetworkFacts.Port>> ports;
        Fact<Integer> vfs;
        List<String> unclassified = pci.unclassified().stream().filter(d -> d.role() != PciFacts.SriovRole.VF)
                .map(PciFacts.Device::address).toList();
        if (pci.devices().known()) {
            List<PciFacts.Device> devices = pci.devices().get();
            ports = ports(fs, devices, kernelCalls);
            vfs = virtualFunctions(devices);
        } else {
            ports = Fact.unknown(pci.devices().unknownReason());
            vfs = Fact.unknown(pci.devices().unknownReason());
        }
        return new NetworkFacts(ports, vfs, ipv4(fs), ipv6(fs, root.complete()), kernelCalls, unclassified);
    }

    private Fact<List<NetworkFacts.Port>> ports(HostFs fs, List<PciFacts.Device> devices,
                                                Fact<NativeNetworkReport> kernelCalls) {
        List<NetworkFacts.Port> ports = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        for (PciFacts.Device d : devices) {
            if (!d.isEthernet() || d.role() == PciFacts.SriovRole.VF) {
                continue;
            }
            ports.add(port(fs, d, KernelCalls.find(kernelCalls, d.netdevs().isEmpty() ? null : d.netdevs().get(0)),
                    ev));
        }
        long unclassified = devices.stream().filter(d -> d.classCode() == null).count();
        ev.add(0, new Evidence(PciProbe.DEVICES + "/*/class", ports.size()
                + " Ethernet functions (class 0x0200xx) that are not SR-IOV VFs"
                + (unclassified == 0 ? "" : "; " + unclassified + " functions of unknown class may be more")));
        return Fact.of(List.copyOf(ports), ev);
    }

    private NetworkFacts.Port port(HostFs fs, PciFacts.Device d, InterfaceReport kernel, List<Evidence> ev) {
        String name = d.netdevs().isEmpty() ? null : d.netdevs().get(0);
        String operstate = null;
        Long speed = null;
        String note;
        if (name == null) {
            note = "no kernel network interface" + (d.driver() == null ? " (no driver bound)"
                    : " (driver " + d.driver() + ")");
        } else {
            String dir = netdevDir(fs, d.address(), name);
            ProbeSupport.Line op = line(fs, dir + "/operstate");
            operstate = op.text();
            SpeedReading s = readSpeed(fs, dir + "/speed");
            speed = s.mbps();
            note = s.note() == null ? null : speedNote(s.note(), operstate);
            ev.add(new Evidence(dir + "/speed", s.mbps() != null ? String.valueOf(s.mbps()) : "(" + s.note() + ")"));
        }
        String driver = name != null && d.netdevDriver() != null ? d.netdevDriver() : d.driver();
        String firmware = null;
        String driverVersion = null;
        Long max = null;
        String maxSource = null;
        Boolean zeroCopy = null;
        String xdpSource = null;
        if (kernel != null) {
            DriverInfo info = kernel.driverInfo();
            if (info != null) {
                driver = info.driver() != null ? info.driver() : driver;
                firmware = info.firmwareVersion();
                driverVersion = info.version();
            }
            LinkSettings link = kernel.linkSettings();
            if (link != null) {
                if (link.maxSupportedSpeedMbps() != null) {
                    max = link.maxSupportedSpeedMbps().longValue();
                    maxSource = "ethtool link modes (" + String.join(" ", link.supportedLinkModes()) + ")";
                }
                if (speed == null && link.currentSpeedMbps() != null) {
                    speed = link.currentSpeedMbps().longValue();
                }
            }
            XdpFeatures xdp = kernel.xdpFeatures();
            if (xdp != null) {
                zeroCopy = xdp.features().contains(XdpFeature.XSK_ZEROCOPY.specName());
                xdpSource = "kernel xdp-features " + (xdp.features().isEmpty() ? "(none)" : xdp.features());
            }
            ev.add(new Evidence("ethtool/netlink " + name, "driver " + driver + (firmware == null ? ""
                    : ", firmware " + firmware) + (max == null ? ", max speed " + kernel.linkSettingsUnknownReason()
                    : ", max " + max + " Mb/s") + (xdpSource == null ? ", xdp " + kernel.xdpFeaturesUnknownReason()
                    : ", " + xdpSource)));
        }
        NicSpeedTable.Model model = speeds.find(d.vendorDevice());
        if (max == null && model != null) {
            max = model.maxMbps();
            maxSource = "PCI ID table (" + d.vendorDevice() + " " + model.name() + ")";
        }
        return new NetworkFacts.Port(d.address(), d.vendorDevice(), model == null ? null : model.name(), driver,
                d.numaNode(), name, operstate, speed, speed == null ? note : null, max, maxSource, firmware,
                driverVersion, d.sriovTotalVfs(), d.sriovNumVfs(), d.role(), zeroCopy, xdpSource);
    }

    /** Where a port's netdev lives: under the PCI function, or under its virtio child for virtio devices. */
    private static String netdevDir(HostFs fs, String address, String name) {
        String direct = PciProbe.DEVICES + "/" + address + "/net/" + name;
        if (fs.isDirectory(direct)) {
            return direct;
        }
        for (String child : ProbeSupport.listOrEmpty(fs, PciProbe.DEVICES + "/" + address)) {
            if (child.startsWith("virtio") && fs.isDirectory(PciProbe.DEVICES + "/" + address + "/" + child
                    + "/net/" + name)) {
                return PciProbe.DEVICES + "/" + address + "/" + child + "/net/" + name;
            }
        }
        return direct;
    }

    /**
     * Why a port's speed is unknown, with its link state: a port that is up with no speed is one whose driver reports
     * none (virtio, some VF and vfio drivers), not a port whose link is down.
     */
    static String speedNote(String readingNote, String operstate) {
        if (operstate == null) {
            return readingNote + " (link state not read)";
        }
        return switch (operstate) {
            case "up" -> readingNote + " while the link is up: the driver does not report a speed";
            case "down", "lowerlayerdown", "notpresent" -> readingNote + ": link " + operstate;
            default -> readingNote + " (operstate " + operstate + ")";
        };
    }

    /** A speed file's value, or why it has none. */
    record SpeedReading(Long mbps, String note) {
    }

    private static SpeedReading readSpeed(HostFs fs, String path) {
        try {
            return parseSpeed(fs.readLine(path));
        } catch (IOException e) {
            // drivers answer EINVAL when the link is down
            String why = Fs.why(e);
            return new SpeedReading(null, why.toLowerCase(Locale.ROOT).contains("invalid argument")
                    ? "speed unreadable (Invalid argument)" : "speed " + why);
        }
    }

    /**
     * An empty, "-1" or 0 speed file means the speed is not known, never "0 Mb/s". Whether that is because the link
     * is down is the operstate's to say ({@link #speedNote}), not the speed file's.
     */
    static SpeedReading parseSpeed(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new SpeedReading(null, "speed file empty");
        }
        try {
            long v = Long.parseLong(t);
            if (v <= 0 || v == 0xFFFFFFFFL) {
                return new SpeedReading(null, "speed " + t + " (not reported)");
            }
            return new SpeedReading(v, null);
        } catch (NumberFormatException e) {
            return new SpeedReading(null, "speed not a number: '" + t + "'");
        }
    }

    private static Fact<Integer> virtualFunctions(List<PciFacts.Device> devices) {
        int present = 0;
        int configured = 0;
        boolean anyNumVfs = false;
        for (PciFacts.Device d : devices) {
            // VFs of accelerators (QuickAssist, GPUs) are not network VFs
            if (!d.isEthernet()) {
                continue;
            }
            if (d.role() == PciFacts.SriovRole.VF) {
                present++;
            }
            if (d.sriovNumVfs() != null) {
                anyNumVfs = true;
                configured += d.sriovNumVfs();
            }
        }
        int n = Math.max(present, configured);
        return Fact.of(n, new Evidence(PciProbe.DEVICES, present + " Ethernet VF functions present"
                + (anyNumVfs ? ", sum of the Ethernet PFs' sriov_numvfs " + configured : "")));
    }

    // ---------------------------------------------------------------------------------------------------- addresses

    private static Fact<List<String>> ipv4(HostFs fs) {
        try {
            List<String> a = parseFibTrie(fs.readString(FIB_TRIE));
            return Fact.of(a, new Evidence(FIB_TRIE, a.isEmpty() ? "no global unicast IPv4 address" : a.toString()));
        } catch (IOException e) {
            return Fact.unknown(Fs.describe(FIB_TRIE, e));
        }
    }

    private static Fact<List<String>> ipv6(HostFs fs, boolean completeRoot) {
        try {
            List<String> a = parseIfInet6(fs.readString(IF_INET6));
            return Fact.of(a, new Evidence(IF_INET6, a.isEmpty() ? "no global IPv6 address" : a.toString()));
        } catch (java.nio.file.NoSuchFileException e) {
            return completeRoot ? Fact.of(List.of(), new Evidence(IF_INET6, "absent: IPv6 is disabled in the kernel"))
                    : Fact.unknown(IF_INET6 + ": not captured");
        } catch (IOException e) {
            return Fact.unknown(Fs.describe(IF_INET6, e));
        }
    }

    /** Local addresses ("/32 host LOCAL") of /proc/net/fib_trie that are global unicast. */
    static List<String> parseFibTrie(String text) {
        Set<String> out = new LinkedHashSet<>();
        String current = null;
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.startsWith("|--")) {
                current = t.substring(3).trim();
            } else if (t.startsWith("/32 host LOCAL") && current != null && isGlobalIpv4(current)) {
                out.add(current);
            }
        }
        return List.copyOf(out);
    }

    static boolean isGlobalIpv4(String a) {
        String[] p = a.split("\\.");
        if (p.length != 4) {
            return false;
        }
        int b0;
        int b1;
        try {
            b0 = Integer.parseInt(p[0]);
            b1 = Integer.parseInt(p[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        return b0 != 0 && b0 != 127 && !(b0 == 169 && b1 == 254) && b0 < 224;
    }

    /** Addresses of scope global (00) in /proc/net/if_inet6, leaving out tentative and failed-DAD ones. */
    static List<String> parseIfInet6(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || f[0].length() != 32) {
                continue;
            }
            int scope;
            int flags;
            try {
                scope = Integer.parseInt(f[3], 16);
                flags = Integer.parseInt(f[4], 16);
            } catch (NumberFormatException e) {
                continue;
            }
            // IFA_F_DADFAILED 0x08, IFA_F_TENTATIVE 0x40
            if (scope != 0 || (flags & 0x48) != 0) {
                continue;
            }
            String addr = formatIpv6(f[0]);
            if (addr != null && !out.contains(addr)) {
                out.add(addr);
            }
        }
        return List.copyOf(out);
    }

    /** 32 hex digits -> RFC 5952 text ("fd00::2"); null when not hex. */
    static String formatIpv6(String hex) {
        int[] g = new int[8];
        try {
            for (int i = 0; i < 8; i++) {
                g[i] = Integer.parseInt(hex.substring(i * 4, i * 4 + 4), 16);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(g[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
