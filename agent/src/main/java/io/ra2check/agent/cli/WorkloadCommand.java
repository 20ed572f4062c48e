package io.ra2check.agent.cli;

import io.ra2check.agent.Version;
import io.ra2check.agent.render.WorkloadRenderer;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import io.ra2check.workload.KubeObject;
import io.ra2check.workload.WorkloadCheck;
import io.ra2check.workload.WorkloadReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ra2check workload}: Kubernetes manifests against the RA2 workload rules ({@code ra2.app.*}). */
@Command(name = "workload", mixinStandardHelpOptions = true,
        description = "Check Kubernetes manifests (YAML or JSON files, directories of them, or - for standard input, "
                + "e.g. helm template ... | ra2check workload -) against the RA2 workload rules (ra2.app.*): one "
                + "verdict per rule over every object.%n"
                + "Exit code: 0 no failing rule, 1 a FAIL (or what --fail-on adds), 2 unreadable or malformed input.")
final class WorkloadCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Parameters(paramLabel = "FILE|DIR|-", arity = "1..*",
            description = "Manifest files, directories (searched recursively for *.yaml, *.yml and *.json), or - "
                    + "for standard input.")
    List<String> inputs;

    @Option(names = "--allow", paramLabel = "RULE[@KIND/NAME]", split = ",",
            description = "An accepted failure, reported as SKIP: ra2.app.030 (every object) or "
                    + "ra2.app.030@DaemonSet/ra2check-agent (one object). Repeatable or comma-separated.")
    List<String> allow = List.of();

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, junit or html (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--fail-on", paramLabel = "STATUS", split = ",", defaultValue = "fail",
            description = "Statuses that make the exit code 1: fail, warn, unknown (comma-separated; fail always "
                    + "counts).")
    List<String> failOn;

    @Option(names = {"-v", "--verbose"}, description = "Text output: list each object's result under each rule.")
    boolean verbose;

    @Option(names = "--no-color", description = "Text output: no ANSI colours.")
    boolean noColor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Set<Status> failing = CheckCommand.failingStatuses(failOn);
        if (!List.of("text", "json", "junit", "html").contains(output)) {
            throw new Main.UsageError("--output: expected text, json, junit or html, got '" + output + "'");
        }
        Output.checkWritable("--out", out);
        List<KubeObject> objects = ManifestInputs.read(inputs, main.stdin());
        WorkloadReport report;
        try {
            report = WorkloadCheck.checkObjects(objects, new LinkedHashSet<>(allow));
        } catch (IllegalArgumentException e) {
            // an --allow that names no workload rule, or is not RULE[@KIND/NAME]
            throw new Main.UsageError("--allow: " + e.getMessage());
        }
        WorkloadRenderer renderer = new WorkloadRenderer(String.join(" ", inputs), Version.get(), Instant.now());
        String rendered = switch (output) {
            case "json" -> renderer.json(report);
            case "junit" -> renderer.junit(report, failing);
            case "html" -> renderer.html(report);
            default -> renderer.text(report, out == null && !noColor && System.console() != null
                    && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM")), verbose);
        };
        Output.write("--out", rendered, out, spec.commandLine().getOut());
        List<Verdict> rules = report.ruleVerdicts();
        int exit = rules.stream().anyMatch(v -> failing.contains(v.status())) ? 1 : 0;
        if (out != null) {
            spec.commandLine().getErr().println("ra2check: wrote " + output + " workload report to " + out + ": "
                    + rules.stream().filter(v -> failing.contains(v.status())).count() + " of " + rules.size()
                    + " rules failing; exit " + exit);
        }
        return exit;
    }
}
