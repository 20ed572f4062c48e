package io.ra2check.agent.cli;

import io.ra2check.report.Coverage;
import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;
import io.ra2check.report.RequirementCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ra2check requirements}: every requirement of the chapter, with who decides it. */
@Command(name = "requirements", mixinStandardHelpOptions = true,
        description = "List the requirements of RA2 chapter 4 with their levels (basic / network-intensive) and who "
                + "decides each: agent, collector, workload, external, manual or optional.")
final class RequirementsCommand implements Callable<Integer> {
    @Option(names = "--family", paramLabel = "F", description = "Only this family: ch, os, k8s, crt, ntw, stg, pkg, "
            + "app or plat (ra2.k8s also works).")
    String family;

    @Option(names = "--disposition", paramLabel = "D", description = "Only requirements decided this way: agent, "
            + "collector, workload, external, manual or optional.")
    String disposition;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        RequirementCatalog catalog = main.catalog();
        String f = family == null ? null : family.toLowerCase(Locale.ROOT).replaceFirst("^ra2\\.", "");
        if (f != null && !catalog.families().contains(f)) {
            throw new Main.UsageError("--family: unknown family '" + family + "' (expected one of "
                    + String.join(", ", catalog.families()) + ")");
        }
        Requirement.Disposition d;
        try {
            d = disposition == null ? null : Requirement.Disposition.fromWire(disposition.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--disposition: " + e.getMessage());
        }
        List<Requirement> selected = catalog.select(f, d);
        PrintWriter out = spec.commandLine().getOut();
        int width = selected.stream().mapToInt(r -> r.title().length()).max().orElse(0);
        width = Math.min(width, 48);
        for (Requirement r : selected) {
            String title = r.title().length() > width ? r.title().substring(0, width - 3) + "..." : r.title();
            out.printf(Locale.ROOT, "%-13s %-" + width + "s  %-11s %s%n", r.id(), title, levels(r),
                    r.disposition().wireName());
        }
        Coverage c = Coverage.of(catalog, List.of());
        out.printf(Locale.ROOT, "%d of %d requirements%s; %d decided by ra2check itself (agent, collector or "
                        + "workload). 'ra2check explain ID' says how one is decided.%n", selected.size(),
                c.items().size(), f == null && d == null ? "" : " selected", c.automatic());
        out.flush();
        return 0;
    }

    static String levels(Requirement r) {
        return short_(r.level(Profile.BASIC).wireName()) + "/" + short_(r.level(Profile.NETWORK_INTENSIVE).wireName());
    }

    private static String short_(String level) {
        return level.equals("none") ? "-" : level;
    }
}
