package io.ra2check.agent.probe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ra2check.report.yaml.BoundedYaml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code kubelet.config.k8s.io/v1beta1} KubeletConfiguration file, decoded as the kubelet decodes it: YAML turned
 * into JSON, then into Go types, so a number where a string belongs ({@code cpuManagerPolicy: 7},
 * {@code reservedSystemCPUs: 0}) is an error, as it is for the kubelet. Unknown fields are where the two readers
 * differ: the kubelet decodes strictly, logs the strict error and goes on leniently; a file the operator gives is
 * held to the strict reading (a misspelt field is a mistake they want to hear of), a file found on the host to the
 * kubelet's (the field is ignored there too, and said so in the evidence).
 */
public final class KubeletConfigFile {
    static final String API_VERSION = "kubelet.config.k8s.io/v1beta1";
    static final String KIND = "KubeletConfiguration";
    /** Warnings kept per file: enough to show what is wrong, not a copy of a hostile file. */
    static final int MAX_WARNINGS = 20;

    private KubeletConfigFile() {
    }

    /** Whose file it is, which decides how unknown fields are taken. */
    public enum Mode {
        /** given with {@code --kubelet-config}: unknown and duplicate fields are errors */
        OPERATOR,
        /** found on the host: unknown and duplicate fields are warnings, as the kubelet's lenient decoding has it */
        HOST
    }

