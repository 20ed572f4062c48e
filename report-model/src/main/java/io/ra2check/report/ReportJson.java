package io.ra2check.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON form of a {@link NodeReport} (schema {@value NodeReport#API_VERSION}, documented in
 * {@code docs/report-schema.md}).
 *
 * <p>Writing streams with jackson-core alone, so that {@code check --output json} does not pay for databind's
 * introspection at start-up. Reading is strict, because reports arrive over the network from agents: every field is
 * type-checked, statuses must follow from outcome and level, and the first problem found is reported with its path.
 */
public final class ReportJson {
    /** Upper bounds that keep a hostile document from costing more than a real one ever needs. */
    static final int MAX_VERDICTS = 500;
    static final int MAX_EVIDENCE = 500;
    static final int MAX_LIST = 4096;
    static final int MAX_STRING = 16 * 1024;
    private static final Pattern ID = Pattern.compile("ra2\\.[a-z][a-z0-9]{0,7}\\.[0-9]{3}");
    private static final Set<String> ROOT_KINDS = Set.of("live", "mounted", "snapshot", "tree");

    private final JsonFactory factory;
    private volatile ObjectMapper mapper;

    public ReportJson() {
        factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(MAX_STRING)
                        .maxNumberLength(40)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private ObjectMapper mapper() {
        // built on first read only: writing never needs databind, and building it costs start-up time
        ObjectMapper m = mapper;
        if (m == null) {
            m = JsonMapper.builder(factory).build();
            mapper = m;
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------------ writing

    public String write(NodeReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public void write(NodeReport report, OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            writeReport(g, report);
        }
        out.write('\n');
    }

    private static void writeReport(JsonGenerator g, NodeReport r) throws IOException {
        g.writeStartObject();
        g.writeStringField("apiVersion", NodeReport.API_VERSION);
        g.writeStringField("kind", NodeReport.KIND);
        g.writeObjectFieldStart("tool");
        g.writeStringField("name", r.tool().name());
        g.writeStringField("version", r.tool().version());
        g.writeEndObject();
        g.writeStringField("node", r.node());
        g.writeStringField("generatedAt", r.generatedAt().toString());
        g.writeNumberField("durationMs", Math.round(r.durationMs() * 1000.0) / 1000.0);
        if (r.origin() != null) {
            g.writeObjectFieldStart("origin");
            g.writeStringField("run", r.origin().run());
            g.writeNumberField("sequence", r.origin().sequence());
            g.writeEndObject();
        }
        g.writeObjectFieldStart("root");
        g.writeStringField("path", r.root().path());
        g.writeStringField("kind", r.root().kind());
        g.writeEndObject();
        g.writeStringField("profile", r.profile().wireName());
        writeSummary(g, r.summary(), Coverage.of(r));
        writeInventory(g, r.inventory());
        g.writeObjectFieldStart("fingerprint");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(r.fingerprint()).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("verdicts");
        for (Verdict v : r.verdicts()) {
            writeVerdict(g, v);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeSummary(JsonGenerator g, ReportSummary s, Coverage c) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeObjectFieldStart("counts");
        for (Map.Entry<Status, Integer> e : s.counts().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        writeStrings(g, "failed", s.failed());
        writeStrings(g, "warned", s.warned());
        writeStrings(g, "unknown", s.unknown());
        g.writeObjectFieldStart("profiles");
        for (ReportSummary.ProfileResult p : s.profiles().values()) {
            g.writeObjectFieldStart(p.profile().wireName());
            g.writeStringField("compliance", p.compliance().name());
            writeStrings(g, "blocking", p.blocking());
            writeStrings(g, "manual", p.manual());
            g.writeEndObject();
        }
        g.writeEndObject();
        writeCoverage(g, c);
        g.writeEndObject();
    }

    /** Every requirement of the chapter, counted per family and disposition, and the ones this report does not judge. */
    static void writeCoverage(JsonGenerator g, Coverage c) throws IOException {
        g.writeObjectFieldStart("coverage");
        g.writeNumberField("requirements", c.items().size());
        g.writeNumberField("inReport", c.inReport());
        g.writeNumberField("automatic", c.automatic());
        g.writeObjectFieldStart("byDisposition");
        for (Map.Entry<Requirement.Disposition, Integer> e : c.byDisposition().entrySet()) {
            g.writeNumberField(e.getKey().wireName(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("byFamily");
        for (Map.Entry<String, Map<Requirement.Disposition, Integer>> f : c.byFamily().entrySet()) {
            g.writeObjectFieldStart(f.getKey());
            for (Map.Entry<Requirement.Disposition, Integer> e : f.getValue().entrySet()) {
                if (e.getValue() > 0) {
                    g.writeNumberField(e.getKey().wireName(), e.getValue());
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("notInReport");
        for (Coverage.Item i : c.notInReport()) {
            g.writeStringField(i.requirement().id(), i.disposition().wireName());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** One verdict in the report schema's shape, for documents that carry verdicts too (a workload report). */
    public static void writeVerdict(JsonGenerator g, Verdict v) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", v.id());
        g.writeStringField("title", v.title());
        g.writeStringField("outcome", v.outcome().name());
        g.writeStringField("status", v.status().name());
        g.writeObjectFieldStart("levels");
        for (Profile p : Profile.values()) {
            g.writeStringField(p.wireName(), v.level(p).wireName());
        }
        g.writeEndObject();
        if (v.condition() != null) {
            g.writeStringField("condition", v.condition());
        }
        g.writeStringField("expected", v.expected());
        g.writeStringField("actual", v.actual());
        if (v.reason() != null) {
            g.writeStringField("reason", v.reason());
        }
        g.writeArrayFieldStart("evidence");
        for (Evidence e : v.evidence()) {
            g.writeStartObject();
            g.writeStringField("source", e.source());
            g.writeStringField("value", e.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (v.remediation() != null) {
            g.writeStringField("remediation", v.remediation());
        }
        g.writeBooleanField("ignored", v.ignored());
        g.writeStringField("judgedBy", v.judgedBy());
        g.writeEndObject();
    }

    private static void writeInventory(JsonGenerator g, Inventory i) throws IOException {
        g.writeObjectFieldStart("inventory");
        str(g, "hostname", i.hostname());
        str(g, "vendor", i.vendor());
        str(g, "model", i.model());
        str(g, "serial", i.serial());
        str(g, "biosVersion", i.biosVersion());
        str(g, "virtualization", i.virtualization());
        str(g, "cpuModel", i.cpuModel());
        num(g, "sockets", i.sockets());
        num(g, "coresPerSocket", i.coresPerSocket());
        num(g, "threadsPerCore", i.threadsPerCore());
        num(g, "logicalCpus", i.logicalCpus());
        num(g, "numaNodes", i.numaNodes());
        num(g, "memoryBytes", i.memoryBytes());
        str(g, "memorySource", i.memorySource());
        num(g, "dimmsPopulated", i.dimmsPopulated());
        num(g, "dimmSlots", i.dimmSlots());
        if (i.nics() == null) {
            g.writeNullField("nics");
        } else {
            g.writeArrayFieldStart("nics");
            for (Inventory.Nic n : i.nics()) {
                g.writeStartObject();
                str(g, "pciAddress", n.pciAddress());
                str(g, "name", n.name());
                str(g, "vendorDevice", n.vendorDevice());
                str(g, "driver", n.driver());
                str(g, "firmware", n.firmware());
                num(g, "speedMbps", n.speedMbps());
                num(g, "maxSpeedMbps", n.maxSpeedMbps());
                str(g, "maxSpeedSource", n.maxSpeedSource());
                num(g, "sriovTotalVfs", n.sriovTotalVfs());
                num(g, "sriovNumVfs", n.sriovNumVfs());
                bool(g, "xdpZeroCopy", n.xdpZeroCopy());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (i.pcieSlots() == null) {
            g.writeNullField("pcieSlots");
        } else {
            g.writeArrayFieldStart("pcieSlots");
            for (Inventory.Slot s : i.pcieSlots()) {
                g.writeStartObject();
                str(g, "designation", s.designation());
                str(g, "type", s.type());
                num(g, "pcieGeneration", s.pcieGeneration());
                num(g, "lanes", s.lanes());
                bool(g, "inUse", s.inUse());
                str(g, "busAddress", s.busAddress());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (i.disks() == null) {
            g.writeNullField("disks");
        } else {
            g.writeArrayFieldStart("disks");
            for (Inventory.Disk d : i.disks()) {
                g.writeStartObject();
                str(g, "name", d.name());
                num(g, "sizeBytes", d.sizeBytes());
                bool(g, "rotational", d.rotational());
                str(g, "model", d.model());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        str(g, "os", i.os());
        str(g, "kernel", i.kernel());
        if (i.hugepages() != null) {
            g.writeArrayFieldStart("hugepages");
            for (Inventory.Hugepages h : i.hugepages()) {
                g.writeStartObject();
                g.writeNumberField("sizeKiB", h.sizeKiB());
                num(g, "numaNode", h.numaNode() == null ? null : (long) h.numaNode());
                num(g, "total", h.total());
                num(g, "free", h.free());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        bool(g, "realtimeKernel", i.realtimeKernel());
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void str(JsonGenerator g, String f, String v) throws IOException {
        if (v == null) {
            g.writeNullField(f);
        } else {
            g.writeStringField(f, v);
        }
    }

    private static void num(JsonGenerator g, String f, Number v) throws IOException {
        if (v == null) {
            g.writeNullField(f);
        } else {
            g.writeNumberField(f, v.longValue());
        }
    }

    private static void bool(JsonGenerator g, String f, Boolean v) throws IOException {
        if (v == null) {
            g.writeNullField(f);
        } else {
            g.writeBooleanField(f, v);
        }
    }

    // ------------------------------------------------------------------------------------------------------ reading

    public NodeReport read(String json) throws ReportFormatException {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses and validates a report; the exception's message names the first thing that is wrong. */
    public NodeReport read(byte[] json) throws ReportFormatException {
        JsonNode root;
        try (JsonParser p = factory.createParser(json)) {
            root = mapper().readTree(p);
            if (p.nextToken() != null) {
                throw new ReportFormatException("trailing data after the report object");
            }
        } catch (JsonProcessingException e) {
            throw new ReportFormatException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ReportFormatException("not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ReportFormatException("empty document");
        }
        return new Reader().report(root);
    }

    /** Field-by-field validation; {@code path} names where the reader is, for error messages. */
    private static final class Reader {
        NodeReport report(JsonNode n) throws ReportFormatException {
            requireObject(n, "report");
            String api = requiredString(n, "apiVersion", "");
            if (!NodeReport.API_VERSION.equals(api)) {
                throw new ReportFormatException("unsupported apiVersion '" + api + "' (expected "
                        + NodeReport.API_VERSION + ")");
            }
            String kind = requiredString(n, "kind", "");
            if (!NodeReport.KIND.equals(kind)) {
                throw new ReportFormatException("kind: expected " + NodeReport.KIND + ", got '" + kind + "'");
            }
            JsonNode tool = requiredObject(n, "tool", "");
            NodeReport.Tool t = new NodeReport.Tool(requiredString(tool, "name", "tool."),
                    requiredString(tool, "version", "tool."));
            String node = requiredString(n, "node", "");
            if (node.isBlank() || node.length() > 253 || node.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
                throw new ReportFormatException("node: not a valid node name");
            }
            String at = requiredString(n, "generatedAt", "");
            Instant generatedAt;
            try {
                generatedAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                throw new ReportFormatException("generatedAt: not an ISO-8601 instant: '" + at + "'");
            }
            double duration = 0;
            JsonNode d = n.get("durationMs");
            if (d != null && !d.isNull()) {
                if (!d.isNumber() || d.asDouble() < 0) {
                    throw new ReportFormatException("durationMs: expected a non-negative number");
                }
                duration = d.asDouble();
            }
            NodeReport.Origin origin = null;
            if (n.hasNonNull("origin")) {
                JsonNode o = requiredObject(n, "origin", "");
                JsonNode seq = o.get("sequence");
                if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong()) {
                    throw new ReportFormatException("origin.sequence: expected a whole number");
                }
                try {
                    origin = new NodeReport.Origin(requiredString(o, "run", "origin."), seq.asLong());
                } catch (IllegalArgumentException e) {
                    throw new ReportFormatException(e.getMessage());
                }
            }
            JsonNode rootNode = requiredObject(n, "root", "");
            String rootKind = requiredString(rootNode, "kind", "root.");
            if (!ROOT_KINDS.contains(rootKind)) {
                throw new ReportFormatException("root.kind: expected one of " + new java.util.TreeSet<>(ROOT_KINDS)
                        + ", got '" + rootKind + "'");
            }
            NodeReport.Root root = new NodeReport.Root(requiredString(rootNode, "path", "root."), rootKind);
            Profile profile = profile(requiredString(n, "profile", ""), "profile");
            Inventory inventory = n.hasNonNull("inventory") ? inventory(requiredObject(n, "inventory", ""))
                    : Inventory.empty();
            Map<String, String> fingerprint = new LinkedHashMap<>();
            if (n.hasNonNull("fingerprint")) {
                JsonNode f = requiredObject(n, "fingerprint", "");
                if (f.size() > 64) {
                    throw new ReportFormatException("fingerprint: more than 64 entries");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isTextual()) {
                        throw new ReportFormatException("fingerprint." + e.getKey() + ": expected a string");
                    }
                    fingerprint.put(e.getKey(), e.getValue().asText());
                }
            }
            JsonNode vs = n.get("verdicts");
            if (vs == null || !vs.isArray()) {
                throw new ReportFormatException("verdicts: expected an array");
            }
            if (vs.size() > MAX_VERDICTS) {
                throw new ReportFormatException("verdicts: more than " + MAX_VERDICTS + " entries");
            }
            List<Verdict> verdicts = new ArrayList<>(vs.size());
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < vs.size(); i++) {
                Verdict v = verdict(vs.get(i), "verdicts[" + i + "].", profile);
                if (!seen.add(v.id())) {
                    throw new ReportFormatException("verdicts[" + i + "].id: duplicate requirement " + v.id());
                }
                verdicts.add(v);
            }
            return new NodeReport(t, node, generatedAt, duration, root, profile, inventory, fingerprint, verdicts,
                    origin);
        }

        Verdict verdict(JsonNode v, String path, Profile profile) throws ReportFormatException {
            requireObject(v, path.substring(0, path.length() - 1));
            String id = requiredString(v, "id", path);
            if (!ID.matcher(id).matches()) {
                throw new ReportFormatException(path + "id: not a requirement ID: '" + id + "'");
            }
            String title = requiredString(v, "title", path);
            Outcome outcome = enumValue(Outcome.class, requiredString(v, "outcome", path), path + "outcome");
            Status status = enumValue(Status.class, requiredString(v, "status", path), path + "status");
            JsonNode lv = requiredObject(v, "levels", path);
            Map<Profile, Level> levels = new EnumMap<>(Profile.class);
            for (Profile p : Profile.values()) {
                String raw = requiredString(lv, p.wireName(), path + "levels.");
                try {
                    levels.put(p, Level.fromWire(raw));
                } catch (IllegalArgumentException e) {
                    throw new ReportFormatException(path + "levels." + p.wireName() + ": " + e.getMessage());
                }
            }
            boolean ignored = false;
            JsonNode ig = v.get("ignored");
            if (ig != null && !ig.isNull()) {
                if (!ig.isBoolean()) {
                    throw new ReportFormatException(path + "ignored: expected true or false");
                }
                ignored = ig.asBoolean();
            }
            Status expectedStatus = Verdicts.status(outcome, levels.get(profile), ignored);
            if (status != expectedStatus) {
                throw new ReportFormatException(path + "status: " + status + " does not follow from outcome " + outcome
                        + " at level " + levels.get(profile).wireName() + " (expected " + expectedStatus + ")");
            }
            JsonNode ev = v.get("evidence");
            List<Evidence> evidence = new ArrayList<>();
            if (ev != null && !ev.isNull()) {
                if (!ev.isArray()) {
                    throw new ReportFormatException(path + "evidence: expected an array");
                }
                if (ev.size() > MAX_EVIDENCE) {
                    throw new ReportFormatException(path + "evidence: more than " + MAX_EVIDENCE + " entries");
                }
                for (int i = 0; i < ev.size(); i++) {
                    String ep = path + "evidence[" + i + "].";
                    JsonNode e = ev.get(i);
                    requireObject(e, ep.substring(0, ep.length() - 1));
                    evidence.add(new Evidence(requiredString(e, "source", ep), requiredString(e, "value", ep)));
                }
            }
            String judgedBy = optionalString(v, "judgedBy", path);
            return new Verdict(id, title, outcome, status, levels, optionalString(v, "condition", path),
                    optionalString(v, "expected", path), optionalString(v, "actual", path),
                    optionalString(v, "reason", path), evidence, optionalString(v, "remediation", path), ignored,
                    judgedBy == null ? Verdict.BY_AGENT : judgedBy);
        }

        Inventory inventory(JsonNode i) throws ReportFormatException {
            String p = "inventory.";
            List<Inventory.Nic> nics = null;
            JsonNode ns = optionalArray(i, "nics", p);
            if (ns != null) {
                nics = new ArrayList<>();
                for (int k = 0; k < ns.size(); k++) {
                    String np = p + "nics[" + k + "].";
                    JsonNode n = ns.get(k);
                    requireObject(n, np.substring(0, np.length() - 1));
                    nics.add(new Inventory.Nic(optionalString(n, "pciAddress", np), optionalString(n, "name", np),
                            optionalString(n, "vendorDevice", np), optionalString(n, "driver", np),
                            optionalString(n, "firmware", np), optionalLong(n, "speedMbps", np),
                            optionalLong(n, "maxSpeedMbps", np), optionalString(n, "maxSpeedSource", np),
                            optionalInt(n, "sriovTotalVfs", np), optionalInt(n, "sriovNumVfs", np),
                            optionalBool(n, "xdpZeroCopy", np)));
                }
            }
            List<Inventory.Slot> slots = null;
            JsonNode ss = optionalArray(i, "pcieSlots", p);
            if (ss != null) {
                slots = new ArrayList<>();
                for (int k = 0; k < ss.size(); k++) {
                    String sp = p + "pcieSlots[" + k + "].";
                    JsonNode s = ss.get(k);
                    requireObject(s, sp.substring(0, sp.length() - 1));
                    slots.add(new Inventory.Slot(optionalString(s, "designation", sp), optionalString(s, "type", sp),
                            optionalInt(s, "pcieGeneration", sp), optionalInt(s, "lanes", sp),
                            optionalBool(s, "inUse", sp), optionalString(s, "busAddress", sp)));
                }
            }
            List<Inventory.Disk> disks = null;
            JsonNode ds = optionalArray(i, "disks", p);
            if (ds != null) {
                disks = new ArrayList<>();
                for (int k = 0; k < ds.size(); k++) {
                    String dp = p + "disks[" + k + "].";
                    JsonNode d = ds.get(k);
                    requireObject(d, dp.substring(0, dp.length() - 1));
                    disks.add(new Inventory.Disk(optionalString(d, "name", dp), optionalLong(d, "sizeBytes", dp),
                            optionalBool(d, "rotational", dp), optionalString(d, "model", dp)));
                }
            }
            List<Inventory.Hugepages> hugepages = null;
            JsonNode hs = optionalArray(i, "hugepages", p);
            if (hs != null) {
                hugepages = new ArrayList<>();
                for (int k = 0; k < hs.size(); k++) {
                    String hp = p + "hugepages[" + k + "].";
                    JsonNode h = hs.get(k);
                    requireObject(h, hp.substring(0, hp.length() - 1));
                    Long size = optionalLong(h, "sizeKiB", hp);
                    if (size == null || size <= 0) {
                        throw new ReportFormatException(hp + "sizeKiB: a positive number is required");
                    }
                    hugepages.add(new Inventory.Hugepages(size, optionalInt(h, "numaNode", hp),
                            optionalLong(h, "total", hp), optionalLong(h, "free", hp)));
                }
            }
            return new Inventory(optionalString(i, "hostname", p), optionalString(i, "vendor", p),
                    optionalString(i, "model", p), optionalString(i, "serial", p), optionalString(i, "biosVersion", p),
                    optionalString(i, "virtualization", p), optionalString(i, "cpuModel", p),
                    optionalInt(i, "sockets", p), optionalInt(i, "coresPerSocket", p),
                    optionalInt(i, "threadsPerCore", p), optionalInt(i, "logicalCpus", p),
                    optionalInt(i, "numaNodes", p), optionalLong(i, "memoryBytes", p),
                    optionalString(i, "memorySource", p), optionalInt(i, "dimmsPopulated", p),
                    optionalInt(i, "dimmSlots", p), nics, slots, disks, optionalString(i, "os", p),
                    optionalString(i, "kernel", p), hugepages, optionalBool(i, "realtimeKernel", p));
        }

        private static Profile profile(String raw, String path) throws ReportFormatException {
            try {
                return Profile.fromWire(raw);
            } catch (IllegalArgumentException e) {
                throw new ReportFormatException(path + ": " + e.getMessage());
            }
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String path)
                throws ReportFormatException {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(raw)) {
                    return e;
                }
            }
            throw new ReportFormatException(path + ": expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", got '" + raw + "'");
        }

        private static void requireObject(JsonNode n, String path) throws ReportFormatException {
            if (n == null || !n.isObject()) {
                throw new ReportFormatException(path + ": expected an object");
            }
        }

        private static JsonNode requiredObject(JsonNode n, String field, String path) throws ReportFormatException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                throw new ReportFormatException(path + field + ": missing");
            }
            requireObject(v, path + field);
            return v;
        }

        private static String requiredString(JsonNode n, String field, String path) throws ReportFormatException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                throw new ReportFormatException(path + field + ": missing");
            }
            if (!v.isTextual()) {
                throw new ReportFormatException(path + field + ": expected a string");
            }
            return v.asText();
        }

        private static String optionalString(JsonNode n, String field, String path) throws ReportFormatException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new ReportFormatException(path + field + ": expected a string");
            }
            return v.asText();
        }

        private static JsonNode optionalArray(JsonNode n, String field, String path) throws ReportFormatException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isArray()) {
                throw new ReportFormatException(path + field + ": expected an array");
            }
            if (v.size() > MAX_LIST) {
                throw new ReportFormatException(path + field + ": more than " + MAX_LIST + " entries");
            }
            return v;
        }

        private static Long optionalLong(JsonNode n, String field, String path) throws ReportFormatException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new ReportFormatException(path + field + ": expected an integer");
            }
            return v.asLong();
        }

        private static Integer optionalInt(JsonNode n, String field, String path) throws ReportFormatException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new ReportFormatException(path + field + ": expected an integer");
            }
            return v.asInt();
        }

        private static Boolean optionalBool(JsonNode n, String field, String path) throws ReportFormatException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isBoolean()) {
                throw new ReportFormatException(path + field + ": expected true or false");
            }
            return v.asBoolean();
        }
    }
}
