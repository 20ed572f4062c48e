package io.ra2check.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The requirements ra2check judges, in the order {@code requirements.yaml} lists them. Immutable; {@link #withThresholds}
 * returns a new catalog with operator overrides applied.
 *
 * <p>People read and edit {@code requirements.yaml}; the program loads {@code requirements.json}, the same document
 * converted (a test keeps the two equal and regenerates the JSON on request), because parsing YAML at every start of
 * {@code check} costs more than everything else the start does.
 */
public final class RequirementCatalog {
    static final String SOURCE = "requirements.yaml";
    static final String RESOURCE = "requirements.json";
    private static final Set<String> FIELDS = Set.of("id", "title", "section", "text", "levels", "levelSource",
            "condition", "scope", "thresholds", "remediation", "signals", "unknownWhen");

    private final Map<String, Requirement> byId;

    private RequirementCatalog(Map<String, Requirement> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** The catalog shipped with ra2check. */
    public static RequirementCatalog builtIn() {
        try (InputStream in = RequirementCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(JsonValues.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in " + RESOURCE, e);
        }
    }

    /** A catalog from its document as plain values (JSON or YAML read into maps, lists and scalars). */
    @SuppressWarnings("unchecked")
    static RequirementCatalog parse(Object root) {
        Object list = root instanceof Map<?, ?> m ? m.get("requirements") : null;
        if (!(list instanceof List<?>)) {
            throw new IllegalArgumentException("requirements: expected a list");
        }
        Map<String, Requirement> out = new LinkedHashMap<>();
        for (Object o : (List<Object>) list) {
            if (!(o instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("requirements: expected a list of mappings");
            }
            Map<String, Object> r = (Map<String, Object>) o;
            for (String f : r.keySet()) {
                if (!FIELDS.contains(f)) {
                    throw new IllegalArgumentException(r.getOrDefault("id", "?") + ": unknown field " + f);
                }
            }
            String id = text(r, "id");
            Map<Profile, Level> levels = new EnumMap<>(Profile.class);
            Object lv = r.get("levels");
            if (!(lv instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(id + ": missing levels");
            }
            for (Profile p : Profile.values()) {
                levels.put(p, Level.fromWire(text((Map<String, Object>) lv, p.wireName())));
            }
            Object th = r.get("thresholds");
            Requirement req = new Requirement(id, text(r, "title"), text(r, "section"), text(r, "text"), levels,
                    text(r, "levelSource"), r.get("condition") == null ? null : String.valueOf(r.get("condition")),
                    Requirement.Scope.valueOf(text(r, "scope").toUpperCase(java.util.Locale.ROOT)),
                    th instanceof Map<?, ?> tm ? (Map<String, Object>) tm : Map.of(),
                    r.get("remediation") == null ? null : String.valueOf(r.get("remediation")));
            if (out.put(id, req) != null) {
                throw new IllegalArgumentException("duplicate requirement " + id);
            }
        }
        return new RequirementCatalog(out);
    }

    private static String text(Map<String, Object> n, String field) {
        Object v = n.get(field);
        if (v == null || v instanceof Map || v instanceof List) {
            throw new IllegalArgumentException(n.getOrDefault("id", "?") + ": missing " + field);
        }
        return String.valueOf(v);
    }

    private static Map<String, Object> toMap(JsonNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), toJava(e.getValue()));
        }
        return m;
    }

    /** A YAML/JSON value as plain Java: Long, Double, Boolean, String, List or Map. */
    public static Object toJava(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            v.forEach(x -> l.add(toJava(x)));
            return Collections.unmodifiableList(l);
        }
        if (v.isObject()) {
            return Collections.unmodifiableMap(toMap(v));
        }
        return v.asText();
    }

    public List<Requirement> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Requirement> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Requirement get(String id) {
        Requirement r = byId.get(id);
        if (r == null) {
            throw new IllegalArgumentException("unknown requirement " + id);
        }
        return r;
    }

    /**
     * A catalog with some thresholds replaced. Each override must name a known requirement and one of its existing
     * thresholds, with a value of the same kind (number for number, list for list); the message of the
     * {@link IllegalArgumentException} says which one is wrong.
     */
    public RequirementCatalog withThresholds(Map<String, Map<String, Object>> overrides) {
        Map<String, Requirement> out = new LinkedHashMap<>(byId);
        for (Map.Entry<String, Map<String, Object>> e : overrides.entrySet()) {
            Requirement r = byId.get(e.getKey());
            if (r == null) {
                throw new IllegalArgumentException("unknown requirement " + e.getKey());
            }
            Map<String, Object> thresholds = new LinkedHashMap<>(r.thresholds());
            for (Map.Entry<String, Object> t : e.getValue().entrySet()) {
                Object old = thresholds.get(t.getKey());
                if (old == null) {
                    throw new IllegalArgumentException(r.id() + " has no threshold '" + t.getKey() + "'"
                            + (r.thresholds().isEmpty() ? "" : " (it has " + String.join(", ",
                            r.thresholds().keySet()) + ")"));
                }
                Object value = t.getValue();
                if (!sameKind(old, value)) {
                    throw new IllegalArgumentException(r.id() + " threshold " + t.getKey() + ": expected "
                            + kind(old) + ", got " + kind(value));
                }
                if (value instanceof Number n && n.doubleValue() < 0) {
                    throw new IllegalArgumentException(r.id() + " threshold " + t.getKey() + ": must not be negative");
                }
                thresholds.put(t.getKey(), value);
            }
            out.put(r.id(), new Requirement(r.id(), r.title(), r.section(), r.text(), r.levels(), r.levelSource(),
                    r.condition(), r.scope(), thresholds, r.remediation()));
        }
        return new RequirementCatalog(out);
    }

    private static boolean sameKind(Object a, Object b) {
        return kind(a).equals(kind(b)) || (a instanceof Number && b instanceof Number);
    }

    private static String kind(Object o) {
        if (o instanceof Number) {
            return "a number";
        }
        if (o instanceof List) {
            return "a list";
        }
        if (o instanceof Map) {
            return "a map";
        }
        if (o instanceof Boolean) {
            return "true or false";
        }
        return "a string";
    }
}
