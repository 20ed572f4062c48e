package io.ra2check.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.ra2check.agent.check.NodeChecker;
import io.ra2check.report.yaml.BoundedYaml;
import io.ra2check.report.Profile;
import io.ra2check.report.RequirementCatalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The operator's configuration file ({@code --config}):
 *
 * <pre>
 * profile: network-intensive        # default for --profile
 * conditions: {afxdp: true}         # make conditional requirements apply
 * ignore: [ra2.ch.016]              # report these as SKIP "ignored by operator"
 * thresholds:
 *   ra2.ch.012: {minMemoryGiB: 64}  # override any threshold of requirements.yaml
 * </pre>
 *
 * Everything is validated against the catalog before anything runs: a wrong key is a one-line error.
 */
public record CheckConfig(Profile profile, Set<String> conditions, Set<String> ignore,
                          Map<String, Map<String, Object>> thresholds) {

    private static final Set<String> KEYS = Set.of("profile", "conditions", "ignore", "thresholds");

    public static CheckConfig empty() {
        return new CheckConfig(null, Set.of(), Set.of(), Map.of());
    }

    /** A configuration that cannot be used; the message names the file and the key. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            // keys and values are quoted from the file: one line, whatever they hold
            super(BoundedYaml.printable(message));
        }
    }

    public static CheckConfig load(Path file, RequirementCatalog catalog) throws ConfigException {
        byte[] bytes;
        try {
            if (Files.size(file) > BoundedYaml.CONFIG.maxBytes()) {
                throw new ConfigException(file + ": larger than " + (BoundedYaml.CONFIG.maxBytes() >> 20)
                        + " MiB, not a ra2check configuration");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + io.ra2check.agent.host.Fs.why(e) + ")");
        }
        return parse(bytes, file.toString(), catalog);
    }

    /** The configuration in a file's bytes; anything wrong is a {@link ConfigException} naming {@code name}. */
    public static CheckConfig parse(byte[] bytes, String name, RequirementCatalog catalog) throws ConfigException {
        JsonNode root;
        try {
            root = BoundedYaml.CONFIG.readOne(bytes);
        } catch (BoundedYaml.YamlException e) {
            throw new ConfigException(name + ": not valid YAML (" + e.describe() + ")");
        }
        return parse(root, name, catalog);
    }

    static CheckConfig parse(JsonNode root, String name, RequirementCatalog catalog) throws ConfigException {
        if (root == null || root.isNull() || root.isMissingNode()) {
            return empty();
        }
        if (!root.isObject()) {
            throw new ConfigException(name + ": expected a mapping at the top level");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new ConfigException(name + ": unknown key '" + k + "' (expected one of " + new java.util.TreeSet<>(KEYS)
                        + ")");
            }
        }
        Profile profile = null;
        if (root.hasNonNull("profile")) {
            try {
                profile = Profile.fromWire(root.get("profile").asText());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + ": profile: " + e.getMessage());
            }
        }
        Set<String> conditions = new LinkedHashSet<>();
        JsonNode c = root.get("conditions");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                throw new ConfigException(name + ": conditions: expected a mapping of condition: true|false");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!NodeChecker.conditionNames().contains(e.getKey())) {
                    throw new ConfigException(name + ": conditions." + e.getKey() + ": unknown condition (expected "
                            + new java.util.TreeSet<>(NodeChecker.conditionNames()) + ")");
                }
                if (!e.getValue().isBoolean()) {
                    throw new ConfigException(name + ": conditions." + e.getKey() + ": expected true or false");
                }
                if (e.getValue().asBoolean()) {
                    conditions.add(e.getKey());
                }
            }
        }
        Set<String> ignore = new LinkedHashSet<>();
        JsonNode ig = root.get("ignore");
        if (ig != null && !ig.isNull()) {
            if (!ig.isArray()) {
                throw new ConfigException(name + ": ignore: expected a list of requirement IDs");
            }
            for (JsonNode id : ig) {
                if (!id.isTextual() || catalog.find(id.asText()).isEmpty()) {
                    throw new ConfigException(name + ": ignore: unknown requirement " + id);
                }
                ignore.add(id.asText());
            }
        }
        Map<String, Map<String, Object>> thresholds = new LinkedHashMap<>();
        JsonNode t = root.get("thresholds");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                throw new ConfigException(name + ": thresholds: expected a mapping of requirement ID to thresholds");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isObject()) {
                    throw new ConfigException(name + ": thresholds." + e.getKey() + ": expected a mapping");
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> vt = e.getValue().fields(); vt.hasNext(); ) {
                    Map.Entry<String, JsonNode> v = vt.next();
                    values.put(v.getKey(), RequirementCatalog.toJava(v.getValue()));
                }
                thresholds.put(e.getKey(), values);
            }
            try {
                catalog.withThresholds(thresholds);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + ": thresholds: " + e.getMessage());
            }
        }
        return new CheckConfig(profile, Set.copyOf(conditions), Set.copyOf(ignore), Map.copyOf(thresholds));
    }
}
