package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Jackson-tree helpers for assertions on rendered manifests. */
final class Trees {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Trees() {
    }

    /** Expected values written as YAML (flow style reads well inline: "[{a: 1}, {b: 2}]"). */
    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("bad YAML in a test: " + e.getMessage());
        }
    }

    /** The element of an array whose field has this value (a volume by name, a container by name). */
    static JsonNode element(JsonNode array, String field, String value) {
        for (JsonNode e : array) {
            if (e.path(field).asText().equals(value)) {
                return e;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

    static List<JsonNode> elements(JsonNode array, Predicate<JsonNode> which) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(e -> {
            if (which.test(e)) {
                list.add(e);
            }
        });
        return list;
    }

    static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(e -> list.add(e.asText()));
        return list;
    }

    /** Whether every entry of {@code subset} is in {@code map} with the same value (a selector and pod labels). */
    static boolean containsAll(JsonNode map, JsonNode subset) {
        for (var e : subset.properties()) {
            if (!map.path(e.getKey()).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
