package io.ra2check.agent.probe;

import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kubelet's value formats, shared by its config file and its command-line flags so both are read alike: policy
 * names, CPU sets, quantities, durations, Go booleans. Checks return the problem as words, or null when the value
 * is acceptable.
 */
public final class KubeletValues {
    public static final List<String> CPU_MANAGER_POLICIES = List.of("none", "static");
    public static final List<String> TOPOLOGY_MANAGER_POLICIES = List.of("none", "best-effort", "restricted",
            "single-numa-node");
    public static final List<String> TOPOLOGY_MANAGER_SCOPES = List.of("container", "pod");
    /** The kubelet's own CPU sets never name more CPUs than this; a longer list is not a machine's. */
    static final int MAX_CPU = 1 << 16;

    private static final Pattern DURATION = Pattern.compile(
            "[-+]?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)");
    private static final Pattern QUANTITY = Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?");

    private KubeletValues() {
    }

    public static String cpuManagerPolicy(String v) {
        return oneOf(v, CPU_MANAGER_POLICIES, "CPU manager policy");
    }

    public static String topologyManagerPolicy(String v) {
        return oneOf(v, TOPOLOGY_MANAGER_POLICIES, "topology manager policy");
    }

    public static String topologyManagerScope(String v) {
        return oneOf(v, TOPOLOGY_MANAGER_SCOPES, "topology manager scope");
    }

    private static String oneOf(String v, List<String> allowed, String what) {
        // the kubelet compares the names exactly; an empty value is its default
        if (v.isEmpty() || allowed.contains(v)) {
            return null;
        }
        return "'" + abbreviate(v) + "' is not a " + what + " (expected one of " + String.join(", ", allowed) + ")";
    }

    /** reservedSystemCPUs / --reserved-cpus: the kubelet's cpuset syntax ("0-3,8"), without the kernel's strides. */
    public static String cpuSet(String v) {
        try {
            parseCpuSet(v);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * The distinct CPUs of a cpuset ("0,0" is one CPU, as in the kubelet), bounded by {@link #MAX_CPU}.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static BitSet parseCpuSet(String text) {
        BitSet out = new BitSet();
        String t = text.trim();
        if (t.isEmpty()) {
            return out;
        }
        for (String part : t.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            int a;
            int b;
            try {
                a = cpu(dash < 0 ? p : p.substring(0, dash));
                b = dash < 0 ? a : cpu(p.substring(dash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a CPU list (such as \"0,40\" or "
                        + "\"0-1\"): bad part '" + abbreviate(p) + "'");
            }
            if (b < a) {
                throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a CPU list: range '"
                        + abbreviate(p) + "' ends before it starts");
            }
            out.set(a, b + 1);
        }
        return out;
    }

    private static int cpu(String s) {
        if (s.isEmpty() || s.length() > 6 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(s);
        }
        int v = Integer.parseInt(s);
        if (v >= MAX_CPU) {
            throw new NumberFormatException(s);
        }
        return v;
    }

    /** A resource quantity ("200m", "1Gi", "1.5"). */
    public static String quantity(String v) {
        return QUANTITY.matcher(v).matches() ? null : "'" + abbreviate(v) + "' is not a quantity (such as 500m or 1Gi)";
    }

    public static boolean isDuration(String v) {
        return v.length() <= 100 && DURATION.matcher(v).matches();
    }

    /** Go's strconv.ParseBool, which the kubelet's --feature-gates uses. */
    public static Boolean goBool(String v) {
        return switch (v) {
            case "1", "t", "T", "true", "TRUE", "True" -> Boolean.TRUE;
            case "0", "f", "F", "false", "FALSE", "False" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** " (did you mean 'x'?)" for the nearest of the names within two edits (or differing in case), else "". */
    public static String didYouMean(String name, Collection<String> names) {
        String best = null;
        int bestDistance = 3;
        if (name.length() > 64) {
            return "";
        }
        for (String n : names) {
            int d = n.equalsIgnoreCase(name) ? 0 : distance(name.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT),
                    bestDistance);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Levenshtein distance, or {@code limit} as soon as it is known to be at least that. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) {
                return limit;
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return Math.min(prev[b.length()], limit);
    }

    /** Shown values are cut: a hostile file must not fill a terminal with one of them. */
    public static String abbreviate(String s) {
        String t = s.replaceAll("[\\p{Cntrl}]", "?");
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
    }
}
