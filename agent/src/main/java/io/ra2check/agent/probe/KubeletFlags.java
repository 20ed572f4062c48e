package io.ra2check.agent.probe;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kubelet's command line (/proc/PID/cmdline), read as its flag library reads it, and the flags that override
 * config fields checked with the same rules as those fields ({@link KubeletValues}).
 */
public final class KubeletFlags {
    /** More arguments than any kubelet unit has: the rest is not read. */
    static final int MAX_ARGS = 4096;

    private KubeletFlags() {
    }

    /**
     * NUL-separated arguments -> flags; "--a=b" and "--a b" both give a -> b; a bare "--a" gives a -> "true". A
     * repeated flag keeps its last value, except --feature-gates, whose occurrences add up as in the kubelet.
     */
    public static Map<String, String> parse(byte[] cmdline) {
        String[] args = new String(cmdline, StandardCharsets.UTF_8).split("\0", MAX_ARGS + 1);
        int n = Math.min(args.length, MAX_ARGS);
        if (n > 0 && args[n - 1].isEmpty()) {
            n--; // the NUL that ends the last argument
        }
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 1; i < n; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                continue;
            }
            int eq = a.indexOf('=');
            String name;
            String value;
            if (eq > 0) {
                name = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else if (i + 1 < n && !args[i + 1].startsWith("--")) {
                name = a.substring(2);
                value = args[++i];
            } else {
                name = a.substring(2);
                value = "true";
            }
            if (name.equals("feature-gates") && flags.containsKey(name) && !value.isEmpty()) {
                value = flags.get(name) + "," + value;
            }
            flags.put(name, value);
        }
        return flags;
    }

    /** The problem with the first overriding flag the kubelet would refuse, or null when they are all valid. */
    public static String problem(Map<String, String> flags) {
        for (Map.Entry<String, String> f : flags.entrySet()) {
            String v = f.getValue();
            String p = switch (f.getKey()) {
                case "cpu-manager-policy" -> KubeletValues.cpuManagerPolicy(v);
                case "topology-manager-policy" -> KubeletValues.topologyManagerPolicy(v);
                case "topology-manager-scope" -> KubeletValues.topologyManagerScope(v);
                case "reserved-cpus" -> KubeletValues.cpuSet(v);
                case "feature-gates" -> featureGatesProblem(v);
                case "system-reserved", "kube-reserved" -> resourcesProblem(v);
                default -> null;
            };
            if (p != null) {
                return "--" + f.getKey() + ": " + p;
            }
        }
        return null;
    }

    /** "A=true,B=false" -> gates; the values as Go's ParseBool reads them. */
    public static Map<String, Boolean> featureGates(String value) {
        Map<String, Boolean> gates = new TreeMap<>();
        for (String kv : value.split(",")) {
            if (kv.isBlank()) {
                continue;
            }
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + KubeletValues.abbreviate(kv) + "' is not Gate=true|false");
            }
            Boolean b = KubeletValues.goBool(kv.substring(eq + 1).trim());
            if (b == null) {
                throw new IllegalArgumentException("'" + KubeletValues.abbreviate(kv) + "': the value is not a boolean");
            }
            gates.put(kv.substring(0, eq).trim(), b);
        }
        return gates;
    }

    /** "cpu=200m,memory=1Gi" -> resources. */
    public static Map<String, String> resources(String value) {
        Map<String, String> out = new TreeMap<>();
        for (String kv : value.split(",")) {
            if (kv.isBlank()) {
                continue;
            }
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + KubeletValues.abbreviate(kv) + "' is not resource=quantity");
            }
            String q = kv.substring(eq + 1).trim();
            String problem = KubeletValues.quantity(q);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            out.put(kv.substring(0, eq).trim(), q);
        }
        return out;
    }

    private static String featureGatesProblem(String v) {
        try {
            featureGates(v);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String resourcesProblem(String v) {
        try {
            resources(v);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
