package io.ra2check.agent.render;

import io.ra2check.report.Evidence;
import io.ra2check.report.Coverage;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * JUnit XML for CI systems: one testcase per requirement. FAIL (and whatever {@code --fail-on} adds) is a failure
 * carrying the remediation and evidence; SKIP, UNKNOWN and MANUAL are skipped with their reason.
 */
public final class JunitRenderer {
    private final Set<Status> failing;

    /** @param failing the statuses reported as failures (always including FAIL) */
    public JunitRenderer(Set<Status> failing) {
        this.failing = Set.copyOf(failing);
    }

    public String render(NodeReport r) {
        int failures = failures(r);
        int skipped = skipped(r);
        List<Coverage.Item> notJudged = Coverage.of(r).notInReport();
        String suite = "ra2check " + r.profile().wireName() + " " + r.node();
        StringBuilder sb = new StringBuilder(16384);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"ra2check\" tests=\"").append(r.verdicts().size() + notJudged.size())
                .append("\" failures=\"").append(failures).append("\" skipped=\"").append(skipped + notJudged.size())
                .append("\" time=\"").append(String.format(Locale.ROOT, "%.3f", r.durationMs() / 1000)).append("\">\n");
        sb.append("  <testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(r.verdicts().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped)
                .append("\" timestamp=\"").append(r.generatedAt()).append("\" hostname=\"").append(esc(r.node()))
                .append("\">\n");
        appendTestcases(sb, r);
        sb.append("  </testsuite>\n");
        appendNotJudged(sb, r, notJudged);
        sb.append("</testsuites>\n");
        return sb.toString();
    }

    /**
     * The requirements of the chapter this report does not judge, one skipped testcase each saying who decides it, so
     * that a CI dashboard shows them beside the verdicts.
     */
    static void appendNotJudged(StringBuilder sb, NodeReport r, List<Coverage.Item> notJudged) {
        if (notJudged.isEmpty()) {
            return;
        }
        sb.append("  <testsuite name=\"").append(esc("ra2check not judged in this report " + r.node()))
                .append("\" tests=\"").append(notJudged.size()).append("\" failures=\"0\" errors=\"0\" skipped=\"")
                .append(notJudged.size()).append("\" timestamp=\"").append(r.generatedAt()).append("\">\n");
        for (Coverage.Item i : notJudged) {
            Requirement q = i.requirement();
            sb.append("    <testcase classname=\"ra2check.").append(esc(i.disposition().wireName()))
                    .append("\" name=\"").append(esc(q.id() + " " + q.title())).append("\">\n      <skipped message=\"")
                    .append(esc(i.disposition().wireName() + ": " + Coverage.howDecided(q)))
                    .append("\"/>\n    </testcase>\n");
        }
        sb.append("  </testsuite>\n");
    }

    /** Verdicts reported as failures. */
    public int failures(NodeReport r) {
        return failures(r.verdicts());
    }

    public int failures(List<Verdict> verdicts) {
        return (int) verdicts.stream().filter(v -> failing.contains(v.status())).count();
    }

    /** Verdicts reported as skipped (SKIP, UNKNOWN and MANUAL that do not count as failures). */
    public int skipped(NodeReport r) {
        return skipped(r.verdicts());
    }

    public int skipped(List<Verdict> verdicts) {
        return (int) verdicts.stream().filter(v -> !failing.contains(v.status()) && skippedStatus(v.status()))
                .count();
    }

    private static boolean skippedStatus(Status s) {
        return s == Status.SKIP || s == Status.UNKNOWN || s == Status.MANUAL;
    }

    /** One testcase element per verdict, indented for a testsuite element (shared with the fleet report). */
    public void appendTestcases(StringBuilder sb, NodeReport r) {
        appendTestcases(sb, r.verdicts(), r.profile().wireName(), r.profile());
    }

    /** The same for any verdicts (a workload report's, one per rule), under {@code ra2check.<classSuffix>}. */
    public void appendTestcases(StringBuilder sb, List<Verdict> verdicts, String classSuffix, Profile profile) {
        for (Verdict v : verdicts) {
            sb.append("    <testcase classname=\"ra2check.").append(esc(classSuffix)).append("\" name=\"")
                    .append(esc(v.id() + " " + v.title())).append("\"");
            String reason = v.reasonFor(profile);
            if (failing.contains(v.status())) {
                sb.append(">\n      <failure type=\"").append(v.status().name()).append("\" message=\"")
                        .append(esc("expected " + v.expected() + "; actual " + v.actual()
                                + (reason == null ? "" : "; " + reason))).append("\">")
                        .append(esc(body(v))).append("</failure>\n    </testcase>\n");
            } else if (skippedStatus(v.status())) {
                sb.append(">\n      <skipped message=\"").append(esc(v.status().name() + ": "
                        + (reason == null ? v.actual() : reason))).append("\"/>\n    </testcase>\n");
            } else {
                sb.append(">\n      <system-out>").append(esc(v.status().name() + ": " + v.actual()))
                        .append("</system-out>\n    </testcase>\n");
            }
        }
    }

    private static String body(Verdict v) {
        StringBuilder b = new StringBuilder();
        if (v.remediation() != null) {
            b.append("Remediation: ").append(v.remediation()).append('\n');
        }
        for (Evidence e : v.evidence()) {
            b.append(e.source()).append(": ").append(e.value()).append('\n');
        }
        return b.toString();
    }

    /** XML text/attribute escaping, dropping characters XML 1.0 (or UTF-8) cannot carry. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pair) {
                        b.append(c).append(s.charAt(++i));
                    } else if ((c >= 0x20 || c == '\n' || c == '\t' || c == '\r') && !Character.isSurrogate(c)
                            && c != 0xFFFE && c != 0xFFFF) {
                        // a lone surrogate cannot be written as UTF-8 at all
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
