package io.ra2check.agent.snapshot;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ra2check.agent.NodeScan;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.KubeletFacts;
import io.ra2check.agent.host.ArchiveMember;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.host.HostRoots;
import io.ra2check.agent.host.SnapshotManifest;
import io.ra2check.agent.host.TreeHostFs;
import io.ra2check.agent.probe.SmbiosRedactor;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Captures exactly what the probes read on a live (or mounted) host, so that a check of the snapshot on another
 * machine gives the same verdicts: every file read, link followed, directory listed and existence test, every read
 * error, and the live-only facts (statvfs). Secrets and machine identifiers stay behind: serial numbers and UUIDs
 * unless asked for, kubelet settings other than those ra2check judges, other processes.
 */
public final class SnapshotWriter {
    private static final Set<String> SERIAL_FILES = Set.of("product_serial", "board_serial", "chassis_serial",
            "product_uuid", "board_asset_tag", "chassis_asset_tag");

    private final NodeScan scan;
    private final String toolVersion;

    public SnapshotWriter(NodeScan scan, String toolVersion) {
        this.scan = scan;
        this.toolVersion = toolVersion;
    }

    /** What was written. */
    public record Result(Path file, int entries, long bytes, HostFacts facts) {
    }

    /**
     * @param rootLocation "/" for this host, or a live host's root mounted elsewhere
     */
    public Result write(String rootLocation, Path out, boolean includeSerials, Instant now)
            throws IOException, HostRoots.UnusableRootException {
        String location = rootLocation == null ? "/" : rootLocation;
        Map<String, String> unread = unreadTrees(Path.of(location));
        Recorder rec = new Recorder();
        HostRoot root = HostRoots.open(location, false, rec, toolVersion);
        HostFacts facts = scan.facts(root);
        List<ArchiveMember> entries = entries(rec, facts, includeSerials);
        Map<String, SnapshotManifest.RecordedStat> stats = new LinkedHashMap<>();
        if (facts.filesystem().measuredPath() != null) {
            var st = facts.filesystem().runtimeStorage();
            stats.put(facts.filesystem().measuredPath(), st.known()
                    ? new SnapshotManifest.RecordedStat(st.get().totalBytes(), st.get().availableBytes(), null)
                    : new SnapshotManifest.RecordedStat(null, null, st.unknownReason()));
        }
        com.fasterxml.jackson.databind.ObjectMapper json = JsonMapper.builder().build();
        var kernel = facts.network().kernelCalls();
        SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.FORMAT, toolVersion, now,
                facts.os().hostname().orElse(null), includeSerials, stats, rec.errors,
                kernel.known() ? json.valueToTree(kernel.get()) : null, unread);
        entries.add(0, ArchiveMember.file(SnapshotManifest.FILE_NAME, manifest.toJson(json)));
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
        try {
            try (OutputStream o = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                ArchiveWriter.write(entries, o);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Result(out, entries.size(), Files.size(out), facts);
    }

    /**
     * The kernel trees that could not be read at {@code root} (not there, or an empty mount point: {@code /host/proc}
     * not mounted), with the reason: the snapshot records them as unread, so that what is absent under them reads as
     * unknown, not as absent from the host.
     *
     * @throws HostRoots.UnusableRootException when neither can be read: that is not a host root
     */
    static Map<String, String> unreadTrees(Path root) throws HostRoots.UnusableRootException {
        Map<String, String> unread = new TreeMap<>();
        for (String tree : new String[] {"proc", "sys"}) {
            Path dir = root.resolve(tree);
            String why = null;
            if (!Files.isDirectory(dir)) {
                why = dir + " does not exist";
            } else {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isEmpty()) {
                        why = dir + " is empty (" + (tree.equals("proc") ? "procfs" : "sysfs") + " not mounted there)";
                    }
                } catch (IOException e) {
                    why = dir + " cannot be listed (" + Fs.why(e) + ")";
                }
            }
            if (why != null) {
                unread.put("/" + tree, why + " when the snapshot was taken");
            }
        }
        if (unread.size() == 2) {
            throw new HostRoots.UnusableRootException("root " + root + " has neither proc/ nor sys/ to read, so it is "
                    + "not a host root (for a host mounted elsewhere, mount its /proc and /sys there too)");
        }
        return unread;
    }

    /** Everything the probes touched, by real path. */
    static final class Recorder implements TreeHostFs.AccessListener {
        final Map<String, byte[]> files = new TreeMap<>();
        final Map<String, String> links = new TreeMap<>();
        final Map<String, TreeHostFs.Kind> present = new TreeMap<>();
        final Map<String, String> errors = new TreeMap<>();

        @Override
        public void link(String realPath, String target) {
            links.put(realPath, target);
        }

        @Override
        public void file(String realPath, byte[] content) {
            files.put(realPath, content);
        }

        @Override
        public void directory(String realPath, Map<String, TreeHostFs.Kind> children) {
            present.put(realPath, TreeHostFs.Kind.DIRECTORY);
            for (Map.Entry<String, TreeHostFs.Kind> c : children.entrySet()) {
                // directories and links must be there for a listing to come out the same; files are recorded when read
                if (c.getValue() == TreeHostFs.Kind.DIRECTORY) {
                    present.putIfAbsent(join(realPath, c.getKey()), TreeHostFs.Kind.DIRECTORY);
                } else if (c.getValue() == TreeHostFs.Kind.FILE || c.getValue() == TreeHostFs.Kind.OTHER) {
                    present.putIfAbsent(join(realPath, c.getKey()), TreeHostFs.Kind.FILE);
                }
            }
        }

        @Override
        public void present(String realPath, TreeHostFs.Kind kind) {
            present.putIfAbsent(realPath, kind);
        }

        @Override
        public void failed(String path, IOException error) {
            errors.put(path, Fs.why(error));
        }

        private static String join(String dir, String name) {
            return dir.equals("/") ? "/" + name : dir + "/" + name;
        }
    }

    private static List<ArchiveMember> entries(Recorder rec, HostFacts facts, boolean includeSerials) {
        Set<String> kubeletFiles = kubeletFiles(facts);
        Set<String> brokenKubeletFiles = unkeptKubeletFiles(rec, kubeletFiles);
        for (String path : brokenKubeletFiles) {
            rec.errors.put(path, "not kept in the snapshot: it did not read as a kubelet config on the host ("
                    + (facts.kubelet().config().known() ? "not one of its sources"
                    : facts.kubelet().config().unknownReason()) + ")");
        }
        Set<String> keptPids = new java.util.HashSet<>();
        for (String f : rec.files.keySet()) {
            String pid = pidOf(f);
            // a process whose files were read (the kubelet's command line, /proc/self/net/*), not only its name
            if (pid != null && !f.equals("/proc/" + pid + "/comm")) {
                keptPids.add(pid);
            }
        }
        List<ArchiveMember> out = new ArrayList<>();
        for (Map.Entry<String, TreeHostFs.Kind> p : rec.present.entrySet()) {
            String path = p.getKey();
            if (rec.files.containsKey(path) || rec.links.containsKey(path) || path.equals("/")
                    || otherProcess(path, keptPids)) {
                continue;
            }
            out.add(p.getValue() == TreeHostFs.Kind.DIRECTORY ? ArchiveMember.directory(path.substring(1))
                    : ArchiveMember.file(path.substring(1), new byte[0]));
        }
        for (Map.Entry<String, String> l : rec.links.entrySet()) {
            out.add(ArchiveMember.symlink(l.getKey().substring(1), l.getValue()));
        }
        for (Map.Entry<String, byte[]> f : rec.files.entrySet()) {
            String path = f.getKey();
            byte[] content = f.getValue();
            if (otherProcess(path, keptPids) || brokenKubeletFiles.contains(path)) {
                continue;
            }
            if (!includeSerials && SERIAL_FILES.contains(Fs.basename(path)) && path.contains("/dmi/id/")) {
                continue;
            }
            if (!includeSerials && path.equals("/sys/firmware/dmi/tables/DMI")) {
                content = SmbiosRedactor.redact(content);
            }
            if (path.equals("/proc/cmdline")) {
                content = KernelCommandLine.redact(content);
            }
            if (kubeletFiles.contains(path)) {
                content = kubeletSettingsOnly(facts.kubelet());
            } else if (path.startsWith("/proc/") && path.endsWith("/cmdline") && !path.equals("/proc/cmdline")) {
                content = kubeletFlagsOnly(content);
            }
            out.add(ArchiveMember.file(path.substring(1), content));
        }
        return out;
    }

    /** The PID a /proc path is under, or null. */
    private static String pidOf(String path) {
        if (!path.startsWith("/proc/")) {
            return null;
        }
        String rest = path.substring(6);
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        return !first.isEmpty() && first.chars().allMatch(Character::isDigit) ? first : null;
    }

    /**
     * Whether a path belongs to a process other than those whose files the probes needed (the kubelet's command line,
     * this process's network tables behind /proc/net): of the others only the names were read, and they stay behind.
     */
    private static boolean otherProcess(String path, Set<String> keptPids) {
        String pid = pidOf(path);
        return pid != null && !keptPids.contains(pid);
    }

    /**
     * Kubelet config files the probes read that did not make a config (broken YAML, not a KubeletConfiguration): the
     * default path, and the kubelet's --config and --config-dir, whatever came of reading them. They are not copied:
     * a broken file may hold anything (tokens, other settings); the snapshot records why it was not kept instead.
     */
    static Set<String> unkeptKubeletFiles(Recorder rec, Set<String> kept) {
        Set<String> configs = new java.util.HashSet<>();
        configs.add("/var/lib/kubelet/config.yaml");
        List<String> dirs = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : rec.files.entrySet()) {
            if (pidOf(f.getKey()) == null || !f.getKey().endsWith("/cmdline")) {
                continue;
            }
            String[] args = new String(f.getValue(), StandardCharsets.UTF_8).split("\0");
            for (int i = 0; i < args.length; i++) {
                for (String flag : new String[] {"--config", "--config-dir"}) {
                    String value = args[i].startsWith(flag + "=") ? args[i].substring(flag.length() + 1)
                            : args[i].equals(flag) && i + 1 < args.length ? args[i + 1] : null;
                    if (value != null && value.startsWith("/")) {
                        (flag.equals("--config") ? configs : dirs).add(value);
                    }
                }
            }
        }
        Set<String> unkept = new java.util.TreeSet<>();
        for (String path : rec.files.keySet()) {
            boolean inDir = dirs.stream().anyMatch(d -> path.startsWith(d.endsWith("/") ? d : d + "/"));
            if ((configs.contains(path) || inDir) && !kept.contains(path)) {
                unkept.add(path);
            }
        }
        return unkept;
    }

    private static Set<String> kubeletFiles(HostFacts facts) {
        if (!facts.kubelet().config().known()) {
            return Set.of();
        }
        Set<String> s = new java.util.HashSet<>();
        for (String src : facts.kubelet().config().get().sources()) {
            if (src.startsWith("/") && !src.startsWith("/proc/")) {
                s.add(src);
            }
        }
        return s;
    }

    /** The kubelet settings ra2check judges, as a KubeletConfiguration: nothing else of the file is kept. */
    static byte[] kubeletSettingsOnly(KubeletFacts kubelet) {
        KubeletFacts.Config c = kubelet.config().get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", "kubelet.config.k8s.io/v1beta1");
        m.put("kind", "KubeletConfiguration");
        m.put("cpuManagerPolicy", c.cpuManagerPolicy());
        m.put("topologyManagerPolicy", c.topologyManagerPolicy());
        if (c.reservedSystemCpus() != null) {
            m.put("reservedSystemCPUs", c.reservedSystemCpus());
        }
        if (!c.featureGates().isEmpty()) {
            m.put("featureGates", new TreeMap<>(c.featureGates()));
        }
        if (!c.systemReserved().isEmpty()) {
            m.put("systemReserved", new TreeMap<>(c.systemReserved()));
        }
        if (!c.kubeReserved().isEmpty()) {
            m.put("kubeReserved", new TreeMap<>(c.kubeReserved()));
        }
        try {
            return new YAMLMapper().writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Set<String> KUBELET_FLAGS = Set.of("config", "config-dir", "cpu-manager-policy",
            "topology-manager-policy", "reserved-cpus", "feature-gates", "system-reserved", "kube-reserved");

    /** A process command line with only the kubelet flags ra2check reads (values of other flags can be secrets). */
    static byte[] kubeletFlagsOnly(byte[] cmdline) {
        String[] args = new String(cmdline, StandardCharsets.UTF_8).split("\0");
        StringBuilder sb = new StringBuilder(args.length > 0 ? args[0] : "kubelet");
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(2, eq) : a.substring(2);
            if (!KUBELET_FLAGS.contains(name)) {
                continue;
            }
            if (eq > 0) {
                sb.append('\0').append(a);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                sb.append('\0').append("--").append(name).append('=').append(args[++i]);
            }
        }
        sb.append('\0');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
