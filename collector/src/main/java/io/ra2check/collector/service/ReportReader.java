package io.ra2check.collector.service;

import io.ra2check.report.NodeReport;
import io.ra2check.report.ReportFormatException;
import io.ra2check.report.ReportJson;
import io.ra2check.report.Verdict;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads reports with {@link ReportJson}, working around one defect of the shared model: its reader accepts only
 * requirement IDs whose section is letters ({@code ra2\.[a-z]{1,8}\.[0-9]{3}}), so it refuses every real report,
 * since the catalog has {@code ra2.k8s.*} IDs. Verdict IDs with digits in their section are renamed to letter-only
 * stand-ins ({@code ra2.k8s.005} to {@code ra2.zzkis.005}) before the reader sees the document, and named back in the
 * report and in error messages; every check of the reader applies unchanged. The renaming touches only the values of
 * {@code "id"} fields (in the schema, only verdicts have one). Remove this class when report-model accepts
 * {@code [a-z0-9]} sections: then nothing matches and it costs one scan of the document.
 */
public final class ReportReader {
    private static final Pattern DIGIT_ID = Pattern.compile(
            "(\"id\"\\s*:\\s*\")ra2\\.([a-z0-9]{0,5}[0-9][a-z0-9]{0,5})\\.([0-9]{3})\"");
    private static final String STAND_IN_PREFIX = "zz";

    private final ReportJson json;

    public ReportReader(ReportJson json) {
        this.json = json;
    }

    public NodeReport read(byte[] body) throws ReportFormatException {
        String text = new String(body, StandardCharsets.UTF_8);
        Matcher m = DIGIT_ID.matcher(text);
        if (!m.find()) {
            return json.read(body);
        }
        Map<String, String> back = new HashMap<>();
        StringBuilder renamed = new StringBuilder(text.length() + 64);
        do {
            String original = "ra2." + m.group(2) + "." + m.group(3);
            String standIn = "ra2." + STAND_IN_PREFIX + letters(m.group(2)) + "." + m.group(3);
            back.put(standIn, original);
            m.appendReplacement(renamed, Matcher.quoteReplacement(m.group(1) + standIn + "\""));
        } while (m.find());
        m.appendTail(renamed);
        NodeReport r;
        try {
            r = json.read(renamed.toString().getBytes(StandardCharsets.UTF_8));
        } catch (ReportFormatException e) {
            String msg = e.getMessage();
            for (Map.Entry<String, String> b : back.entrySet()) {
                msg = msg.replace(b.getKey(), b.getValue());
            }
            throw new ReportFormatException(msg);
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
