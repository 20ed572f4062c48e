package io.ra2check.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.ra2check.report.yaml.BoundedYaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads Kubernetes manifests: multi-document YAML (or JSON), such as {@code helm template} output. */
public final class Manifests {
    private Manifests() {
    }

    /** Input that is not a set of Kubernetes objects; the message is one line naming the file and document. */
    public static final class ManifestException extends Exception {
        private static final long serialVersionUID = 1L;

        public ManifestException(String message) {
            // kinds and names are quoted from the file: one line, whatever they hold
            super(BoundedYaml.printable(message));
        }
    }

    /**
     * Rendered charts run to a few MiB; far more is not a set of manifests. Documents and nesting are bounded too, so
     * that no input makes the reader work without end.
     */
    static final BoundedYaml LIMITS = new BoundedYaml(64 << 20, 100, 100_000);

    /** The largest manifest input accepted, in bytes (a file, standard input, or a directory's files together). */
    public static int maxBytes() {
        return LIMITS.maxBytes();
    }

    public static List<KubeObject> read(Path file) throws IOException, ManifestException {
        if (Files.size(file) > LIMITS.maxBytes()) {
            throw new ManifestException(file + ": larger than " + (LIMITS.maxBytes() >> 20) + " MiB, not a set of "
                    + "manifests");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * The objects of a YAML stream, in order. Empty documents (a template that rendered nothing) are skipped; a
     * {@code List} (what {@code kubectl get -o yaml} prints) gives its items.
     *
     * @param origin how to name the source in findings and errors (a file name)
     */
    public static List<KubeObject> parse(String yaml, String origin) throws ManifestException {
        return parse(yaml.getBytes(StandardCharsets.UTF_8), origin);
    }

    public static List<KubeObject> parse(byte[] yaml, String origin) throws ManifestException {
        List<KubeObject> objects = new ArrayList<>();
        List<JsonNode> docs;
        try {
            docs = LIMITS.readAll(yaml);
        } catch (BoundedYaml.YamlException e) {
            throw new ManifestException(origin + ": not valid YAML: " + e.getMessage()
                    + (e.line() > 0 ? " (line " + e.line() + ")" : ""));
        }
        int document = 0;
        try {
            for (JsonNode node : docs) {
                document++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                String where = origin + ", document " + document;
                if (node.isObject() && node.path("kind").asText("").endsWith("List") && node.path("items").isArray()) {
                    for (int i = 0; i < node.path("items").size(); i++) {
                        objects.add(object(node.path("items").get(i), where + ", item " + (i + 1)));
                    }
                } else {
                    objects.add(object(node, where));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ManifestException(e.getMessage());
        }
        return objects;
    }

    /**
     * Checks that a node is a Kubernetes object and wraps it.
     *
     * @throws IllegalArgumentException (one line, naming {@code origin}) when it is not
     */
    static KubeObject object(JsonNode node, String origin) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(origin + ": not a Kubernetes object (expected a mapping with apiVersion, "
                    + "kind and metadata.name, got " + (node == null ? "nothing" : node.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT)) + ")");
        }
        for (String field : List.of("apiVersion", "kind")) {
            if (!node.path(field).isTextual() || node.path(field).asText().isEmpty()) {
                throw new IllegalArgumentException(origin + ": not a Kubernetes object (no " + field + ")");
            }
        }
        JsonNode metadata = node.path("metadata");
        if (metadata.path("name").asText("").isEmpty() && metadata.path("generateName").asText("").isEmpty()) {
            throw new IllegalArgumentException(origin + ": " + node.path("kind").asText() + " without metadata.name");
        }
        return KubeObject.of(origin, node);
    }
}
