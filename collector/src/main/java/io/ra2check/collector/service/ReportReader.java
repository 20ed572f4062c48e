package io.ra2check.collector.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ra2check.report.NodeReport;
import io.ra2check.report.ReportFormatException;
import io.ra2check.report.ReportJson;
import io.ra2check.report.Verdict;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads reports with {@link ReportJson}, working around one defect of the shared model: its reader accepts only
 * requirement IDs whose section is letters ({@code ra2\.[a-z]{1,8}\.[0-9]{3}}), so it refuses every real report,
 * since the catalog has {@code ra2.k8s.*} IDs. When (and only when) the reader refuses an ID that is well formed with
 * digits in its section, the IDs are renamed to letter-only stand-ins for the reader and named back afterwards; every
 * other check of the reader applies unchanged. Remove this class when report-model accepts {@code [a-z0-9]} sections.
 */
public final class ReportReader {
    private static final Pattern REFUSED_ID = Pattern.compile(
            "verdicts\\[\\d+]\\.id: not a requirement ID: 'ra2\\.([a-z0-9]{1,8})\\.[0-9]{3}'");
    private static final Pattern DIGIT_ID = Pattern.compile("ra2\\.([a-z0-9]*[0-9][a-z0-9]*)\\.([0-9]{3})");
    private static final String STAND_IN_PREFIX = "zz";

    private final ReportJson json;
    private final ObjectMapper mapper = new ObjectMapper();

    public ReportReader(ReportJson json) {
        this.json = json;
    }

    public NodeReport read(byte[] body) throws ReportFormatException {
        try {
            return json.read(body);
        } catch (ReportFormatException e) {
            Matcher m = REFUSED_ID.matcher(e.getMessage() == null ? "" : e.getMessage());
            if (!m.matches() || !m.group(1).chars().anyMatch(Character::isDigit)) {
                throw e;
            }
        }
        // the first read got as far as the verdicts, so the document is JSON within the reader's limits
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new ReportFormatException("not valid JSON: " + e.getMessage());
        }
        Map<String, String> back = new HashMap<>();
        JsonNode verdicts = root.get("verdicts");
        if (verdicts instanceof ArrayNode array) {
            for (JsonNode v : array) {
                JsonNode id = v.get("id");
                if (v instanceof ObjectNode o && id != null && id.isTextual()) {
                    Matcher d = DIGIT_ID.matcher(id.asText());
                    if (d.matches() && d.group(1).length() <= 6) {
                        String standIn = "ra2." + STAND_IN_PREFIX + letters(d.group(1)) + "." + d.group(2);
                        back.put(standIn, id.asText());
                        o.put("id", standIn);
                    }
                }
            }
        }
        NodeReport r;
        try {
            r = json.read(mapper.writeValueAsBytes(root));
        } catch (ReportFormatException e) {
            String msg = e.getMessage();
            for (Map.Entry<String, String> b : back.entrySet()) {
                msg = msg.replace(b.getKey(), b.getValue());
            }
            throw new ReportFormatException(msg);
        } catch (IOException e) {
            throw new ReportFormatException("not valid JSON: " + e.getMessage());
        }
        List<Verdict> named = new ArrayList<>(r.verdicts().size());
        for (Verdict v : r.verdicts()) {
            String id = back.getOrDefault(v.id(), v.id());
            named.add(id.equals(v.id()) ? v : new Verdict(id, v.title(), v.outcome(), v.status(), v.levels(),
                    v.condition(), v.expected(), v.actual(), v.reason(), v.evidence(), v.remediation(), v.ignored(),
                    v.judgedBy()));
        }
        return new NodeReport(r.tool(), r.node(), r.generatedAt(), r.durationMs(), r.root(), r.profile(),
                r.inventory(), r.fingerprint(), named);
    }

    /** Digits to letters ('0' to 'a' ... '9' to 'j'), behind a prefix no real section starts with. */
    private static String letters(String section) {
        StringBuilder sb = new StringBuilder(section.length());
        for (char c : section.toCharArray()) {
            sb.append(Character.isDigit(c) ? (char) ('a' + (c - '0')) : c);
        }
        return sb.toString();
    }
}
