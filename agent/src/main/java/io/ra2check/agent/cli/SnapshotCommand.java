package io.ra2check.agent.cli;

import io.ra2check.agent.NodeScan;
import io.ra2check.agent.Version;
import io.ra2check.agent.host.HostRoots;
import io.ra2check.agent.snapshot.SnapshotWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ra2check snapshot}: capture what the probes read, to check it elsewhere with {@code check --root}. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Capture exactly the files the probes read on this host (plus the facts only a live host "
                + "gives) into a .tar.gz that 'check --root' accepts on any machine. Serial numbers stay out unless "
                + "--include-serials.")
final class SnapshotCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Snapshot file to write (.tar.gz).")
    Path out;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
            description = "The live host's root: / (default) or where it is mounted (/host in the DaemonSet).")
    String root;

    @Option(names = "--include-serials", description = "Keep serial numbers, asset tags and the system UUID.")
    boolean includeSerials;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration (its runtime storage paths decide "
            + "which filesystem is measured).")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        String name = out.getFileName().toString();
        if (!name.endsWith(".tar.gz") && !name.endsWith(".tgz")) {
            throw new Main.UsageError("--out: a snapshot is a .tar.gz file, got " + out);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new Main.UsageError("--out " + out + ": directory " + parent + " is not writable");
        }
        io.ra2check.report.RequirementCatalog catalog = main.catalog();
        NodeScan scan = NodeScan.configured(catalog, JudgementOptions.loadConfig(config, catalog), Set.of(), null, Clock.systemUTC());
        try {
            SnapshotWriter.Result r = new SnapshotWriter(scan, Version.get()).write(root, out, includeSerials,
                    Clock.systemUTC().instant());
            spec.commandLine().getErr().println("ra2check: wrote " + r.file() + " (" + r.entries() + " entries, "
                    + r.bytes() + " bytes)" + (includeSerials ? "" : "; serial numbers left out"));
            return 0;
        } catch (HostRoots.UnusableRootException e) {
            throw new Main.UsageError(e.getMessage());
        } catch (IOException e) {
            throw new Main.UsageError("--out " + out + ": " + io.ra2check.agent.host.Fs.why(e));
        }
    }
}
