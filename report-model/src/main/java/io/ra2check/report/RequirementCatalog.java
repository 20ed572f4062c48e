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
            "condition", "scope", "thresholds", "remediation", "disposition", "external", "confirm", "signals",
            "unknownWhen");

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

    /** The built-in catalog, read once: for what does not depend on operator overrides (IDs, dispositions). */
    public static RequirementCatalog shipped() {
        return Shipped.CATALOG;
    }

    private static final class Shipped {
        static final RequirementCatalog CATALOG = builtIn();
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
            Requirement.Scope scope = r.get("scope") == null ? null
                    : Requirement.Scope.valueOf(text(r, "scope").toUpperCase(java.util.Locale.ROOT));
            Requirement.Disposition disposition;
            if (r.get("disposition") != null) {
                disposition = Requirement.Disposition.fromWire(text(r, "disposition"));
            } else if (scope != null) {
                disposition = Requirement.Disposition.of(scope);
            } else {
                throw new IllegalArgumentException(id + ": needs a scope or a disposition");
            }
            if (scope != null && disposition != Requirement.Disposition.of(scope)) {
                throw new IllegalArgumentException(id + ": scope " + scope.name().toLowerCase(java.util.Locale.ROOT)
                        + " contradicts disposition " + disposition.wireName());
            }
            Requirement.External external = null;
            Object ex = r.get("external");
            if (ex instanceof Map<?, ?> em) {
                external = new Requirement.External(text((Map<String, Object>) em, "test"),
                        text((Map<String, Object>) em, "command"));
            } else if (ex != null) {
                throw new IllegalArgumentException(id + ": external: expected {test, command}");
            }
            if (disposition == Requirement.Disposition.EXTERNAL && external == null) {
                throw new IllegalArgumentException(id + ": an external requirement needs external: {test, command}");
            }
            String confirm = optionalText(r, "confirm");
            if (disposition == Requirement.Disposition.MANUAL && confirm == null && scope == null) {
                throw new IllegalArgumentException(id + ": a manual requirement needs confirm: what a person checks");
            }
            List<String> signals = new ArrayList<>();
            Object sg = r.get("signals");
            if (sg instanceof List<?> sl) {
                for (Object o2 : sl) {
                    if (o2 == null || o2 instanceof Map || o2 instanceof List) {
                        throw new IllegalArgumentException(id + ": signals: expected a list of strings");
                    }
                    signals.add(String.valueOf(o2));
                }
            } else if (sg != null) {
                throw new IllegalArgumentException(id + ": signals: expected a list of strings");
            }
            Requirement req = new Requirement(id, text(r, "title"), text(r, "section"), text(r, "text"), levels,
                    text(r, "levelSource"), r.get("condition") == null ? null : String.valueOf(r.get("condition")),
                    scope, th instanceof Map<?, ?> tm ? (Map<String, Object>) tm : Map.of(),
                    r.get("remediation") == null ? null : String.valueOf(r.get("remediation")), disposition,
                    external, confirm, signals, optionalText(r, "unknownWhen"));
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

    private static String optionalText(Map<String, Object> n, String field) {
        return n.get(field) == null ? null : text(n, field);
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

    /** The requirements judged for every node, in catalog order: the verdicts of a node report. */
    public List<Requirement> perNode() {
        return byId.values().stream().filter(Requirement::perNode).toList();
    }

    /** Requirements of one family ({@code k8s}) and/or disposition; null matches any. */
    public List<Requirement> select(String family, Requirement.Disposition disposition) {
        return byId.values().stream()
                .filter(r -> family == null || r.family().equals(family))
                .filter(r -> disposition == null || r.disposition() == disposition).toList();
    }

    /** The families in catalog order. */
    public List<String> families() {
        return byId.values().stream().map(Requirement::family).distinct().toList();
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
            out.put(r.id(), r.withThresholds(thresholds));
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
