package io.ra2check.agent.cli;

import io.ra2check.agent.Version;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a picocli command tree as a man(7) page. Hand-written because picocli's own generator writes AsciiDoc,
 * which would need Asciidoctor (a Ruby runtime) in the build to become roff; the model is the same one --help uses,
 * so the page cannot drift from the options.
 */
final class ManPage {
    private ManPage() {
    }

    static String render(CommandLine root) {
        StringBuilder b = new StringBuilder();
        CommandSpec spec = root.getCommandSpec();
        String date = Version.commitTime().map(t -> t.substring(0, Math.min(10, t.length()))).orElse("");
        b.append(".TH RA2CHECK 1 \"").append(date).append("\" \"ra2check ").append(escape(Version.get()))
                .append("\" \"User Commands\"\n");
        b.append(".SH NAME\nra2check \\- ").append(escape(lowerFirst(description(spec)))).append('\n');
        b.append(".SH SYNOPSIS\n");
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            b.append(".B ra2check ").append(escape(e.getKey())).append("\n[\\fIOPTIONS\\fR]");
            for (PositionalParamSpec p : e.getValue().getCommandSpec().positionalParameters()) {
                b.append(' ').append(escape(p.paramLabel())).append(p.arity().max() > 1 ? "..." : "");
            }
            b.append("\n.br\n");
        }
        b.append(".B ra2check\n\\-\\-help | \\-\\-version\n");
        b.append(".SH DESCRIPTION\n").append(paragraphs(description(spec)));
        b.append("Each requirement gets one of PASS, FAIL, WARN, SKIP, UNKNOWN (a fact could not be read; the reason "
                + "says which file and why) and MANUAL (a person or the cluster's view decides).\n");
        b.append(".SH COMMANDS\n");
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            b.append(".SS ").append(escape(e.getKey())).append('\n').append(paragraphs(description(sub)));
            for (PositionalParamSpec p : sub.positionalParameters()) {
                b.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n')
                        .append(paragraphs(String.join(" ", p.description())));
            }
            for (OptionSpec o : sub.options()) {
                if (o.hidden()) {
                    continue;
                }
                b.append(".TP\n.B ").append(escape(String.join(", ", o.names())));
                if (o.arity().max() > 0) {
                    b.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
                }
                b.append('\n').append(paragraphs(String.join(" ", o.description())));
            }
        }
        b.append(".SH EXIT STATUS\n.TP\n.B 0\nNo requirement failed (and none of the statuses named by "
                + "\\fB\\-\\-fail\\-on\\fR occurred).\n.TP\n.B 1\nAt least one requirement failed, or a status "
                + "named by \\fB\\-\\-fail\\-on\\fR occurred (\\fB\\-\\-fail\\-on unknown\\fR makes an undecided "
                + "requirement fail the run, as hardware acceptance wants).\n.TP\n.B 2\nThe check could not run: bad "
                + "arguments, an unusable root, snapshot or configuration. One line on standard error says what "
                + "was wrong.\n");
        b.append(".SH ENVIRONMENT\n.TP\n.B NODE_NAME\nThe node's name in the report when \\fB\\-\\-node\\-name\\fR "
                + "is not given.\n.TP\n.B NO_COLOR\nNo ANSI colours in text output.\n.TP\n.B RA2CHECK_DEBUG\nPrint "
                + "the stack trace of an internal error.\n");
        b.append(".SH SEE ALSO\nThe requirements: Anuket Reference Architecture 2 (Kubernetes), chapter 4.\n");
        return b.toString();
    }

    private static String description(CommandSpec spec) {
        return String.join(" ", spec.usageMessage().description());
    }

    /** picocli's %n (a line break in --help) becomes a paragraph break; %% a percent sign. */
    private static String paragraphs(String text) {
        StringBuilder b = new StringBuilder();
        for (String p : List.of(text.split("%n"))) {
            String t = p.replace("%%", "%").strip();
            if (!t.isEmpty()) {
                b.append(b.isEmpty() ? "" : ".br\n").append(escape(t)).append('\n');
            }
        }
        return b.toString();
    }

    private static String lowerFirst(String s) {
        String t = s.replaceAll("\\.$", "").split("%n")[0];
        return t.isEmpty() ? t : t.substring(0, 1).toLowerCase(Locale.ROOT) + t.substring(1);
    }

    /** Escapes text for roff: backslashes, hyphens (so they copy as ASCII), and a leading control character. */
    static String escape(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }
}
