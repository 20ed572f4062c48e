package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.OsFacts;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ra2.os.002: a kernel that container runtimes and kubeadm accept: a release kubeadm's system validators accept, the
 * kernel options they require (for the cgroup version in use), and overlayfs for containerd's snapshotter.
 */
public final class KernelVersionCheck implements Check {
    @Override
    public String id() {
        return "ra2.os.002";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        List<String> patterns = req.stringListThreshold("kernelVersions");
        Map<String, String> aliases = req.stringMapThreshold("kernelConfigAliases");
        String expected = "a kernel release kubeadm accepts, with its required options and overlayfs";
        var release = facts.os().kernelRelease();
        var config = facts.os().kernelConfig();
        var cgroup = facts.os().cgroupVersion();
        var overlay = facts.os().overlayFs();
        Evidences ev = new Evidences().add(release).add(config).add(cgroup).add(overlay);
        if (!release.known()) {
            return Finding.unknown(expected, release.unknownReason(), ev.list());
        }
        List<String> problems = new ArrayList<>();
        boolean versionOk = patterns.stream().anyMatch(p -> Pattern.compile(p).matcher(release.get()).matches());
        if (!versionOk) {
            problems.add("release " + release.get() + " is not one kubeadm accepts (" + String.join(" | ", patterns)
                    + ")");
        }
        List<String> required = new ArrayList<>(req.stringListThreshold("kernelConfig"));
        String undecided = null;
        if (cgroup.known()) {
            required.addAll(req.stringListThreshold(cgroup.get() == 2 ? "kernelConfigCgroupV2"
                    : "kernelConfigCgroupV1"));
        } else {
            undecided = "the cgroup version is unknown (" + cgroup.unknownReason() + "), so its kernel options were "
                    + "not checked";
        }
        if (config.known()) {
            OsFacts.KernelConfig c = config.get();
            List<String> missing = required.stream().distinct()
                    .filter(o -> !c.enabled(o) && !(aliases.containsKey(o) && c.enabled(aliases.get(o)))).toList();
            if (!missing.isEmpty()) {
                problems.add("kernel options not set: " + String.join(", ", missing));
            }
            boolean overlayConfig = c.enabled("OVERLAY_FS");
            if (!overlayConfig && !(overlay.known() && overlay.get())) {
                problems.add("no overlayfs (CONFIG_OVERLAY_FS unset)");
            }
        } else if (overlay.known() && !overlay.get() && undecided == null) {
            undecided = "overlay is not registered in /proc/filesystems and the kernel config is unreadable";
        }
        String actual = "kernel " + release.get() + (config.known() ? ", config " + config.get().source() : "");
        if (!problems.isEmpty()) {
            return Finding.fail(expected, actual + ": " + String.join("; ", problems), ev.list());
        }
        if (!config.known()) {
            return Finding.unknown(expected, "release " + release.get() + " is accepted, but the kernel "
                    + "configuration could not be read: " + config.unknownReason(), ev.list());
        }
        if (undecided != null) {
            return Finding.unknown(expected, undecided, ev.list());
        }
        return Finding.pass(expected, actual + ", all " + required.stream().distinct().count()
                + " required options set, overlayfs available", ev.list());
    }
}
