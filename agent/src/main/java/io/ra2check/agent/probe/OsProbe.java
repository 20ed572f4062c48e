package io.ra2check.agent.probe;

import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.OsFacts;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.report.Evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static io.ra2check.agent.probe.ProbeSupport.line;

/** Distribution, kernel, its configuration, overlayfs and cgroups. */
public final class OsProbe {
    static final String OS_RELEASE = "/etc/os-release";
    static final String OS_RELEASE_FALLBACK = "/usr/lib/os-release";
    /** A kernel config larger than this is not one: refuse it rather than decompress without end. */
    static final int MAX_CONFIG_BYTES = 4 << 20;

    public OsFacts probe(HostRoot root) {
        HostFs fs = root.fs();
        Fact<String> release = kernelRelease(fs);
        Fact<String> version = oneLine(fs, "/proc/sys/kernel/version");
        Fact<OsFacts.KernelConfig> config = kernelConfig(fs, release);
        return new OsFacts(osRelease(fs), release, version, oneLine(fs, "/proc/sys/kernel/hostname"),
                overlay(fs), cgroupVersion(root), config, realtime(fs, version, config),
                oneLine(fs, "/proc/cmdline"));
    }

    private static Fact<String> oneLine(HostFs fs, String path) {
        ProbeSupport.Line l = line(fs, path);
        return l.ok() && !l.text().isEmpty() ? Fact.of(l.text(), l.evidence())
                : Fact.unknown(path + ": " + (l.ok() ? "empty" : l.error()));
    }

    private static Fact<OsFacts.OsRelease> osRelease(HostFs fs) {
        for (String path : List.of(OS_RELEASE, OS_RELEASE_FALLBACK)) {
            try {
                OsFacts.OsRelease r = parseOsRelease(fs.readString(path));
                if (r.id() == null) {
                    return Fact.unknown(path + ": no ID field");
                }
                return Fact.of(r, new Evidence(path, "ID=" + r.id() + " ID_LIKE=" + String.join(" ", r.idLike())
                        + " VERSION_ID=" + r.versionId()));
            } catch (java.nio.file.NoSuchFileException e) {
                // try the fallback
            } catch (IOException e) {
                return Fact.unknown(Fs.describe(path, e));
            }
        }
        return Fact.unknown(OS_RELEASE + " and " + OS_RELEASE_FALLBACK + ": missing");
    }

    static OsFacts.OsRelease parseOsRelease(String text) {
        Map<String, String> kv = new HashMap<>();
        for (String line : text.split("\n")) {
            String t = line.trim();
            int eq = t.indexOf('=');
            if (t.startsWith("#") || eq <= 0) {
                continue;
            }
            String v = t.substring(eq + 1).trim();
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            kv.put(t.substring(0, eq).trim(), v.replace("\\\"", "\""));
        }
        String idLike = kv.getOrDefault("ID_LIKE", "").trim();
        return new OsFacts.OsRelease(kv.get("ID"), idLike.isEmpty() ? List.of() : Arrays.asList(idLike.split("\\s+")),
                kv.get("VERSION_ID"), kv.get("PRETTY_NAME"));
    }

    private static Fact<String> kernelRelease(HostFs fs) {
        ProbeSupport.Line l = line(fs, "/proc/sys/kernel/osrelease");
        if (l.ok() && !l.text().isEmpty()) {
            return Fact.of(l.text(), l.evidence());
        }
        ProbeSupport.Line v = line(fs, "/proc/version");
        if (v.ok()) {
            String r = releaseFromProcVersion(v.text());
            if (r != null) {
                return Fact.of(r, v.evidence());
            }
        }
        return Fact.unknown("/proc/sys/kernel/osrelease and /proc/version: "
                + (v.ok() ? "no release in /proc/version" : v.error()));
    }

    /** "Linux version 3.10.0-1160.el7.x86_64 (mockbuild@...) ..." -> "3.10.0-1160.el7.x86_64". */
    static String releaseFromProcVersion(String text) {
        String prefix = "Linux version ";
        if (!text.startsWith(prefix)) {
            return null;
        }
        String rest = text.substring(prefix.length());
        int sp = rest.indexOf(' ');
        String r = sp < 0 ? rest : rest.substring(0, sp);
        return r.isEmpty() ? null : r;
    }

    private static Fact<Boolean> overlay(HostFs fs) {
        try {
            boolean has = fs.readString("/proc/filesystems").lines().map(String::trim)
                    .anyMatch(l -> l.equals("overlay") || l.endsWith("\toverlay") || l.endsWith(" overlay"));
            return Fact.of(has, new Evidence("/proc/filesystems", has ? "overlay" : "no overlay"));
        } catch (IOException e) {
            return Fact.unknown(Fs.describe("/proc/filesystems", e));
        }
    }

