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
import java.util.Set;

import static io.ra2check.agent.probe.ProbeSupport.line;

/** PCI functions from /sys/bus/pci/devices. */
public final class PciProbe {
    static final String DEVICES = "/sys/bus/pci/devices";

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
        List<PciFacts.Device> devices = classify(raws, root.complete());
        return new PciFacts(Fact.of(devices, new Evidence(DEVICES, devices.size() + " functions")));
    }

    /** The attributes of one function as read, before its SR-IOV role is decided. */
    record Raw(String address, Integer classCode, String vendor, String device, String subsystemVendor,
               String subsystemDevice, String driver, Integer numaNode, String currentLinkSpeed,
               Integer currentLinkWidth, String maxLinkSpeed, Integer maxLinkWidth, Integer totalVfs, Integer numVfs,
               String physfn, String vfDeviceId, List<String> netdevs, String netdevDriver) {
    }

    private static Raw read(HostFs fs, String address) {
        String dir = DEVICES + "/" + address;
        Integer numa = ProbeSupport.intOrNull(line(fs, dir + "/numa_node"));
        String driver = linkName(fs, dir + "/driver");
        List<String> netdevs = ProbeSupport.listOrEmpty(fs, dir + "/net");
        String netdevDriver = netdevs.isEmpty() ? null : driver;
        if (netdevs.isEmpty() && (driver == null || driver.startsWith("virtio"))) {
            for (String child : ProbeSupport.listOrEmpty(fs, dir)) {
                if (child.startsWith("virtio") && child.length() > 6 && Character.isDigit(child.charAt(6))) {
                    netdevs = ProbeSupport.listOrEmpty(fs, dir + "/" + child + "/net");
                    netdevDriver = linkName(fs, dir + "/" + child + "/driver");
                    break;
                }
            }
        }
        return new Raw(address, ProbeSupport.hexOrNull(line(fs, dir + "/class").text()),
                hex4(line(fs, dir + "/vendor").text()), hex4(line(fs, dir + "/device").text()),
                hex4(line(fs, dir + "/subsystem_vendor").text()), hex4(line(fs, dir + "/subsystem_device").text()),
                driver, numa == null || numa < 0 ? null : numa,
                line(fs, dir + "/current_link_speed").text(),
                ProbeSupport.intOrNull(line(fs, dir + "/current_link_width")),
                line(fs, dir + "/max_link_speed").text(),
                ProbeSupport.intOrNull(line(fs, dir + "/max_link_width")),
                ProbeSupport.intOrNull(line(fs, dir + "/sriov_totalvfs")),
                ProbeSupport.intOrNull(line(fs, dir + "/sriov_numvfs")),
                linkName(fs, dir + "/physfn"), hex4(line(fs, dir + "/sriov_vf_device").text()), netdevs,
                netdevDriver);
    }

    /** Decides each function's SR-IOV role from what was read (pure: unit-tested on its own). */
    static List<PciFacts.Device> classify(List<Raw> raws, boolean completeRoot) {
        boolean sriovCaptured = false;
        Set<String> vfIdsOfThisHost = new HashSet<>();
        for (Raw r : raws) {
            if (r.totalVfs() != null || r.numVfs() != null || r.physfn() != null) {
                sriovCaptured = true;
            }
            if (r.vfDeviceId() != null && r.vendor() != null) {
                vfIdsOfThisHost.add(r.vendor() + ":" + r.vfDeviceId());
            }
        }
        List<PciFacts.Device> out = new ArrayList<>(raws.size());
        for (Raw r : raws) {
            SriovRole role;
            String why;
            String vd = r.vendor() == null || r.device() == null ? null : r.vendor() + ":" + r.device();
            if (r.physfn() != null) {
                role = SriovRole.VF;
                why = "physfn -> " + r.physfn();
            } else if (r.totalVfs() != null) {
                role = r.totalVfs() > 0 ? SriovRole.PF : SriovRole.NONE;
                why = "sriov_totalvfs " + r.totalVfs();
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
            } else if (sriovCaptured) {
                role = SriovRole.NONE;
                why = "no sriov_totalvfs while this capture has sriov files for other functions";
            } else {
                role = SriovRole.UNKNOWN;
                why = "this capture has no sriov_* files at all";
            }
            out.add(new PciFacts.Device(r.address(), r.classCode(), r.vendor(), r.device(), r.subsystemVendor(),
                    r.subsystemDevice(), r.driver(), r.numaNode(), r.currentLinkSpeed(), r.currentLinkWidth(),
                    r.maxLinkSpeed(), r.maxLinkWidth(), r.totalVfs(), r.numVfs(), role, why, r.physfn(),
                    r.netdevs(), r.netdevDriver()));
        }
        return List.copyOf(out);
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
