package io.ra2check.agent.facts;

import java.util.List;
import java.util.Map;

/**
 * Operating system and kernel.
 *
 * @param kernelRelease  uname -r (/proc/sys/kernel/osrelease, else /proc/version)
 * @param kernelVersion  uname -v (/proc/sys/kernel/version): build string, says PREEMPT_RT on real-time kernels
 * @param overlayFs      overlay listed in /proc/filesystems (false can also mean "built as a module, not loaded")
 * @param cgroupVersion  1 or 2
 * @param kernelConfig   the kernel build configuration
 * @param realtime       a real-time (PREEMPT_RT) kernel
 */
public record OsFacts(Fact<OsRelease> osRelease, Fact<String> kernelRelease, Fact<String> kernelVersion,
                      Fact<String> hostname, Fact<Boolean> overlayFs, Fact<Integer> cgroupVersion,
                      Fact<KernelConfig> kernelConfig, Fact<Boolean> realtime, Fact<String> kernelCmdline) {

    /** /etc/os-release. */
    public record OsRelease(String id, List<String> idLike, String versionId, String prettyName) {
        public String describe() {
            return prettyName != null ? prettyName : id + (versionId == null ? "" : " " + versionId);
        }
    }

    /** CONFIG_ options with their values (y, m, strings), from {@code source}. */
    public record KernelConfig(String source, Map<String, String> options) {
        public boolean enabled(String option) {
            String v = options.get(option.startsWith("CONFIG_") ? option : "CONFIG_" + option);
            return "y".equals(v) || "m".equals(v);
        }
    }
}
