package io.ra2check.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One RA2 requirement as the catalog ({@code requirements.yaml}) describes it: metadata only, no logic.
 *
 * @param condition  null, or the name of the operator-declared condition the requirement depends on ({@code afxdp})
 * @param scope      how the requirement is judged per node, or null when it is not a per-node verdict (a cluster, network,
 *                   workload or platform requirement: see {@code disposition})
 * @param thresholds numbers and lists the check compares against: {@link Long}, {@link Double}, {@link String},
 *                   {@code List} or {@code Map} values
 */
public record Requirement(
        String id,
        String title,
        String section,
        String text,
        Map<Profile, Level> levels,
        String levelSource,
        String condition,
        Scope scope,
        Map<String, Object> thresholds,
        String remediation,
        Disposition disposition,
        External external,
        String confirm,
        List<String> signals,
        String unknownWhen) {

    /** Who decides a requirement; every ID of the chapter has one, so that what is not decided is visible. */
    public enum Disposition {
        /** The agent, from the host. */
        AGENT,
        /** The collector, from the cluster's API objects and discovery. */
        COLLECTOR,
        /** The workload rules, from manifests or live workloads. */
        WORKLOAD,
        /** A named external test proves it ({@link Requirement#external()}). */
        EXTERNAL,
        /** A person must confirm it ({@link Requirement#confirm()}). */
        MANUAL,
        /** A platform service RA2 itself marks optional. */
        OPTIONAL;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Decided by ra2check itself, without a person or another tool. */
        public boolean automatic() {
            return this == AGENT || this == COLLECTOR || this == WORKLOAD;
        }

        public static Disposition fromWire(String s) {
            for (Disposition d : values()) {
                if (d.wireName().equals(s)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown disposition '" + s
                    + "' (expected agent, collector, workload, external, manual or optional)");
        }

        /** The disposition a per-node requirement has when the catalog does not say. */
        public static Disposition of(Scope scope) {
            return switch (scope) {
                case NODE -> AGENT;
                case CLUSTER -> COLLECTOR;
                case MANUAL -> MANUAL;
            };
        }
    }

    /** The external test that decides a requirement, and the command that runs it. */
    public record External(String test, String command) {
        public External {
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(command, "command");
        }
    }

    /** Who can decide a requirement. */
    public enum Scope {
        /** The agent, from the host. */
        NODE,
        /** The collector, from the cluster's view. */
        CLUSTER,
        /** Only a person. */
        MANUAL
    }

    public Requirement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(disposition, "disposition");
        levels = Map.copyOf(levels);
        signals = signals == null ? List.of() : List.copyOf(signals);
        // the file's order, for messages and documentation
        thresholds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(thresholds));
    }

    /** The requirement family: {@code ch}, {@code k8s}, {@code ntw}, ... (the middle part of the ID). */
    public String family() {
        int a = id.indexOf('.');
        int b = id.lastIndexOf('.');
        return a >= 0 && b > a ? id.substring(a + 1, b) : id;
    }

    /** Judged for every node: a verdict in each node report. */
    public boolean perNode() {
        return scope != null;
    }

    /** The same requirement with other thresholds. */
    public Requirement withThresholds(Map<String, Object> replaced) {
        return new Requirement(id, title, section, text, levels, levelSource, condition, scope, replaced, remediation,
                disposition, external, confirm, signals, unknownWhen);
    }

    public Level level(Profile p) {
        return levels.getOrDefault(p, Level.NONE);
    }

    public long longThreshold(String name) {
        Object v = threshold(name);
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalStateException(id + " threshold " + name + " is not a number: " + v);
    }

    public double doubleThreshold(String name) {
        Object v = threshold(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalStateException(id + " threshold " + name + " is not a number: " + v);
    }

    public String stringThreshold(String name) {
        return String.valueOf(threshold(name));
    }

    @SuppressWarnings("unchecked")
    public List<String> stringListThreshold(String name) {
        Object v = threshold(name);
        if (v instanceof List<?> l) {
            return ((List<Object>) l).stream().map(String::valueOf).toList();
        }
        throw new IllegalStateException(id + " threshold " + name + " is not a list: " + v);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> stringMapThreshold(String name) {
        Object v = threshold(name);
        if (v instanceof Map<?, ?> m) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
            return out;
        }
        throw new IllegalStateException(id + " threshold " + name + " is not a map: " + v);
    }

    private Object threshold(String name) {
        Object v = thresholds.get(name);
        if (v == null) {
            throw new IllegalStateException(id + " has no threshold " + name);
        }
        return v;
    }
}
