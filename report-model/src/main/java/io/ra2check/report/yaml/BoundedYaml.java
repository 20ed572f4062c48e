package io.ra2check.report.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * YAML from outside (operator files, kubelet configs, manifests) read with limits on size, nesting and work, and with
 * aliases refused: Jackson does not expand {@code *alias} but reports the anchor's name as a string, which would
 * silently turn {@code cpuManagerPolicy: *p} into "p"; refusing them also leaves billion-laughs bombs nothing to expand.
 *
 * @param maxBytes the largest input, and the largest YAML document, accepted
 */
public record BoundedYaml(int maxBytes, int maxDepth, int maxDocuments) {

    /** Input that is not acceptable YAML: the message is one line, with the line number where known. */
    public static final class YamlException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        YamlException(String message, int line) {
            super(message);
            this.line = line;
        }

        /** 1-based line of the problem, or 0 when unknown. */
        public int line() {
            return line;
        }

        /** "line 3: problem" or "problem". */
        public String describe() {
            return line > 0 ? "line " + line + ": " + getMessage() : getMessage();
        }
    }

    /** Settings files: a kubelet config or {@code --config} far below this is already large. */
    public static final BoundedYaml CONFIG = new BoundedYaml(1 << 20, 64, 1);

    public BoundedYaml {
        if (maxBytes <= 0 || maxDepth <= 0 || maxDocuments <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Mappers are thread-safe once built, and building one costs more than reading a small file. */
    private static final java.util.Map<BoundedYaml, ObjectMapper> MAPPERS = new java.util.concurrent.ConcurrentHashMap<>();

    private ObjectMapper mapper() {
        return MAPPERS.computeIfAbsent(this, b -> new ObjectMapper(b.newFactory()));
    }

    private YAMLFactory factory() {
        return (YAMLFactory) mapper().getFactory();
    }

    private YAMLFactory newFactory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(maxBytes);
        loader.setMaxAliasesForCollections(0);
        loader.setNestingDepthLimit(maxDepth);
        return YAMLFactory.builder().loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth)
                        .maxDocumentLength(maxBytes).maxStringLength(maxBytes).maxNameLength(Math.min(maxBytes, 1 << 16))
                        .maxNumberLength(1000).build())
                .build();
    }

    /**
     * A parser over the bytes that refuses aliases and more than {@link #maxDocuments} documents; its callers walk
     * the tokens themselves (to know each value's line).
     */
    public JsonParser parser(byte[] bytes) throws YamlException {
        if (bytes.length > maxBytes) {
            throw new YamlException("larger than " + describeSize(maxBytes), 0);
        }
        try {
            return new Guarded((YAMLParser) factory().createParser(bytes), maxDocuments);
        } catch (IOException e) {
            throw problem(e);
        }
    }

    /** The documents of a stream as trees (null documents kept as null), within the limits. */
    public List<JsonNode> readAll(byte[] bytes) throws YamlException {
        List<JsonNode> docs = new ArrayList<>();
        try (JsonParser p = parser(bytes); MappingIterator<JsonNode> it = mapper().readerFor(JsonNode.class)
                .readValues(p)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                // an empty document (a template that rendered nothing) comes through as an empty scalar
                docs.add(doc != null && doc.isTextual() && doc.asText().isEmpty() ? null : doc);
            }
        } catch (IOException | RuntimeException e) {
            throw problem(e);
        }
        return docs;
    }

    public List<JsonNode> readAll(String text) throws YamlException {
        return readAll(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The single document of a file (null for an empty one). */
    public JsonNode readOne(byte[] bytes) throws YamlException {
        List<JsonNode> docs = readAll(bytes);
        if (docs.size() > 1) {
            throw new YamlException("more than one YAML document", 0);
        }
        return docs.isEmpty() ? null : docs.get(0);
    }

    private static String describeSize(int bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    /** One line from whatever SnakeYAML or Jackson threw (their messages carry excerpts over several lines). */
    public static YamlException problem(Throwable e) {
        if (e instanceof YamlException y) {
            return y;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof YamlException y) {
                return y;
            }
            if (t instanceof MarkedYAMLException m && m.getProblem() != null) {
                return new YamlException(oneLine(m.getProblem()), m.getProblemMark() == null ? 0
                        : m.getProblemMark().getLine() + 1);
            }
            if (t instanceof org.yaml.snakeyaml.error.YAMLException y && y.getMessage() != null) {
                return new YamlException(oneLine(y.getMessage()), 0);
            }
            if (t instanceof StreamConstraintsException s) {
                return new YamlException(oneLine(s.getOriginalMessage()), s.getLocation() == null ? 0
                        : s.getLocation().getLineNr());
            }
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            return new YamlException(oneLine(j.getOriginalMessage()), j.getLocation() == null ? 0
                    : j.getLocation().getLineNr());
        }
        return new YamlException(oneLine(String.valueOf(e.getMessage())), 0);
    }

    /** A message that quotes input, as one printable line of bounded length. */
    public static String printable(String message) {
        String t = message == null ? "" : message.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 500 ? t.substring(0, 500) + "..." : t;
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").trim();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    /** Refuses aliases and surplus documents as the tokens go by. */
    private static final class Guarded extends JsonParserDelegate {
        private final YAMLParser yaml;
        private final int maxDocuments;
        private int documents;

        Guarded(YAMLParser yaml, int maxDocuments) {
            super(yaml);
            this.yaml = yaml;
            this.maxDocuments = maxDocuments;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = super.nextToken();
            if (t != null && yaml.isCurrentAlias()) {
                throw new IOException(new YamlException("YAML aliases (*" + yaml.getText()
                        + ") are not supported: write the value out", yaml.currentTokenLocation().getLineNr()));
            }
            boolean topLevel = t != null && (t.isScalarValue() && yaml.getParsingContext().inRoot()
                    || t.isStructStart() && yaml.getParsingContext().getParent() != null
                    && yaml.getParsingContext().getParent().inRoot());
            if (topLevel) {
                if (++documents > maxDocuments) {
                    throw new IOException(new YamlException(maxDocuments == 1 ? "more than one YAML document"
                            : "more than " + maxDocuments + " YAML documents", yaml.currentTokenLocation().getLineNr()));
                }
            }
            return t;
        }

        @Override
        public JsonParser skipChildren() throws IOException {
            // the delegate's skipChildren would bypass the alias and document checks
            if (currentToken() != JsonToken.START_OBJECT && currentToken() != JsonToken.START_ARRAY) {
                return this;
            }
            int open = 1;
            while (open > 0) {
                JsonToken t = nextToken();
                if (t == null) {
                    return this;
                }
                if (t.isStructStart()) {
                    open++;
                } else if (t.isStructEnd()) {
                    open--;
                }
            }
            return this;
        }
    }
}
