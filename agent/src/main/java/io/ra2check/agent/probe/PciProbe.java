package io.ra2check.agent.probe;

import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.PciFacts;
import io.ra2check.agent.facts.PciFacts.SriovRole;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.report.Evidence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.ra2check.agent.probe.ProbeSupport.line;

/** PCI functions from /sys/bus/pci/devices. */
public final class PciProbe {
    static final String DEVICES = "/sys/bus/pci/devices";
    static final String NET = "/sys/class/net";

    /**
     * Drivers that bind only SR-IOV virtual functions. Used to recognise VFs in captures that did not keep the
     * physfn link; on a live host the link decides.
     */
    static final Set<String> VF_ONLY_DRIVERS = Set.of("igbvf", "ixgbevf", "iavf", "i40evf", "cxgb4vf",
            "liquidio_vf", "rvu_nicvf", "qlcnic_vf");

    /** Device IDs that are SR-IOV VFs in every product that uses them (same purpose as {@link #VF_ONLY_DRIVERS}). */
    static final Set<String> VF_DEVICE_IDS = Set.of("8086:10ca", "8086:1520", "8086:10ed", "8086:1515",
            "8086:1565", "8086:154c", "8086:37cd", "8086:1889", "8086:37c9", "15b3:1014", "15b3:1016", "15b3:1018",
            "15b3:101a", "15b3:101c", "15b3:101e");

