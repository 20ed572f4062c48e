package io.ra2check.agent.cli;

import io.ra2check.agent.NodeScan;
import io.ra2check.agent.config.CheckConfig;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.render.HtmlRenderer;
import io.ra2check.agent.render.JunitRenderer;
import io.ra2check.agent.render.TextRenderer;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.ReportJson;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
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
    CommonOptions common;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "basic or network-intensive (default: the "
            + "config's, else basic).")
    String profile;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, junit or html (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--ignore", paramLabel = "ID", split = ",", description = "Requirement IDs to report as SKIP "
            + "(ignored by operator).")
    List<String> ignore = List.of();

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
        RequirementCatalog catalog = RequirementCatalog.builtIn();
        CheckConfig config = common.loadConfig(catalog);
        NodeScan scan = NodeScan.configured(catalog, config, validIgnores(catalog), common.kubeletConfig,
                Clock.systemUTC());
        Profile p = profile != null ? parseProfile(profile) : config.profile() != null ? config.profile()
                : Profile.BASIC;
        HostRoot root = common.openRoot();
        String name = nodeName != null ? nodeName : System.getenv("NODE_NAME");
        NodeReport report = scan.scan(root, p, name).report();
        String rendered = switch (output) {
            case "json" -> new ReportJson().write(report);
            case "junit" -> new JunitRenderer(failing).render(report);
            case "html" -> new HtmlRenderer().render(report);
            default -> new TextRenderer(out == null && !noColor && colorTerminal(), verbose).render(report);
        };
        Output.write(rendered, out, spec.commandLine().getOut());
        for (Verdict v : report.verdicts()) {
            if (failing.contains(v.status())) {
                return 1;
            }
        }
        return 0;
    }

    private Set<String> validIgnores(RequirementCatalog catalog) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : ignore) {
            String t = id.trim();
            if (catalog.find(t).isEmpty()) {
                throw new Main.UsageError("--ignore: unknown requirement '" + t + "'");
            }
            ids.add(t);
        }
        return ids;
    }

    static Profile parseProfile(String s) {
        try {
            return Profile.fromWire(s);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--profile: " + e.getMessage());
        }
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
