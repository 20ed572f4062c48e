package io.ra2check.agent.cli;

import io.ra2check.report.Coverage;
import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ra2check explain ID}: one requirement, how it is judged, its thresholds and remediation. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print one requirement: its RA2 wording, levels, who decides it and how, the thresholds in "
                + "force and the remediation.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "A requirement ID, e.g. ra2.ch.001 (ch.001 also works).")
    String id;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        String wanted = id.toLowerCase(Locale.ROOT).startsWith("ra2.") ? id.toLowerCase(Locale.ROOT)
                : "ra2." + id.toLowerCase(Locale.ROOT);
        Requirement r = main.catalog().find(wanted).orElseThrow(() -> new Main.UsageError("unknown requirement '"
                + id + "' ('ra2check requirements' lists them)"));
        PrintWriter out = spec.commandLine().getOut();
        out.println(r.id() + " " + r.title());
        out.println("  section:     " + r.section());
        out.println("  levels:      basic " + r.level(Profile.BASIC).wireName() + ", network-intensive "
                + r.level(Profile.NETWORK_INTENSIVE).wireName() + " (from the " + (r.levelSource().equals("ri2-table")
                ? "RI2 requirements table" : "RA2 wording") + ")");
        if (r.condition() != null) {
            out.println("  condition:   applies only when declared in --config: conditions: {" + r.condition()
                    + ": true}");
        }
        out.println("  requirement: " + r.text());
        out.println("  decided by:  " + r.disposition().wireName() + " - " + Coverage.howDecided(r));
        if (r.perNode()) {
            out.println("  per node:    a verdict in every node report"
                    + (r.scope() == Requirement.Scope.CLUSTER ? " (MANUAL in a standalone check: the collector "
                    + "decides it)" : ""));
        }
        if (!r.signals().isEmpty()) {
            out.println("  reads:       " + String.join(", ", r.signals()));
        }
        if (r.unknownWhen() != null) {
            out.println("  UNKNOWN when " + r.unknownWhen());
        }
        if (!r.thresholds().isEmpty()) {
            out.println("  thresholds (override in --config under thresholds: {" + r.id() + ": {...}}):");
            for (Map.Entry<String, Object> t : r.thresholds().entrySet()) {
                out.println("    " + t.getKey() + ": " + t.getValue());
            }
        }
        out.println("  remediation: " + (r.remediation() == null ? "none given" : r.remediation()));
        out.flush();
        return 0;
    }
}
