package io.ra2check.collector.meta;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ra2check.collector.check.NodeFacts;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The JSON merge patch that brings a Node's owned metadata to what a judgement says, touching nothing else: a key is
 * set when its value differs, set to null (deleted) when the node has it and should not, and left out otherwise.
 * Empty when the node already carries exactly what it should: then nothing is written.
 *
 * @param labels      label key to new value, or to null for "delete"
 * @param annotations annotation key to new value, or to null for "delete"
 */
public record MetadataPatch(Map<String, String> labels, Map<String, String> annotations) {
    private static final JsonFactory JSON = new JsonFactory();

    public MetadataPatch {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public boolean isEmpty() {
        return labels.isEmpty() && annotations.isEmpty();
    }

    /** What to write so that {@code node} carries the judgement's metadata. */
    public static MetadataPatch between(NodeFacts node, Judgement judgement, boolean manageLabels) {
        Map<String, String> labels = new TreeMap<>();
        if (manageLabels) {
            diff(node.ownedLabels(), judgement.labels(), labels);
        }
        Map<String, String> annotations = new TreeMap<>();
        diff(node.ownedAnnotations(), judgement.annotations(), annotations);
        return new MetadataPatch(labels, annotations);
    }

    /** What to write to remove every key the collector owns from {@code node} (labels only when it manages them). */
    public static MetadataPatch removeAll(NodeFacts node, boolean manageLabels) {
        Map<String, String> labels = new TreeMap<>();
        if (manageLabels) {
            node.ownedLabels().keySet().forEach(k -> labels.put(k, null));
        }
        Map<String, String> annotations = new TreeMap<>();
        node.ownedAnnotations().keySet().forEach(k -> annotations.put(k, null));
        return new MetadataPatch(labels, annotations);
    }

    /** Adds to {@code out} the changes from {@code current} to {@code desired} (desired null values: absent). */
    private static void diff(Map<String, String> current, Map<String, String> desired, Map<String, String> out) {
        for (Map.Entry<String, String> e : desired.entrySet()) {
            String now = current.get(e.getKey());
            if (e.getValue() == null) {
                if (now != null) {
                    out.put(e.getKey(), null);
                }
            } else if (!Objects.equals(now, e.getValue())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        for (String k : current.keySet()) {
            if (!desired.containsKey(k)) {
                out.put(k, null);
            }
        }
    }

    /** The merge patch document ({@code application/merge-patch+json}). */
    public String toJson() {
        return toJson(null);
    }

    /**
     * The merge patch document with {@code metadata.resourceVersion} as a precondition (null for none): the API
     * server refuses it (409) when the Node changed since that version. The patch is a difference from that version,
     * so applied to any other it could mix two judgements (a timed-out PATCH that lands late, another replica's write).
     */
    public String toJson(String resourceVersion) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeObjectFieldStart("metadata");
            if (resourceVersion != null) {
                g.writeStringField("resourceVersion", resourceVersion);
            }
            if (!labels.isEmpty()) {
                write(g, "labels", labels);
            }
            if (!annotations.isEmpty()) {
                write(g, "annotations", annotations);
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, String field, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (e.getValue() == null) {
                g.writeNullField(e.getKey());
            } else {
                g.writeStringField(e.getKey(), e.getValue());
            }
        }
        g.writeEndObject();
    }
}