    private static Fact<Integer> cgroupVersion(HostRoot root) {
        HostFs fs = root.fs();
        if (fs.exists("/sys/fs/cgroup/cgroup.controllers")) {
            return Fact.of(2, new Evidence("/sys/fs/cgroup/cgroup.controllers", "present: cgroup v2"));
        }
        for (String c : List.of("cpu", "memory", "cpuset", "pids")) {
            if (fs.isDirectory("/sys/fs/cgroup/" + c)) {
                return Fact.of(1, new Evidence("/sys/fs/cgroup/" + c, "present: cgroup v1 hierarchy"));
            }
        }
        // a mounted host's /proc/self is the agent's own container, not the host: only trust it elsewhere
        if (root.kind() != HostRoot.Kind.MOUNTED) {
            try {
                String mounts = fs.readString("/proc/self/mounts");
                Integer v = cgroupFromMounts(mounts);
                if (v != null) {
                    return Fact.of(v, new Evidence("/proc/self/mounts", "cgroup" + (v == 2 ? "2" : "")
                            + " mounted on /sys/fs/cgroup"));
                }
            } catch (IOException e) {
                // fall through
            }
        }
        return Fact.unknown("/sys/fs/cgroup shows neither cgroup v2 nor v1 controllers");
    }

    static Integer cgroupFromMounts(String mounts) {
        boolean v1 = false;
        for (String line : mounts.split("\n")) {
            String[] f = line.split("\\s+");
            if (f.length < 3 || !f[1].startsWith("/sys/fs/cgroup")) {
                continue;
            }
            if (f[2].equals("cgroup2") && f[1].equals("/sys/fs/cgroup")) {
                return 2;
            }
            if (f[2].equals("cgroup")) {
                v1 = true;
            }
        }
        return v1 ? 1 : null;
    }

    private static Fact<OsFacts.KernelConfig> kernelConfig(HostFs fs, Fact<String> release) {
        List<String> tried = new ArrayList<>();
        try {
            byte[] gz = fs.read("/proc/config.gz");
            return Fact.of(new OsFacts.KernelConfig("/proc/config.gz", parseKernelConfig(gunzip(gz))),
                    new Evidence("/proc/config.gz", gz.length + " bytes compressed"));
        } catch (IOException e) {
            tried.add(Fs.describe("/proc/config.gz", e));
        }
        if (release.known()) {
            String path = "/boot/config-" + release.get();
            try {
                String text = fs.readString(path);
                return Fact.of(new OsFacts.KernelConfig(path, parseKernelConfig(text)),
                        new Evidence(path, text.length() + " bytes"));
            } catch (IOException e) {
                tried.add(Fs.describe(path, e));
            }
        } else {
            tried.add("/boot/config-<release>: kernel release unknown");
        }
        return Fact.unknown(String.join("; ", tried));
    }

    static String gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            byte[] b = in.readNBytes(MAX_CONFIG_BYTES + 1);
            if (b.length > MAX_CONFIG_BYTES) {
                throw new IOException("decompresses to more than " + (MAX_CONFIG_BYTES >> 20) + " MiB");
            }
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /** CONFIG_X=value lines; "# CONFIG_X is not set" and everything else is left out. */
    static Map<String, String> parseKernelConfig(String text) {
        Map<String, String> m = new HashMap<>(8192);
        int i = 0;
        int n = text.length();
        while (i < n) {
            int end = text.indexOf('\n', i);
            if (end < 0) {
                end = n;
            }
            if (text.startsWith("CONFIG_", i)) {
                int eq = text.indexOf('=', i);
                if (eq > 0 && eq < end) {
                    String v = text.substring(eq + 1, end).trim();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    m.put(text.substring(i, eq), v);
                }
            }
            i = end + 1;
        }
        return m;
    }

    private static Fact<Boolean> realtime(HostFs fs, Fact<String> version, Fact<OsFacts.KernelConfig> config) {
        ProbeSupport.Line rt = line(fs, "/sys/kernel/realtime");
        if (rt.ok() && rt.text().equals("1")) {
            return Fact.of(true, rt.evidence());
        }
        if (config.known() && config.get().options().containsKey("CONFIG_PREEMPT_RT")) {
            return Fact.of(config.get().enabled("PREEMPT_RT"), new Evidence(config.get().source(),
                    "CONFIG_PREEMPT_RT=" + config.get().options().get("CONFIG_PREEMPT_RT")));
        }
        if (version.known()) {
            boolean isRt = version.get().contains("PREEMPT_RT") || version.get().contains("PREEMPT RT");
            List<Evidence> ev = new ArrayList<>(version.evidence());
            ev.add(rt.evidence());
            return Fact.of(isRt, ev);
        }
        if (config.known()) {
            return Fact.of(false, new Evidence(config.get().source(), "no CONFIG_PREEMPT_RT"));
        }
        return Fact.unknown("neither /sys/kernel/realtime, the kernel version string nor its config could be read");
    }
}
