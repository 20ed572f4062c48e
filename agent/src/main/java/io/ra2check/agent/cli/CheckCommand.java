package io.ra2check.agent.cli;

import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.render.HtmlRenderer;
import io.ra2check.agent.render.JunitRenderer;
import io.ra2check.agent.render.TextRenderer;
import io.ra2check.report.NodeReport;
import io.ra2check.report.ReportJson;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ra2check check}: one host, every requirement, a verdict each. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a host (this one, a mounted root, a directory or a snapshot) against RA2 chapter 4.%n"
                + "Exit code: 0 no failing requirement, 1 a FAIL (or what --fail-on adds), 2 the check could not run.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    RootOptions root;

    @Mixin
    JudgementOptions judgement;

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, junit or html (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--fail-on", paramLabel = "STATUS", split = ",", defaultValue = "fail",
            description = "Statuses that make the exit code 1: fail, warn, unknown (comma-separated; fail always "
                    + "counts).")
    List<String> failOn;

    @Option(names = "--node-name", paramLabel = "NAME", description = "Name of the node in the report (default: "
            + "$NODE_NAME, else the host name).")
    String nodeName;

    @Option(names = {"-v", "--verbose"}, description = "Text output: list the evidence under each verdict.")
    boolean verbose;

    @Option(names = "--no-color", description = "Text output: no ANSI colours.")
    boolean noColor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Set<Status> failing = failingStatuses(failOn);
        if (!List.of("text", "json", "junit", "html").contains(output)) {
            throw new Main.UsageError("--output: expected text, json, junit or html, got '" + output + "'");
        }
        Output.checkWritable("--out", out);
        JudgementOptions.Judgement j = judgement.resolve(main.catalog(), Clock.systemUTC());
        HostRoot host = root.open();
        String name = nodeName != null ? nodeName : System.getenv("NODE_NAME");
        NodeReport report = j.scan().scan(host, j.profile(), name).report();
        String rendered = switch (output) {
            case "json" -> new ReportJson().write(report);
            case "junit" -> new JunitRenderer(failing).render(report);
            case "html" -> new HtmlRenderer().render(report);
            default -> new TextRenderer(out == null && !noColor && colorTerminal(), verbose).render(report);
        };
        Output.write("--out", rendered, out, spec.commandLine().getOut());
        int exit = report.verdicts().stream().anyMatch(v -> failing.contains(v.status())) ? 1 : 0;
        if (out != null) {
            spec.commandLine().getErr().println(summary(out, output, report, exit));
        }
        return exit;
    }

    /** One line on standard error when the report went to a file: the person at the terminal still sees the outcome. */
    static String summary(Path file, String format, NodeReport report, int exit) {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Verdict v : report.verdicts()) {
            counts.merge(v.status(), 1L, Long::sum);
        }
        StringBuilder b = new StringBuilder("ra2check: wrote ").append(format).append(" report to ").append(file)
                .append(": ");
        String sep = "";
        for (Map.Entry<Status, Long> e : counts.entrySet()) {
            b.append(sep).append(e.getValue()).append(' ').append(e.getKey());
            sep = ", ";
        }
        return b.append(counts.isEmpty() ? "no verdicts" : "").append("; exit ").append(exit).toString();
    }

    static Set<Status> failingStatuses(List<String> failOn) {
        Set<Status> s = EnumSet.of(Status.FAIL);
        for (String f : failOn) {
            switch (f.trim().toLowerCase(Locale.ROOT)) {
                case "fail" -> s.add(Status.FAIL);
                case "warn" -> s.add(Status.WARN);
                case "unknown" -> s.add(Status.UNKNOWN);
                default -> throw new Main.UsageError("--fail-on: expected fail, warn or unknown, got '" + f + "'");
            }
        }
        return s;
    }

    private static boolean colorTerminal() {
        return System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
    }
}
