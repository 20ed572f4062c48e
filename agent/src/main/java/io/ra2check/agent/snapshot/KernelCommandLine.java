package io.ra2check.agent.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What of {@code /proc/cmdline} a snapshot keeps. Command lines carry Ignition and kickstart URLs, bootstrap tokens,
 * iSCSI and NFS credentials and IP plans; the checks need only the parameters that shape CPUs, memory, huge pages,
 * IOMMU and cgroups. Those are kept as they are; every other parameter keeps its name and loses its value
 * ({@code ignition.config.url=*}), and a bare word that is not a plain flag becomes {@code *}.
 */
public final class KernelCommandLine {
    /** Parameters a probe or a check reads, or that a person judging RA2 compliance needs to see. */
    static final Set<String> KEPT = Set.of("hugepages", "hugepagesz", "default_hugepagesz", "hugetlb_cma",
            "transparent_hugepage", "isolcpus", "nohz", "nohz_full", "rcu_nocbs", "rcu_nocb_poll", "irqaffinity",
            "kthread_cpus", "skew_tick", "nosmt", "maxcpus", "nr_cpus", "possible_cpus", "mitigations", "numa",
            "numa_balancing", "intel_iommu", "amd_iommu", "iommu", "iommu.passthrough", "iommu.strict", "intel_pstate",
            "processor.max_cstate", "intel_idle.max_cstate", "idle", "nosoftlockup", "tsc", "audit", "selinux",
            "apparmor", "security", "lsm", "lockdown", "systemd.unified_cgroup_hierarchy", "cgroup_no_v1",
            "cgroup_enable", "cgroup_disable", "swapaccount", "psi", "preempt", "threadirqs", "pcie_aspm",
            "pci", "vfio-pci.ids", "vfio_iommu_type1.allow_unsafe_interrupts", "efi", "console", "quiet", "ro", "rw",
            "splash", "nomodeset", "BOOT_IMAGE");
    private static final int MAX_FLAG_LENGTH = 40;

    private KernelCommandLine() {
    }

    /** The command line with the values of parameters not in {@link #KEPT} replaced by {@code *}. */
    public static byte[] redact(byte[] cmdline) {
        String s = new String(cmdline, StandardCharsets.UTF_8);
        boolean newline = s.endsWith("\n");
        StringBuilder out = new StringBuilder(s.length());
        boolean afterDashes = false;
        for (String word : s.strip().split("[ \t\n]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            if (afterDashes) {
                // after "--" the words are init's arguments, not kernel parameters: none is kept
                out.append('*');
                continue;
            }
            if (word.equals("--")) {
                afterDashes = true;
                out.append(word);
                continue;
            }
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (KEPT.contains(name)) {
                out.append(word);
            } else if (eq > 0 && plainName(name)) {
                out.append(name).append("=*");
            } else if (eq < 0 && plainName(word)) {
                out.append(word);
            } else {
                out.append('*');
            }
        }
        if (newline) {
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A parameter name or flag: letters, digits and {@code _.-}, short. */
    private static boolean plainName(String s) {
        if (s.isEmpty() || s.length() > MAX_FLAG_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
