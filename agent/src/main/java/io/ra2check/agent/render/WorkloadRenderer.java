package io.ra2check.agent.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ra2check.report.Profile;
import io.ra2check.report.ReportJson;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import io.ra2check.workload.WorkloadFinding;
import io.ra2check.workload.WorkloadReport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A workload check ({@code ra2check workload}) for people and CI: one verdict per rule, judged over every object,
 * with each object's result as evidence; JSON also lists each rule's finding on each object. The verdict table and
 * JUnit test cases are those of the node report, so both read the same.
 *
 * @param source    what was checked, as the user named it (files, directories, standard input)
 * @param version   the tool's version
 * @param generated when the check ran
 */
public record WorkloadRenderer(String source, String version, Instant generated) {
    /** The kind of the JSON document (beside the node report's {@code NodeReport}). */
    public static final String KIND = "WorkloadReport";
    // one status per workload verdict whatever the profile (WorkloadRule keeps the levels equal)
    private static final Profile PROFILE = Profile.BASIC;

    public String text(WorkloadReport r, boolean color, boolean verbose) {
        List<Verdict> rules = r.ruleVerdicts();
        StringBuilder sb = new StringBuilder(8192);
        sb.append("ra2check ").append(version).append(" - workload check of ").append(source).append(" - ")
                .append(objects(r)).append(" objects\n\n");
        int width = rules.stream().mapToInt(v -> v.title().length()).max().orElse(10);
        for (Verdict v : rules) {
            sb.append(paint(color, v.status(), String.format(Locale.ROOT, "[%-7s]", v.status().name()))).append(' ')
                    .append(v.id()).append(' ').append(pad(v.title(), width)).append("  ")
                    .append(TextRenderer.detail(v, PROFILE)).append('\n');
            if (verbose) {
                v.evidence().forEach(e -> sb.append("            ").append(e.source()).append(": ")
                        .append(e.value()).append('\n'));
            }
        }
        List<WorkloadFinding> problems = r.problems();
        if (!problems.isEmpty()) {
            sb.append("\nTo fix (").append(problems.size()).append("):\n");
            for (WorkloadFinding f : problems) {
                sb.append("  ").append(f.describe()).append('\n');
                if (f.verdict().remediation() != null) {
                    sb.append("      ").append(f.verdict().remediation()).append('\n');
                }
            }
        }
        r.unusedExceptions().forEach(e -> sb.append("\nunused allowed exception ").append(e)
                .append(": it excused nothing"));
        if (!r.unusedExceptions().isEmpty()) {
            sb.append('\n');
        }
        sb.append('\n').append(counts(rules)).append('\n');
        return sb.toString();
    }

    /**
     * {@code apiVersion}, {@code kind}, the tool, what was checked, one verdict per rule ({@code verdicts}, the node
     * report's verdict shape), every finding per object ({@code findings}) and {@code unusedExceptions}.
     */
    public String json(WorkloadReport r) {
        StringWriter w = new StringWriter(16384);
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("apiVersion", io.ra2check.report.NodeReport.API_VERSION);
            g.writeStringField("kind", KIND);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "ra2check");
            g.writeStringField("version", version);
            g.writeEndObject();
            g.writeStringField("source", source);
            g.writeStringField("generatedAt", generated.toString());
            g.writeNumberField("objects", objects(r));
            g.writeArrayFieldStart("verdicts");
            for (Verdict v : r.ruleVerdicts()) {
                ReportJson.writeVerdict(g, v);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (WorkloadFinding f : r.findings()) {
                g.writeStartObject();
                g.writeObjectFieldStart("object");
                g.writeStringField("kind", f.object().kind());
                if (f.object().namespace() != null) {
                    g.writeStringField("namespace", f.object().namespace());
                }
                g.writeStringField("name", f.object().name());
                g.writeStringField("origin", f.object().origin());
                g.writeEndObject();
                g.writeFieldName("verdict");
                ReportJson.writeVerdict(g, f.verdict());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("unusedExceptions");
            for (String e : r.unusedExceptions()) {
                g.writeString(e);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "\n";
    }

    /** One testcase per rule, under {@code ra2check.workload}. */
    public String junit(WorkloadReport r, Set<Status> failing) {
        JunitRenderer j = new JunitRenderer(failing);
        List<Verdict> rules = r.ruleVerdicts();
        String suite = "ra2check workload " + source;
        StringBuilder sb = new StringBuilder(16384);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"ra2check\" tests=\"").append(rules.size()).append("\" failures=\"")
                .append(j.failures(rules)).append("\" skipped=\"").append(j.skipped(rules)).append("\">\n");
        sb.append("  <testsuite name=\"").append(JunitRenderer.esc(suite)).append("\" tests=\"").append(rules.size())
                .append("\" failures=\"").append(j.failures(rules)).append("\" errors=\"0\" skipped=\"")
                .append(j.skipped(rules)).append("\" timestamp=\"").append(generated).append("\">\n");
        j.appendTestcases(sb, rules, "workload", PROFILE);
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    public String html(WorkloadReport r) {
        List<Verdict> rules = r.ruleVerdicts();
        StringBuilder sb = new StringBuilder(32768);
        String head = "ra2check " + version + " \u00b7 workload check \u00b7 " + generated;
        HtmlRenderer.appendDocumentStart(sb, "ra2check workload: " + source, head);
        boolean conformant = r.conformant();
        sb.append("<header class=\"doc\"><h1>RA2 workload check: ").append(Html.esc(source))
                .append("</h1>\n<p class=\"meta\">").append(Html.esc(head)).append("</p></header>\n")
                .append("<section class=\"server\" id=\"workload\">\n<h2>")
                .append(HtmlRenderer.badge(conformant ? "MEETS" : "DOES NOT MEET", conformant ? "MEETS"
                        : "DOES_NOT_MEET")).append(' ').append(Html.esc(objects(r) + " objects")).append("</h2>\n<p>")
                .append(Html.esc(counts(rules))).append("</p>\n");
        if (!r.unusedExceptions().isEmpty()) {
            sb.append("<p class=\"notice\">").append(Html.esc("Allowed exceptions that excused nothing: "
                    + String.join(", ", r.unusedExceptions()))).append("</p>\n");
        }
        HtmlRenderer.appendVerdicts(sb, rules, PROFILE, "workload");
        sb.append("</section>\n");
        HtmlRenderer.appendDocumentEnd(sb);
        return sb.toString();
    }

    private static long objects(WorkloadReport r) {
        return r.findings().stream().map(WorkloadFinding::object).distinct().count();
    }

    /** "26 rules: 20 PASS, 2 FAIL, 4 MANUAL". */
    static String counts(List<Verdict> rules) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        rules.forEach(v -> counts.merge(v.status(), 1, Integer::sum));
        StringBuilder b = new StringBuilder().append(rules.size()).append(" rules: ");
        String sep = "";
        for (Map.Entry<Status, Integer> e : counts.entrySet()) {
            b.append(sep).append(e.getValue()).append(' ').append(e.getKey());
            sep = ", ";
        }
        return b.toString();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String paint(boolean color, Status st, String s) {
        if (!color) {
            return s;
        }
        String code = switch (st) {
            case PASS -> "32";
            case FAIL -> "31";
            case WARN -> "33";
            case UNKNOWN -> "35";
            case MANUAL -> "36";
            case SKIP -> "90";
        };
        return "\u001b[" + code + "m" + s + "\u001b[0m";
    }
}
