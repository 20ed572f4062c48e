package io.ra2check.agent.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.KubeletFacts;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.report.Evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kubelet's effective CPU and topology settings: its config file (the --config path on its command line, else
 * /var/lib/kubelet/config.yaml), drop-ins from --config-dir, and the command-line flags that override both.
 */
public final class KubeletProbe {
    static final String DEFAULT_CONFIG = "/var/lib/kubelet/config.yaml";
    /** Larger kubelet configs do not exist; refuse to parse something that big. */
    static final int MAX_CONFIG_BYTES = 1 << 20;

    private final Path overrideConfig;

    /** @param overrideConfig a config file on this machine to use instead of the host's (pre-join checks), or null */
    public KubeletProbe(Path overrideConfig) {
        this.overrideConfig = overrideConfig;
    }

    public KubeletFacts probe(HostRoot root) {
        HostFs fs = root.fs();
        List<Evidence> ev = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        Map<String, Object> merged = new LinkedHashMap<>();
        CommandLine cmd = null;
        try {
            if (overrideConfig != null) {
                byte[] bytes = Files.readAllBytes(overrideConfig);
                merge(merged, parseYaml(bytes, overrideConfig.toString()));
                sources.add(overrideConfig + " (--kubelet-config)");
                ev.add(new Evidence(overrideConfig.toString(), "given with --kubelet-config"));
            } else {
                cmd = findKubelet(fs);
                String configPath = cmd != null && cmd.flags().containsKey("config") ? cmd.flags().get("config")
                        : DEFAULT_CONFIG;
                if (cmd != null) {
                    ev.add(new Evidence(cmd.source(), "kubelet running, --config " + cmd.flags().get("config")));
                }
                byte[] bytes;
                try {
                    bytes = fs.read(configPath);
                } catch (java.nio.file.NoSuchFileException e) {
                    if (cmd == null) {
                        // of a capture made by another tool nobody knows what ran: only that none was captured
                        String why = switch (root.kind()) {
                            case LIVE, MOUNTED -> "no kubelet is running and " + configPath
                                    + " is missing: the node has not joined a cluster yet";
                            case SNAPSHOT -> "no kubelet was running when this snapshot was taken and " + configPath
                                    + " was missing: the node had not joined a cluster yet";
                            case TREE -> "this capture holds no kubelet process (/proc/<pid>) and no " + configPath
                                    + ": the kubelet's settings were not captured";
                        };
                        return new KubeletFacts(Fact.unknown(why + " (give the planned config with "
                                + "--kubelet-config)", ev));
                    }
                    bytes = null;
                    ev.add(new Evidence(configPath, "(missing: kubelet runs on flags only)"));
                }
                if (bytes != null) {
                    merge(merged, parseYaml(bytes, configPath));
                    sources.add(configPath);
                    ev.add(new Evidence(configPath, bytes.length + " bytes"));
                }
                if (cmd != null && cmd.flags().containsKey("config-dir")) {
                    String dir = cmd.flags().get("config-dir");
                    for (String name : ProbeSupport.listOrEmpty(fs, dir)) {
                        if (name.endsWith(".conf")) {
                            String p = Fs.join(dir, name);
                            merge(merged, parseYaml(fs.read(p), p));
                            sources.add(p);
                            ev.add(new Evidence(p, "drop-in"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            return new KubeletFacts(Fact.unknown(e.getMessage(), ev));
        } catch (IllegalArgumentException e) {
            return new KubeletFacts(Fact.unknown(e.getMessage(), ev));
        }
        if (cmd != null && !cmd.flags().isEmpty()) {
            sources.add(cmd.source());
        }
        KubeletFacts.Config c = effective(merged, cmd == null ? Map.of() : cmd.flags(), sources);
        ev.add(new Evidence("kubelet settings", "cpuManagerPolicy=" + c.cpuManagerPolicy() + " topologyManagerPolicy="
                + c.topologyManagerPolicy() + " reservedSystemCPUs=" + c.reservedSystemCpus() + " featureGates="
                + c.featureGates()));
        return new KubeletFacts(Fact.of(c, ev));
    }

    /** The kubelet's command line: where it was read and its --flags (value of the last occurrence). */
    record CommandLine(String source, Map<String, String> flags) {
    }

    private static CommandLine findKubelet(HostFs fs) {
        for (String pid : ProbeSupport.listOrEmpty(fs, "/proc")) {
            if (pid.isEmpty() || !Character.isDigit(pid.charAt(0)) || !pid.chars().allMatch(Character::isDigit)) {
                continue;
            }
            ProbeSupport.Line comm = ProbeSupport.line(fs, "/proc/" + pid + "/comm");
            if (!comm.ok() || !comm.text().equals("kubelet")) {
                continue;
            }
            try {
                String path = "/proc/" + pid + "/cmdline";
                return new CommandLine(path, parseCommandLine(fs.read(path)));
            } catch (IOException e) {
                // the process ended between listing and reading: keep looking
            }
        }
        return null;
    }

    /** NUL-separated arguments -> flags; "--a=b" and "--a b" both give a -> b; a bare "--a" gives a -> "true". */
    static Map<String, String> parseCommandLine(byte[] cmdline) {
        String[] args = new String(cmdline, StandardCharsets.UTF_8).split("\0");
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                continue;
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                flags.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                flags.put(a.substring(2), args[++i]);
            } else {
                flags.put(a.substring(2), "true");
            }
        }
        return flags;
    }

    private static Map<String, Object> parseYaml(byte[] bytes, String path) throws IOException {
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw new IOException(path + ": larger than " + (MAX_CONFIG_BYTES >> 10) + " KiB, not a kubelet config");
        }
        JsonNode n;
        try {
            n = new YAMLMapper().readTree(bytes);
        } catch (IOException e) {
            throw new IOException(path + ": not valid YAML");
        }
        if (n == null || n.isMissingNode() || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw new IOException(path + ": not a KubeletConfiguration (the document is not a mapping)");
        }
        String kind = n.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals("KubeletConfiguration")) {
            throw new IOException(path + ": kind is " + kind + ", not KubeletConfiguration");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) io.ra2check.report.RequirementCatalog.toJava(n);
        return m;
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

    /** Config values with the command-line flags (which win, as in the kubelet) applied. */
    static KubeletFacts.Config effective(Map<String, Object> config, Map<String, String> flags, List<String> sources) {
        String cpu = string(config.get("cpuManagerPolicy"));
        String topo = string(config.get("topologyManagerPolicy"));
        String reserved = string(config.get("reservedSystemCPUs"));
        Map<String, Boolean> gates = new TreeMap<>();
        if (config.get("featureGates") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> gates.put(String.valueOf(k), parseBool(v)));
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
            for (String kv : flags.get("feature-gates").split(",")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    gates.put(kv.substring(0, eq).trim(), parseBool(kv.substring(eq + 1).trim()));
                }
            }
        }
        if (flags.containsKey("system-reserved")) {
            systemReserved = parseKeyValues(flags.get("system-reserved"));
        }
        if (flags.containsKey("kube-reserved")) {
            kubeReserved = parseKeyValues(flags.get("kube-reserved"));
        }
        return new KubeletFacts.Config(List.copyOf(sources), cpu == null || cpu.isEmpty() ? "none" : cpu,
                topo == null || topo.isEmpty() ? "none" : topo, reserved == null || reserved.isBlank() ? null : reserved,
                Map.copyOf(gates), systemReserved, kubeReserved);
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static Boolean parseBool(Object v) {
        return v instanceof Boolean b ? b : Boolean.valueOf("true".equalsIgnoreCase(String.valueOf(v).trim()));
    }

    private static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new TreeMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return Map.copyOf(out);
    }

    private static Map<String, String> parseKeyValues(String s) {
        Map<String, String> out = new TreeMap<>();
        for (String kv : s.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        return Map.copyOf(out);
    }
}
