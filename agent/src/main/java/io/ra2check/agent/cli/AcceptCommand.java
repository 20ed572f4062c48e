package io.ra2check.agent.cli;

import io.ra2check.agent.Version;
import io.ra2check.agent.accept.FleetCsvRenderer;
import io.ra2check.agent.accept.FleetHtmlRenderer;
import io.ra2check.agent.accept.FleetJunitRenderer;
import io.ra2check.agent.accept.FleetReport;
import io.ra2check.agent.accept.FleetScan;
import io.ra2check.agent.accept.FleetTextRenderer;
import io.ra2check.agent.accept.ServerResult;
import io.ra2check.agent.accept.ServerSource;
import io.ra2check.agent.accept.SourceDiscovery;
import io.ra2check.report.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ra2check accept}: a delivery of servers in, one report a person can sign off. */
@Command(name = "accept", mixinStandardHelpOptions = true,
        description = "Check every server of a delivery (snapshot archives or captured host trees), in parallel, "
                + "and report them together: a summary row per server with its inventory and verdict, how often each "
                + "requirement failed, hardware outliers, and every server's verdicts with evidence and remediation."
                + "%nExit code: 0 every server meets the profile, 1 a server does not, could not be decided, or could "
                + "not be judged (damaged, not Linux, not x86-64), 2 bad arguments.")
final class AcceptCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*", description = "Snapshot archives (.tar.gz, .tgz, .tar) or "
            + "host trees (directories laid out like /, or a folder holding one as rootfs/).")
    List<String> snapshots = List.of();

    @Option(names = "--dir", paramLabel = "DIR", description = "Check every snapshot archive and host tree in DIR "
            + "(also <case>/rootfs folders).")
    Path dir;

    @Mixin
    JudgementOptions judgement;

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the acceptance report as one self-contained "
            + "HTML file (prints on A4, a page per server).")
    Path html;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the fleet summary as CSV (a row per server).")
    Path csv;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML: a testsuite per server, a "
            + "testcase per requirement.")
    Path junit;

    @Option(names = "--jobs", paramLabel = "N", description = "Servers checked at once (default: the number of "
            + "processors).")
    Integer jobs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        long t0 = System.nanoTime();
        Instant startedAt = Clock.systemUTC().instant();
        JudgementOptions.Judgement j = judgement.resolve(main.catalog(), Clock.systemUTC());
        Profile p = j.profile();
        if (jobs != null && jobs < 1) {
            throw new Main.UsageError("--jobs: expected a positive number, got " + jobs);
        }
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        Output.checkWritable("--html", html);
        Output.checkWritable("--csv", csv);
        Output.checkWritable("--junit", junit);
        List<ServerSource> sources = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try {
            for (String s : snapshots) {
                sources.add(SourceDiscovery.ofArgument(s));
            }
            if (dir != null) {
                SourceDiscovery.Listing l = SourceDiscovery.inDirectory(dir);
                if (l.servers().isEmpty()) {
                    throw new Main.UsageError("--dir " + dir + ": no snapshot archives (.tar.gz, .tgz, .tar) or host "
                            + "trees (directories with sys/ or proc/) in it");
                }
                sources.addAll(l.servers());
                skipped.addAll(l.skipped());
            }
        } catch (SourceDiscovery.BadSourceException e) {
            throw new Main.UsageError(e.getMessage());
        }
        if (sources.isEmpty()) {
            throw new Main.UsageError("no servers to check: give SNAPSHOT... or --dir DIR");
        }
        sources = SourceDiscovery.distinct(sources);

        List<ServerResult> results = new FleetScan(j.scan(), p, threads, Version.get()).run(sources);
        FleetReport report = FleetReport.of(Version.get(), p, startedAt, (System.nanoTime() - t0) / 1e6, results,
                skipped);

        if (html != null) {
            Output.write("--html", w -> new FleetHtmlRenderer().render(report, w), html, spec.commandLine().getOut());
        }
        write("--csv", csv, () -> new FleetCsvRenderer().render(report));
        if (junit != null) {
            Output.write("--junit", w -> new FleetJunitRenderer().render(report, w), junit, spec.commandLine().getOut());
        }
        spec.commandLine().getOut().print(new FleetTextRenderer().render(report));
        spec.commandLine().getOut().flush();
        return report.allAccepted() ? 0 : 1;
    }

    private interface Rendering {
        String render();
    }

    private void write(String option, Path file, Rendering rendering) {
        if (file != null) {
            Output.write(option, rendering.render(), file, spec.commandLine().getOut());
        }
    }
}
