package io.ra2check.agent.cli;

import io.ra2check.agent.NodeScan;
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
import io.ra2check.agent.config.CheckConfig;
import io.ra2check.agent.host.Fs;
import io.ra2check.report.Profile;
import io.ra2check.report.RequirementCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    @Option(names = "--profile", paramLabel = "PROFILE", description = "basic or network-intensive (default: the "
            + "config's, else basic).")
    String profile;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration: profile, conditions, ignores and "
            + "threshold overrides (YAML), as for check.")
    Path config;

    @Option(names = "--kubelet-config", paramLabel = "FILE", description = "Judge this planned kubelet configuration "
            + "for every server (servers are usually accepted before they join a cluster).")
    Path kubeletConfig;

    @Option(names = "--ignore", paramLabel = "ID", split = ",", description = "Requirement IDs to report as SKIP "
            + "(ignored by operator).")
    List<String> ignore = List.of();

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
        RequirementCatalog catalog = RequirementCatalog.builtIn();
        CheckConfig cfg = loadConfig(catalog);
        Profile p = profile != null ? CheckCommand.parseProfile(profile) : cfg.profile() != null ? cfg.profile()
                : Profile.BASIC;
        Set<String> ignored = validIgnores(catalog);
        if (jobs != null && jobs < 1) {
            throw new Main.UsageError("--jobs: expected a positive number, got " + jobs);
        }
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        checkWritable("--html", html);
        checkWritable("--csv", csv);
        checkWritable("--junit", junit);
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

        NodeScan scan = NodeScan.configured(catalog, cfg, ignored, kubeletConfig, Clock.systemUTC());
        List<ServerResult> results = new FleetScan(scan, p, threads, Version.get()).run(sources);
        FleetReport report = FleetReport.of(Version.get(), p, startedAt, (System.nanoTime() - t0) / 1e6, results,
                skipped);

        write("--html", html, () -> new FleetHtmlRenderer().render(report));
        write("--csv", csv, () -> new FleetCsvRenderer().render(report));
        write("--junit", junit, () -> new FleetJunitRenderer().render(report));
        spec.commandLine().getOut().print(new FleetTextRenderer().render(report));
        spec.commandLine().getOut().flush();
        return report.allAccepted() ? 0 : 1;
    }

    private CheckConfig loadConfig(RequirementCatalog catalog) {
        if (kubeletConfig != null && !Files.isRegularFile(kubeletConfig)) {
            throw new Main.UsageError("--kubelet-config " + kubeletConfig + ": not a readable file");
        }
        if (config == null) {
            return CheckConfig.empty();
        }
        try {
            return CheckConfig.load(config, catalog);
        } catch (CheckConfig.ConfigException e) {
            throw new Main.UsageError(e.getMessage());
        }
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

    /** Before any server is checked: a report that cannot be written is a bad argument, not a late surprise. */
    private static void checkWritable(String option, Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new Main.UsageError(option + " " + file + ": is a directory");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new Main.UsageError(option + " " + file + ": directory " + parent + " does not exist");
        }
        if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new Main.UsageError(option + " " + file + ": not writable");
        }
    }

    private interface Rendering {
        String render();
    }

    /** Atomically: a reader never sees half a report. */
    private static void write(String option, Path file, Rendering rendering) {
        if (file == null) {
            return;
        }
        String content = rendering.render();
        Path parent = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new Main.UsageError(option + " " + file + ": cannot write (" + Fs.why(e) + ")");
        }
    }
}
