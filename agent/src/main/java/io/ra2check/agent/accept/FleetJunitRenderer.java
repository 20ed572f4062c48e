package io.ra2check.agent.accept;

import io.ra2check.agent.render.JunitRenderer;
import io.ra2check.report.Status;

import java.util.Locale;
import java.util.Set;

import static io.ra2check.agent.render.JunitRenderer.esc;

/**
 * JUnit XML for a delivery: one testsuite per server, one testcase per requirement exactly as {@code check --output
 * junit} writes them. A server that was not judged gets one more testcase first, saying why: an error when its
 * snapshot is damaged (or checking it failed), a failure when it is not a Linux x86-64 host.
 */
public final class FleetJunitRenderer {
    private final JunitRenderer verdicts = new JunitRenderer(Set.of(Status.FAIL));

    public String render(FleetReport f) {
        java.io.StringWriter w = new java.io.StringWriter(8192 + 16384 * f.servers().size());
        try {
            render(f, w);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The same document written to {@code out} a server at a time (1,000 servers do not fit a 64 MiB heap whole). */
    public void render(FleetReport f, java.io.Writer out) throws java.io.IOException {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (ServerResult r : f.servers()) {
            tests += (r.report() == null ? 0 : r.report().verdicts().size()) + (r.status().judged() ? 0 : 1);
            failures += (r.report() == null ? 0 : verdicts.failures(r.report())) + (platformFailure(r) ? 1 : 0);
            errors += r.report() == null ? 1 : 0;
            skipped += r.report() == null ? 0 : verdicts.skipped(r.report());
        }
        StringBuilder sb = new StringBuilder(16384);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"ra2check accept ").append(esc(f.profile().wireName())).append("\" tests=\"")
                .append(tests).append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" skipped=\"").append(skipped).append("\" time=\"")
                .append(String.format(Locale.ROOT, "%.3f", f.durationMs() / 1000)).append("\" timestamp=\"")
                .append(f.generatedAt()).append("\">\n");
        for (ServerResult r : f.servers()) {
            out.append(sb);
            sb.setLength(0);
            appendSuite(sb, f, r);
        }
        sb.append("</testsuites>\n");
        out.append(sb);
        out.flush();
    }

    private static boolean platformFailure(ServerResult r) {
        return r.status() == ServerStatus.NOT_LINUX || r.status() == ServerStatus.NOT_X86_64;
    }

    private void appendSuite(StringBuilder sb, FleetReport f, ServerResult r) {
        int tests = (r.report() == null ? 0 : r.report().verdicts().size()) + (r.status().judged() ? 0 : 1);
        int failures = (r.report() == null ? 0 : verdicts.failures(r.report())) + (platformFailure(r) ? 1 : 0);
        int skipped = r.report() == null ? 0 : verdicts.skipped(r.report());
        String suite = "ra2check " + f.profile().wireName() + " " + r.name() + " (" + r.source().label() + ")";
        sb.append("  <testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(r.report() == null ? 1 : 0)
                .append("\" skipped=\"").append(skipped).append("\" timestamp=\"")
                .append(r.report() == null ? f.generatedAt() : r.report().generatedAt()).append("\" hostname=\"")
                .append(esc(r.name())).append("\">\n");
        sb.append("    <properties>\n      <property name=\"source\" value=\"").append(esc(r.source().label()))
                .append("\"/>\n      <property name=\"status\" value=\"").append(r.status().name()).append("\"/>\n")
                .append("    </properties>\n");
        if (!r.status().judged()) {
            sb.append("    <testcase classname=\"ra2check.accept\" name=\"").append(esc("server " + r.name()))
                    .append("\">\n");
            String tag = r.report() == null ? "error" : "failure";
            sb.append("      <").append(tag).append(" type=\"").append(r.status().name()).append("\" message=\"")
                    .append(esc(r.status().label() + ": " + r.reason())).append("\"/>\n    </testcase>\n");
        }
        if (r.report() != null) {
            verdicts.appendTestcases(sb, r.report());
        }
        sb.append("  </testsuite>\n");
    }
}
