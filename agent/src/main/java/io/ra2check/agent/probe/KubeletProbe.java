package io.ra2check.agent.probe;

import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.KubeletFacts;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.report.Evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kubelet's effective CPU and topology settings: its config file (the --config path on its command line, else
 * /var/lib/kubelet/config.yaml), drop-ins from --config-dir, and the command-line flags that override both. A file
 * or flag the kubelet would refuse makes the settings unknown, never its defaults.
 */
public final class KubeletProbe {
    static final String DEFAULT_CONFIG = "/var/lib/kubelet/config.yaml";
    /** Reserved CPUs whose siblings are read; a reservation of more is judged on its count. */
    static final int MAX_SIBLING_READS = 256;

    private final Path overrideConfig;

    /** @param overrideConfig a config file on this machine to use instead of the host's (pre-join checks), or null */
    public KubeletProbe(Path overrideConfig) {
        this.overrideConfig = overrideConfig;
    }

    public KubeletFacts probe(HostRoot root) {
        Fact<KubeletFacts.Config> config = config(root);
        return new KubeletFacts(config, threadSiblings(root.fs(), config));
    }

    /** The operator's file, read and checked before any host is (a bad one is a usage error, not a verdict). */
    public static KubeletConfigFile.Parsed readOperatorFile(Path file) throws KubeletConfigFile.InvalidKubeletConfig {
        byte[] bytes;
        try {
            if (Files.size(file) > io.ra2check.report.yaml.BoundedYaml.CONFIG.maxBytes()) {
                throw new KubeletConfigFile.InvalidKubeletConfig(file + ": larger than "
                        + (io.ra2check.report.yaml.BoundedYaml.CONFIG.maxBytes() >> 20) + " MiB, not a kubelet config");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KubeletConfigFile.InvalidKubeletConfig(file + ": cannot be read (" + Fs.why(e) + ")");
        }
        return KubeletConfigFile.parse(bytes, file.toString(), KubeletConfigFile.Mode.OPERATOR);
    }

    private Fact<KubeletFacts.Config> config(HostRoot root) {
        List<Evidence> ev = new ArrayList<>();
        if (overrideConfig != null) {
            try {
                KubeletConfigFile.Parsed parsed = readOperatorFile(overrideConfig);
                ev.add(new Evidence(overrideConfig.toString(), "given with --kubelet-config"));
                return settings(List.of(overrideConfig + " (--kubelet-config)"), parsed.values(), Map.of(), ev);
            } catch (KubeletConfigFile.InvalidKubeletConfig e) {
                return Fact.unknown(e.getMessage(), ev);
            }
        }
        HostFs fs = root.fs();
        CommandLine cmd = findKubelet(fs);
        Map<String, String> flags = cmd == null ? Map.of() : cmd.flags();
        if (cmd != null) {
            ev.add(new Evidence(cmd.source(), "kubelet running, --config " + flags.get("config")));
            String problem = KubeletFlags.problem(flags);
            if (problem != null) {
                return Fact.unknown(cmd.source() + ": " + problem + " (the kubelet refuses such a value, so what it "
                        + "runs with is unknown)", ev);
            }
        }
        // a kubelet started without --config reads no file (the default path is kubeadm's, passed as --config)
        String configPath = cmd == null ? DEFAULT_CONFIG : flags.get("config");
        List<String> sources = new ArrayList<>();
        Map<String, Object> merged = new LinkedHashMap<>();
        byte[] bytes = null;
        try {
            if (configPath != null) {
                bytes = fs.read(configPath);
            } else {
                ev.add(new Evidence(cmd.source(), "no --config: the kubelet runs on its flags and defaults"));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            if (cmd == null) {
                // of a capture made by another tool nobody knows what ran: only that none was captured
                String why = switch (root.kind()) {
                    // a ra2check snapshot records /proc: it says what the server said (the same verdicts as there)
                    case LIVE, MOUNTED, SNAPSHOT -> "no kubelet process under /proc and " + configPath
                            + " is missing: the node has not joined a cluster yet";
                    case TREE -> "this capture holds no kubelet process (/proc/<pid>) and no " + configPath
                            + ": the kubelet's settings were not captured";
                };
                return Fact.unknown(why + " (give the planned config with --kubelet-config)", ev);
            }
            // the kubelet does not start without its --config file: it was removed since, or not captured
            return Fact.unknown(configPath + " (the kubelet's --config in " + cmd.source() + ") is missing, so what "
                    + "the kubelet loaded is unknown", ev);
        } catch (IOException e) {
            return Fact.unknown(Fs.describe(configPath, e), ev);
        }
        if (cmd == null) {
            ev.add(new Evidence("/proc", "no kubelet process found: " + configPath + " is the kubelet's default path"));
        }
        try {
            if (bytes != null) {
                merge(merged, hostFile(bytes, configPath, ev));
                sources.add(configPath);
                ev.add(new Evidence(configPath, bytes.length + " bytes"));
            }
            if (flags.containsKey("config-dir")) {
                String dir = flags.get("config-dir");
                // the kubelet applies drop-ins in the order of their names
                for (String name : new java.util.TreeSet<>(ProbeSupport.listOrEmpty(fs, dir))) {
                    if (name.endsWith(".conf")) {
                        String p = Fs.join(dir, name);
                        byte[] dropIn = fs.read(p);
                        merge(merged, hostFile(dropIn, p, ev));
                        sources.add(p);
                        ev.add(new Evidence(p, "drop-in, " + dropIn.length + " bytes"));
                    }
                }
            }
        } catch (KubeletConfigFile.InvalidKubeletConfig e) {
            return Fact.unknown(e.getMessage() + " (the kubelet cannot start with this file, so what it runs with is "
                    + "unknown)", ev);
        } catch (IOException e) {
            return Fact.unknown(e.getMessage(), ev);
        }
        if (!flags.isEmpty()) {
            sources.add(cmd.source());
        }
        return settings(sources, merged, flags, ev);
    }

    private static Map<String, Object> hostFile(byte[] bytes, String path, List<Evidence> ev)
            throws KubeletConfigFile.InvalidKubeletConfig {
        KubeletConfigFile.Parsed parsed = KubeletConfigFile.parse(bytes, path, KubeletConfigFile.Mode.HOST);
        for (String w : parsed.warnings()) {
            ev.add(new Evidence(path, w));
        }
        return parsed.values();
    }

    private static Fact<KubeletFacts.Config> settings(List<String> sources, Map<String, Object> config,
                                                      Map<String, String> flags, List<Evidence> ev) {
        KubeletFacts.Config c = effective(config, flags, sources);
        ev.add(new Evidence("kubelet settings", "cpuManagerPolicy=" + c.cpuManagerPolicy() + " topologyManagerPolicy="
                + c.topologyManagerPolicy() + " reservedSystemCPUs=" + c.reservedSystemCpus() + " featureGates="
                + c.featureGates()));
        return Fact.of(c, ev);
    }

    /** The kubelet's command line: where it was read and its --flags (value of the last occurrence). */
    record CommandLine(String source, Map<String, String> flags) {
    }

    private static CommandLine findKubelet(HostFs fs) {
        for (String pid : ProbeSupport.listOrEmpty(fs, "/proc")) {
            if (pid.isEmpty() || !pid.chars().allMatch(Character::isDigit)) {
                continue;
            }
            ProbeSupport.Line comm = ProbeSupport.line(fs, "/proc/" + pid + "/comm");
            if (!comm.ok() || !comm.text().equals("kubelet")) {
                continue;
            }
            try {
                String path = "/proc/" + pid + "/cmdline";
                return new CommandLine(path, KubeletFlags.parse(fs.read(path)));
            } catch (IOException e) {
                // the process ended between listing and reading: keep looking
            }
        }
        return null;
    }

    /** @see KubeletFlags#parse */
    static Map<String, String> parseCommandLine(byte[] cmdline) {
        return KubeletFlags.parse(cmdline);
    }

    /** Drop-ins override the config key by key; maps (featureGates, systemReserved) merge key by key. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            Object old = into.get(e.getKey());
            if (old instanceof Map<?, ?> om && e.getValue() instanceof Map<?, ?> nm) {
                Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) om);
                m.putAll((Map<String, Object>) nm);
                into.put(e.getKey(), m);
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * Config values with the command-line flags (which win, as in the kubelet) applied. Both are already checked
     * ({@link KubeletConfigFile}, {@link KubeletFlags#problem}).
     */
    static KubeletFacts.Config effective(Map<String, Object> config, Map<String, String> flags, List<String> sources) {
        String cpu = string(config.get("cpuManagerPolicy"));
        String topo = string(config.get("topologyManagerPolicy"));
        String reserved = string(config.get("reservedSystemCPUs"));
        Map<String, Boolean> gates = new TreeMap<>();
        if (config.get("featureGates") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof Boolean b) {
                    gates.put(String.valueOf(k), b);
                }
            });
        }
        Map<String, String> systemReserved = stringMap(config.get("systemReserved"));
        Map<String, String> kubeReserved = stringMap(config.get("kubeReserved"));
        if (flags.containsKey("cpu-manager-policy")) {
            cpu = flags.get("cpu-manager-policy");
        }
        if (flags.containsKey("topology-manager-policy")) {
            topo = flags.get("topology-manager-policy");
        }
        if (flags.containsKey("reserved-cpus")) {
            reserved = flags.get("reserved-cpus");
        }
        if (flags.containsKey("feature-gates")) {
            gates.putAll(KubeletFlags.featureGates(flags.get("feature-gates")));
        }
        if (flags.containsKey("system-reserved")) {
            systemReserved = KubeletFlags.resources(flags.get("system-reserved"));
        }
        if (flags.containsKey("kube-reserved")) {
            kubeReserved = KubeletFlags.resources(flags.get("kube-reserved"));
        }
        return new KubeletFacts.Config(List.copyOf(sources), cpu == null || cpu.isEmpty() ? "none" : cpu,
                topo == null || topo.isEmpty() ? "none" : topo, reserved == null || reserved.isBlank() ? null : reserved,
                Map.copyOf(gates), Map.copyOf(systemReserved), Map.copyOf(kubeReserved));
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new TreeMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** thread_siblings_list of CPU 0 and of each reserved CPU (up to {@link #MAX_SIBLING_READS}). */
    static Fact<KubeletFacts.ThreadSiblings> threadSiblings(HostFs fs, Fact<KubeletFacts.Config> config) {
        BitSet cpus = new BitSet();
        cpus.set(0);
        if (config.known() && config.get().reservedSystemCpus() != null) {
            try {
                cpus.or(KubeletValues.parseCpuSet(config.get().reservedSystemCpus()));
            } catch (IllegalArgumentException e) {
                // checked when the config was read; nothing more to look up
            }
        }
        Map<Integer, List<Integer>> byCpu = new TreeMap<>();
        Map<Integer, String> unread = new TreeMap<>();
        List<Evidence> ev = new ArrayList<>();
        int reads = 0;
        for (int cpu = cpus.nextSetBit(0); cpu >= 0 && reads < MAX_SIBLING_READS; cpu = cpus.nextSetBit(cpu + 1)) {
            reads++;
            ProbeSupport.Line l = ProbeSupport.line(fs, "/sys/devices/system/cpu/cpu" + cpu + "/topology/"
                    + "thread_siblings_list");
            if (!l.ok()) {
                unread.put(cpu, l.path() + ": " + l.error());
                continue;
            }
            try {
                BitSet s = KubeletValues.parseCpuSet(l.text());
                byCpu.put(cpu, s.stream().boxed().toList());
                ev.add(l.evidence());
            } catch (IllegalArgumentException e) {
                unread.put(cpu, l.path() + ": " + e.getMessage());
            }
        }
        if (byCpu.isEmpty()) {
            return Fact.unknown("no thread_siblings_list could be read: " + String.join("; ", unread.values()), ev);
        }
        return Fact.of(new KubeletFacts.ThreadSiblings(new TreeMap<>(byCpu), unread), ev);
    }
}