    public PciFacts probe(HostRoot root) {
        HostFs fs = root.fs();
        List<String> names;
        try {
            names = fs.list(DEVICES);
        } catch (IOException e) {
            return new PciFacts(Fact.unknown(Fs.describe(DEVICES, e)));
        }
        List<Raw> raws = new ArrayList<>(names.size());
        for (String address : names) {
            raws.add(read(fs, address));
        }
        List<PciFacts.Device> devices = classify(raws, netLinks(fs), root.complete());
        long unclassified = devices.stream().filter(d -> d.classCode() == null).count();
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence(DEVICES, devices.size() + " functions"
                + (unclassified == 0 ? "" : ", " + unclassified + " of unknown class")));
        for (PciFacts.Device d : devices) {
            if (d.readProblem() != null) {
                ev.add(new Evidence(DEVICES + "/" + d.address(), d.readProblem()));
            }
        }
        return new PciFacts(Fact.of(devices, ev));
    }

    /**
     * The attributes of one function as read, before its SR-IOV role is decided.
     *
     * @param classSource where {@code classCode} came from (class, modalias, uevent), null when none said it
     * @param virtfns     the VFs this function's virtfnN links name
     * @param readProblem what could not be read (the function's directory, or its class from any file), else null
     */
    record Raw(String address, Integer classCode, String vendor, String device, String subsystemVendor,
               String subsystemDevice, String driver, Integer numaNode, String currentLinkSpeed,
               Integer currentLinkWidth, String maxLinkSpeed, Integer maxLinkWidth, Integer totalVfs, Integer numVfs,
               String physfn, String vfDeviceId, List<String> netdevs, String netdevDriver, String classSource,
               List<String> virtfns, String readProblem) {
        Raw {
            netdevs = netdevs == null ? List.of() : List.copyOf(netdevs);
            virtfns = virtfns == null ? List.of() : List.copyOf(virtfns);
        }
    }

    /** A kernel network interface of /sys/class/net and the PCI function its device link names. */
    record NetLink(String ifname, String pciAddress, Integer type, boolean wireless) {
        /** ARPHRD_ETHER (1), and not a wireless interface (which is ARPHRD_ETHER too). */
        boolean ethernet() {
            return type != null && type == 1 && !wireless;
        }
    }

    /** What a PCI modalias or uevent says: IDs and class, each null where absent. */
    record Ids(String vendor, String device, String subsystemVendor, String subsystemDevice, Integer classCode,
               String driver) {
        static final Ids NONE = new Ids(null, null, null, null, null, null);
    }

    private static Raw read(HostFs fs, String address) {
        String dir = DEVICES + "/" + address;
        if (!fs.isDirectory(dir)) {
            String target = linkTarget(fs, dir);
            String problem = target != null ? "link to " + target + " leads nowhere in this capture"
                    : fs.exists(dir) ? "not a directory" : "unreadable";
            return new Raw(address, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, List.of(), null, null, List.of(), problem);
        }
        // listed first: the file system then answers the many absent optional attributes from the listing
        List<String> children = ProbeSupport.listOrEmpty(fs, dir);
        Integer numa = ProbeSupport.intOrNull(line(fs, dir + "/numa_node"));
        Ids modalias = parseModalias(line(fs, dir + "/modalias").text());
        Ids uevent = parseUevent(text(fs, dir + "/uevent"));
        String driver = firstNonNull(linkName(fs, dir + "/driver"), uevent.driver());
        List<String> netdevs = ProbeSupport.listOrEmpty(fs, dir + "/net");
        String netdevDriver = netdevs.isEmpty() ? null : driver;
        if (netdevs.isEmpty() && (driver == null || driver.startsWith("virtio"))) {
            for (String child : children) {
                if (child.startsWith("virtio") && child.length() > 6 && Character.isDigit(child.charAt(6))) {
                    netdevs = ProbeSupport.listOrEmpty(fs, dir + "/" + child + "/net");
                    netdevDriver = linkName(fs, dir + "/" + child + "/driver");
                    break;
                }
            }
        }
        Integer classCode = ProbeSupport.hexOrNull(line(fs, dir + "/class").text());
        String classSource = classCode != null ? "class" : null;
        if (classCode == null && modalias.classCode() != null) {
            classCode = modalias.classCode();
            classSource = "modalias";
        }
        if (classCode == null && uevent.classCode() != null) {
            classCode = uevent.classCode();
            classSource = "uevent PCI_CLASS";
        }
        List<String> virtfns = new ArrayList<>();
        for (String child : children) {
            if (child.startsWith("virtfn") && child.length() > 6 && child.chars().skip(6).allMatch(Character::isDigit)) {
                String vf = linkName(fs, dir + "/" + child);
                if (vf != null) {
                    virtfns.add(vf);
                }
            }
        }
        return new Raw(address, classCode,
                firstNonNull(hex4(line(fs, dir + "/vendor").text()), modalias.vendor(), uevent.vendor()),
                firstNonNull(hex4(line(fs, dir + "/device").text()), modalias.device(), uevent.device()),
                firstNonNull(hex4(line(fs, dir + "/subsystem_vendor").text()), modalias.subsystemVendor(),
                        uevent.subsystemVendor()),
                firstNonNull(hex4(line(fs, dir + "/subsystem_device").text()), modalias.subsystemDevice(),
                        uevent.subsystemDevice()),
                driver, numa == null || numa < 0 ? null : numa,
                line(fs, dir + "/current_link_speed").text(),
                ProbeSupport.intOrNull(line(fs, dir + "/current_link_width")),
                line(fs, dir + "/max_link_speed").text(),
                ProbeSupport.intOrNull(line(fs, dir + "/max_link_width")),
                ProbeSupport.intOrNull(line(fs, dir + "/sriov_totalvfs")),
                ProbeSupport.intOrNull(line(fs, dir + "/sriov_numvfs")),
                linkName(fs, dir + "/physfn"), hex4(line(fs, dir + "/sriov_vf_device").text()), netdevs,
                netdevDriver, classSource, virtfns,
                classCode == null ? "no class, modalias or uevent PCI_CLASS could be read" : null);
    }

    /** The interfaces of /sys/class/net whose device link names a PCI function. */
    private static List<NetLink> netLinks(HostFs fs) {
        List<NetLink> out = new ArrayList<>();
        for (String ifname : ProbeSupport.listOrEmpty(fs, NET)) {
            String pci = linkName(fs, NET + "/" + ifname + "/device");
            if (pci == null || !isPciAddress(pci)) {
                continue;
            }
            out.add(new NetLink(ifname, pci, ProbeSupport.intOrNull(line(fs, NET + "/" + ifname + "/type")),
                    fs.exists(NET + "/" + ifname + "/wireless") || fs.exists(NET + "/" + ifname + "/phy80211")));
        }
        return out;
    }

    static boolean isPciAddress(String s) {
        return s.matches("[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");
    }

    /**
     * "pci:v00008086d00001521sv0000FFFFsd00000000bc02sc00i00" -> vendor 8086, device 1521, class 0x020000. Null or
     * malformed text gives {@link Ids#NONE}; a field that is malformed is left null.
     */
    static Ids parseModalias(String text) {
        if (text == null || !text.startsWith("pci:")) {
            return Ids.NONE;
        }
        String vendor = modaliasField(text, "v");
        String device = modaliasField(text, "d");
        String sv = modaliasField(text, "sv");
        String sd = modaliasField(text, "sd");
        String bc = modaliasField(text, "bc");
        String sc = modaliasField(text, "sc");
        String pi = modaliasField(text, "i");
        Integer cls = bc == null || sc == null ? null
                : (Integer.parseInt(bc, 16) << 16) | (Integer.parseInt(sc, 16) << 8) | (pi == null ? 0
                : Integer.parseInt(pi, 16));
        return new Ids(last4(vendor), last4(device), last4(sv), last4(sd), cls, null);
    }

    /** The hex digits after {@code key} in a modalias (v, d, sv, sd, bc, sc, i come in this order), or null. */
    private static String modaliasField(String text, String key) {
        // each key is followed by exactly `digits` hex digits; "sv" and "sd" must not be read as "s" + "v"/"d"
        int pos = 4;
        String[] order = {"v", "d", "sv", "sd", "bc", "sc", "i"};
        int[] widths = {8, 8, 8, 8, 2, 2, 2};
        for (int k = 0; k < order.length; k++) {
            if (!text.startsWith(order[k], pos)) {
                return null;
            }
            pos += order[k].length();
            if (pos + widths[k] > text.length()) {
                return null;
            }
            String value = text.substring(pos, pos + widths[k]);
            if (!value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            if (order[k].equals(key)) {
                return value.toLowerCase(Locale.ROOT);
            }
            pos += widths[k];
        }
        return null;
    }

    private static String last4(String hex8) {
        return hex8 == null ? null : hex8.substring(hex8.length() - 4);
    }

    /** A PCI function's uevent: PCI_CLASS (hex, "20000"), PCI_ID ("8086:1521"), PCI_SUBSYS_ID and DRIVER. */
    static Ids parseUevent(String text) {
        if (text == null) {
            return Ids.NONE;
        }
        java.util.Map<String, String> kv = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        Integer cls = ProbeSupport.hexOrNull(kv.get("PCI_CLASS"));
        if (cls != null && (cls < 0 || cls > 0xFFFFFF)) {
            cls = null;
        }
        String[] id = pair(kv.get("PCI_ID"));
        String[] sub = pair(kv.get("PCI_SUBSYS_ID"));
        String driver = kv.get("DRIVER");
        return new Ids(id[0], id[1], sub[0], sub[1], cls, driver == null || driver.isEmpty() ? null : driver);
    }

    private static String[] pair(String s) {
        if (s == null) {
            return new String[2];
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return new String[2];
        }
        return new String[] {hex4(s.substring(0, colon)), hex4(s.substring(colon + 1))};
    }

    /** Decides each function's SR-IOV role from what was read (pure: unit-tested on its own). */
    static List<PciFacts.Device> classify(List<Raw> raws, boolean completeRoot) {
        return classify(raws, List.of(), completeRoot);
    }

    /**
     * Decides each function's class where its own files did not say it (from a netdev's type, or the PF whose
     * virtfn link names it) and its SR-IOV role (pure: unit-tested on its own).
     */
    static List<PciFacts.Device> classify(List<Raw> raws, List<NetLink> netLinks, boolean completeRoot) {
        boolean sriovCaptured = false;
        Set<String> vfIdsOfThisHost = new HashSet<>();
        java.util.Map<String, Raw> pfOfVf = new java.util.HashMap<>();
        for (Raw r : raws) {
            if (r.totalVfs() != null || r.numVfs() != null || r.physfn() != null || !r.virtfns().isEmpty()) {
                sriovCaptured = true;
            }
            if (r.vfDeviceId() != null && r.vendor() != null) {
                vfIdsOfThisHost.add(r.vendor() + ":" + r.vfDeviceId());
            }
            for (String vf : r.virtfns()) {
                pfOfVf.putIfAbsent(vf, r);
            }
        }
        java.util.Map<String, List<NetLink>> netByPci = new java.util.HashMap<>();
        for (NetLink n : netLinks) {
            netByPci.computeIfAbsent(n.pciAddress(), k -> new ArrayList<>()).add(n);
        }
        List<PciFacts.Device> out = new ArrayList<>(raws.size());
        for (Raw r : raws) {
            Integer classCode = r.classCode();
            String classSource = r.classSource();
            String problem = r.readProblem();
            List<NetLink> nets = netByPci.getOrDefault(r.address(), List.of());
            Raw pf = pfOfVf.get(r.address());
            if (classCode == null && nets.stream().anyMatch(NetLink::ethernet)) {
                NetLink n = nets.stream().filter(NetLink::ethernet).findFirst().orElseThrow();
                classCode = 0x020000;
                classSource = "/sys/class/net/" + n.ifname() + " (type 1, Ethernet) links to it";
            }
            if (classCode == null && pf != null && pf.classCode() != null) {
                classCode = pf.classCode();
                classSource = "VF of " + pf.address() + " (its virtfn link), whose class it shares";
            }
            if (classCode != null && problem != null) {
                problem = problem + "; class from " + classSource;
            }
            List<String> netdevs = r.netdevs();
            if (netdevs.isEmpty() && !nets.isEmpty()) {
                netdevs = nets.stream().map(NetLink::ifname).toList();
            }
            String physfn = r.physfn() != null ? r.physfn() : pf == null ? null : pf.address();
            SriovRole role;
            String why;
            String vd = r.vendor() == null || r.device() == null ? null : r.vendor() + ":" + r.device();
            if (r.physfn() != null) {
                role = SriovRole.VF;
                why = "physfn -> " + r.physfn();
            } else if (pf != null) {
                role = SriovRole.VF;
                why = "named by the virtfn links of " + pf.address();
            } else if (r.totalVfs() != null) {
                role = r.totalVfs() > 0 ? SriovRole.PF : SriovRole.NONE;
                why = "sriov_totalvfs " + r.totalVfs();
            } else if (r.readProblem() != null && classCode == null) {
                role = SriovRole.UNKNOWN;
                why = "the function could not be read (" + r.readProblem() + ")";
            } else if (completeRoot) {
                role = SriovRole.NONE;
                why = "no sriov_totalvfs: the kernel sees no SR-IOV capability";
            } else if (vd != null && vfIdsOfThisHost.contains(vd)) {
                role = SriovRole.VF;
                why = "device " + vd + " is the sriov_vf_device of a PF in this capture (physfn not captured)";
            } else if (r.driver() != null && VF_ONLY_DRIVERS.contains(r.driver())) {
                role = SriovRole.VF;
                why = "driver " + r.driver() + " binds only VFs (physfn not captured)";
            } else if (vd != null && VF_DEVICE_IDS.contains(vd)) {
                role = SriovRole.VF;
                why = "device " + vd + " is a VF ID (physfn not captured)";
            } else if (sriovCaptured && r.readProblem() == null) {
                role = SriovRole.NONE;
                why = "no sriov_totalvfs while this capture has sriov files for other functions";
            } else {
                role = SriovRole.UNKNOWN;
                why = r.readProblem() != null ? "the function's own files could not be read"
                        : "this capture has no sriov_* files at all";
            }
            out.add(new PciFacts.Device(r.address(), classCode, r.vendor(), r.device(), r.subsystemVendor(),
                    r.subsystemDevice(), r.driver(), r.numaNode(), r.currentLinkSpeed(), r.currentLinkWidth(),
                    r.maxLinkSpeed(), r.maxLinkWidth(), r.totalVfs(), r.numVfs(), role, why, physfn,
                    netdevs, r.netdevDriver(), classSource, problem));
        }
        return List.copyOf(out);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(HostFs fs, String path) {
        try {
            return fs.readString(path);
        } catch (IOException e) {
            return null;
        }
    }

    private static String linkTarget(HostFs fs, String path) {
        try {
            return fs.readLink(path).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** Basename of a link's target ("../../../bus/pci/drivers/i40e" -> "i40e"); null when there is no link. */
    private static String linkName(HostFs fs, String path) {
        try {
            String target = fs.readLink(path).trim();
            String name = Fs.basename(target.endsWith("/") ? target.substring(0, target.length() - 1) : target);
            return name.isEmpty() ? null : name;
        } catch (IOException e) {
            return null;
        }
    }

    /** "0x8086" -> "8086"; null for anything that is not a 16-bit hex ID. */
    static String hex4(String s) {
        Integer v = ProbeSupport.hexOrNull(s);
        return v == null || v < 0 || v > 0xFFFF ? null : hex(v, 4);
    }

    /** {@code value} in lower-case hex, zero-padded to {@code digits}. */
    static String hex(int value, int digits) {
        String h = Integer.toHexString(value);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }
}