    /** A file that is not a valid KubeletConfiguration; the message is one line naming the file, line and field. */
    public static final class InvalidKubeletConfig extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidKubeletConfig(String message) {
            super(BoundedYaml.printable(message));
        }
    }

    /**
     * @param values   the fields set, as Java values (String, Boolean, Long, Double, Map, List), TypeMeta left out
     * @param warnings what the kubelet would log and ignore (host files only), one line each
     */
    public record Parsed(Map<String, Object> values, List<String> warnings) {
        public Parsed {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            warnings = List.copyOf(warnings);
        }
    }

    public static Parsed parse(byte[] bytes, String name, Mode mode) throws InvalidKubeletConfig {
        List<String> warnings = new ArrayList<>();
        // an operator's unknown field is reported after kind and apiVersion: a file that is no KubeletConfiguration
        // at all is better told so than told of its first key
        List<InvalidKubeletConfig> deferred = new ArrayList<>();
        Map<String, Object> values;
        try (JsonParser p = BoundedYaml.CONFIG.parser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw new InvalidKubeletConfig(name + ": empty, not a KubeletConfiguration (expected apiVersion: "
                        + API_VERSION + " and kind: " + KIND + ")");
            }
            Walk walk = new Walk(name, mode, warnings, deferred);
            if (first != JsonToken.START_OBJECT) {
                throw walk.error(p, "", "not a KubeletConfiguration (the document is not a mapping)");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) walk.value(p, KubeletConfigSchema.ROOT, "");
            values = m;
            if (p.nextToken() != null) {
                throw walk.error(p, "", "more than one YAML document");
            }
        } catch (BoundedYaml.YamlException e) {
            throw new InvalidKubeletConfig(name + ": not valid YAML: " + e.describe());
        } catch (IOException e) {
            throw new InvalidKubeletConfig(name + ": not valid YAML: " + BoundedYaml.problem(e).describe());
        }
        Object apiVersion = values.remove("apiVersion");
        Object kind = values.remove("kind");
        if (kind == null || apiVersion == null) {
            throw new InvalidKubeletConfig(name + ": not a KubeletConfiguration: no " + (kind == null ? "kind" : "apiVersion")
                    + " (expected apiVersion: " + API_VERSION + " and kind: " + KIND + ")");
        }
        if (!KIND.equals(kind)) {
            throw new InvalidKubeletConfig(name + ": kind is " + kind + ", not " + KIND);
        }
        if (!API_VERSION.equals(apiVersion)) {
            throw new InvalidKubeletConfig(name + ": apiVersion is " + apiVersion + ", expected " + API_VERSION);
        }
        if (!deferred.isEmpty()) {
            throw deferred.get(0);
        }
        return new Parsed(values, warnings);
    }

    /** One file's walk over the tokens, against the schema. */
    private record Walk(String name, Mode mode, List<String> warnings, List<InvalidKubeletConfig> deferred) {
        InvalidKubeletConfig error(JsonParser p, String path, String problem) {
            int line = p.currentTokenLocation().getLineNr();
            return new InvalidKubeletConfig(name + ": " + (line > 0 ? "line " + line + ": " : "")
                    + (path.isEmpty() ? "" : path + ": ") + problem);
        }

        /** The value whose first token is current, checked against its type; the walk ends on its last token. */
        Object value(JsonParser p, KubeletConfigSchema.Type type, String path) throws IOException, InvalidKubeletConfig {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            return switch (type.kind()) {
                case STRING -> {
                    String s = scalar(p, path, JsonToken.VALUE_STRING, "a string");
                    String problem = type.check() == null ? null : type.check().apply(s);
                    if (problem != null) {
                        throw error(p, path, problem);
                    }
                    yield s;
                }
                case DURATION -> {
                    String s = scalar(p, path, JsonToken.VALUE_STRING, "a duration such as \"10s\"");
                    if (!KubeletValues.isDuration(s)) {
                        throw error(p, path, "'" + KubeletValues.abbreviate(s) + "' is not a duration (such as 10s, "
                                + "1m30s)");
                    }
                    yield s;
                }
                case BOOL -> {
                    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                        throw error(p, path, "expected true or false, got " + describe(p));
                    }
                    yield t == JsonToken.VALUE_TRUE;
                }
                case INT32, INT64 -> {
                    if (t != JsonToken.VALUE_NUMBER_INT) {
                        throw error(p, path, "expected a whole number, got " + describe(p));
                    }
                    java.math.BigInteger v = p.getBigIntegerValue();
                    long min = type.kind() == KubeletConfigSchema.Kind.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
                    long max = type.kind() == KubeletConfigSchema.Kind.INT32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
                    if (v.compareTo(java.math.BigInteger.valueOf(min)) < 0
                            || v.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
                        throw error(p, path, v + " is out of range for a "
                                + (type.kind() == KubeletConfigSchema.Kind.INT32 ? "32" : "64") + "-bit integer");
                    }
                    yield v.longValue();
                }
                case FLOAT -> {
                    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw error(p, path, "expected a number, got " + describe(p));
                    }
                    yield p.getDoubleValue();
                }
                case LIST -> {
                    if (t != JsonToken.START_ARRAY) {
                        throw error(p, path, "expected a list, got " + describe(p));
                    }
                    List<Object> out = new ArrayList<>();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        Object v = value(p, type.element(), path + "[" + i++ + "]");
                        if (v != null) {
                            out.add(v);
                        }
                    }
                    yield out;
                }
                case MAP -> {
                    if (t != JsonToken.START_OBJECT) {
                        throw error(p, path, "expected a mapping, got " + describe(p));
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        String keyPath = path + "." + key;
                        p.nextToken();
                        duplicate(p, out, key, keyPath);
                        out.put(key, value(p, type.element(), keyPath));
                    }
                    yield out;
                }
                case OBJECT -> {
                    if (t != JsonToken.START_OBJECT) {
                        throw error(p, path, "expected a mapping, got " + describe(p));
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        String keyPath = path.isEmpty() ? key : path + "." + key;
                        KubeletConfigSchema.Type field = type.fields().get(key);
                        if (field == null) {
                            String problem = "unknown field" + KubeletValues.didYouMean(key, type.fields().keySet());
                            if (mode == Mode.OPERATOR) {
                                if (deferred.isEmpty()) {
                                    deferred.add(error(p, keyPath, problem + " (not in KubeletConfiguration v1beta1)"));
                                }
                            } else if (warnings.size() < MAX_WARNINGS) {
                                warnings.add(BoundedYaml.printable("line " + p.currentTokenLocation().getLineNr() + ": "
                                        + keyPath + ": " + problem + ": the kubelet ignores it"));
                            }
                            p.nextToken();
                            p.skipChildren();
                            continue;
                        }
                        p.nextToken();
                        duplicate(p, out, key, keyPath);
                        out.put(key, value(p, field, keyPath));
                    }
                    yield out;
                }
                case ANY -> {
                    // settings ra2check does not judge and whose shape varies by version (logging, tracing): a
                    // mapping is all that is asked
                    if (t != JsonToken.START_OBJECT) {
                        throw error(p, path, "expected a mapping, got " + describe(p));
                    }
                    p.skipChildren();
                    yield Map.of();
                }
            };
        }

        private void duplicate(JsonParser p, Map<String, Object> seen, String key, String path)
                throws InvalidKubeletConfig {
            if (!seen.containsKey(key) || mode == Mode.HOST && warnings.size() >= MAX_WARNINGS) {
                return;
            }
            if (mode == Mode.OPERATOR) {
                throw error(p, path, "set twice");
            }
            warnings.add(BoundedYaml.printable("line " + p.currentTokenLocation().getLineNr() + ": " + path
                    + ": set twice: the kubelet keeps the last"));
        }

        private String scalar(JsonParser p, String path, JsonToken want, String what)
                throws IOException, InvalidKubeletConfig {
            if (p.currentToken() != want) {
                throw error(p, path, "expected " + what + ", got " + describe(p)
                        + (p.currentToken().isScalarValue() ? " (quote it)" : ""));
            }
            return p.getText();
        }

        private static String describe(JsonParser p) throws IOException {
            JsonToken t = p.currentToken();
            return switch (t) {
                case START_OBJECT -> "a mapping";
                case START_ARRAY -> "a list";
                case VALUE_STRING -> "the string '" + KubeletValues.abbreviate(p.getText()) + "'";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + KubeletValues.abbreviate(p.getText());
                case VALUE_TRUE, VALUE_FALSE -> "the boolean " + p.getText();
                default -> KubeletValues.abbreviate(p.getText());
            };
        }
    }
}
