package io.ra2check.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One RA2 requirement as the catalog ({@code requirements.yaml}) describes it: metadata only, no logic.
 *
 * @param condition  null, or the name of the operator-declared condition the requirement depends on ({@code afxdp})
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
        String remediation) {

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
        Objects.requireNonNull(scope, "scope");
        levels = Map.copyOf(levels);
        // the file's order, for messages and documentation
        thresholds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(thresholds));
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
