package io.ra2check.agent.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a snapshot records besides files: facts only a live host can give (filesystem statistics, the kernel calls of
 * the native network probes) and where the snapshot came from. Stored as {@value #FILE_NAME} at the archive's root.
 *
 * @param statvfs       path -> statistics, or the error the live host gave for that path
 * @param readErrors    path -> the error a read gave on the live host (permission denied, EINVAL), replayed
 * @param nativeNetwork the native probes' results as JSON (null when they did not run), read by the network probe
 * @param unreadTrees   host directory -> why nothing under it could be read when the snapshot was taken ({@code /proc}
 *                      not mounted at {@code /host/proc}): what is absent under it was not read, not absent
 */
public record SnapshotManifest(String format, String toolVersion, Instant createdAt, String hostname,
                               boolean includesSerials, Map<String, RecordedStat> statvfs,
                               Map<String, String> readErrors, JsonNode nativeNetwork,
                               Map<String, String> unreadTrees) {

    public static final String FILE_NAME = "ra2check-snapshot.json";
    public static final String FORMAT = "ra2check.io/snapshot/v1";
    /** Largest manifest read: statvfs of a few paths, read errors and the native probes' results take a few KiB. */
    public static final long MAX_BYTES = 1L << 20;

    /** statvfs of one path on the live host, or the error it gave. */
    public record RecordedStat(Long totalBytes, Long availableBytes, String error) {
    }

    public RecordedStat stat(String path) {
        return statvfs.get(path);
    }

    public byte[] toJson(ObjectMapper mapper) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", format);
        root.put("toolVersion", toolVersion);
        root.put("createdAt", createdAt.toString());
        root.put("hostname", hostname);
        root.put("includesSerials", includesSerials);
        ObjectNode stats = root.putObject("statvfs");
        for (Map.Entry<String, RecordedStat> e : statvfs.entrySet()) {
            ObjectNode s = stats.putObject(e.getKey());
            if (e.getValue().error() != null) {
                s.put("error", e.getValue().error());
            } else {
                s.put("totalBytes", e.getValue().totalBytes());
                s.put("availableBytes", e.getValue().availableBytes());
            }
        }
        ObjectNode errors = root.putObject("readErrors");
        readErrors.forEach(errors::put);
        if (nativeNetwork != null) {
            root.set("nativeNetwork", nativeNetwork);
        }
        if (!unreadTrees.isEmpty()) {
            ObjectNode unread = root.putObject("unreadTrees");
            unreadTrees.forEach(unread::put);
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** Parses a manifest; the exception's message says what is wrong with it. */
    public static SnapshotManifest parse(byte[] json, ObjectMapper mapper) throws IOException {
        if (json.length > MAX_BYTES) {
            throw new IOException(FILE_NAME + " is larger than " + (MAX_BYTES >> 20) + " MiB (a real one is a few KiB)");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new IOException(FILE_NAME + " is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IOException(FILE_NAME + " is not a JSON object");
        }
        String format = root.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new IOException(FILE_NAME + ": unsupported format '" + format + "' (expected " + FORMAT + ")");
        }
        Instant created;
        try {
            created = Instant.parse(root.path("createdAt").asText(""));
        } catch (DateTimeParseException e) {
            throw new IOException(FILE_NAME + ": createdAt is not an ISO-8601 instant");
        }
        Map<String, RecordedStat> stats = new LinkedHashMap<>();
        JsonNode s = root.path("statvfs");
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.hasNonNull("error")) {
                stats.put(e.getKey(), new RecordedStat(null, null, v.get("error").asText()));
            } else if (v.path("totalBytes").canConvertToLong() && v.path("availableBytes").canConvertToLong()
                    && v.path("totalBytes").isIntegralNumber() && v.path("availableBytes").isIntegralNumber()) {
                stats.put(e.getKey(), new RecordedStat(v.get("totalBytes").asLong(), v.get("availableBytes").asLong(),
                        null));
            } else {
                throw new IOException(FILE_NAME + ": statvfs." + e.getKey() + " has neither sizes nor an error");
            }
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("readErrors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IOException(FILE_NAME + ": readErrors." + e.getKey() + " is not a string");
            }
            errors.put(e.getKey(), e.getValue().asText());
        }
        Map<String, String> unread = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("unreadTrees").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || !e.getKey().startsWith("/")) {
                throw new IOException(FILE_NAME + ": unreadTrees." + e.getKey()
                        + " must be an absolute path with a reason");
            }
            unread.put(e.getKey(), e.getValue().asText());
        }
        JsonNode nativeNet = root.get("nativeNetwork");
        return new SnapshotManifest(format, root.path("toolVersion").asText("unknown"), created,
                root.hasNonNull("hostname") ? root.get("hostname").asText() : null,
                root.path("includesSerials").asBoolean(false), stats, Map.copyOf(errors),
                nativeNet == null || nativeNet.isNull() ? null : nativeNet, Map.copyOf(unread));
    }
}
