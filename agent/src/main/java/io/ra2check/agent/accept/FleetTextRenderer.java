package io.ra2check.agent.accept;

import io.ra2check.agent.render.InventoryText;
import io.ra2check.report.Inventory;
import io.ra2check.report.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fleet summary for a terminal: the counts, a few lines per server (failures first), the requirements that failed
 * and on how many servers, and the outliers. The full per-server verdicts are in the HTML, CSV and JUnit reports.
 */
public final class FleetTextRenderer {

    public String render(FleetReport f) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("ra2check ").append(f.toolVersion()).append(" - accept - profile ").append(f.profile().wireName())
                .append(" - ").append(f.generatedAt()).append(" - ")
                .append(f.servers().size()).append(f.servers().size() == 1 ? " server" : " servers")
                .append(String.format(Locale.ROOT, " checked in %.1f s", f.durationMs() / 1000)).append('\n');
        List<String> counts = new ArrayList<>();
        for (Map.Entry<ServerStatus, Integer> e : f.statusCounts().entrySet()) {
            if (e.getValue() > 0) {
                counts.add(e.getValue() + " " + e.getKey().label());
            }
        }
        sb.append(String.join(", ", counts)).append("\n\n");
        for (ServerResult r : f.servers()) {
            sb.append(String.format(Locale.ROOT, "%-13s ", r.status().label())).append(r.name()).append("  (")
                    .append(r.source().label()).append(")\n");
            if (r.report() != null) {
                Inventory i = r.report().inventory();
                sb.append("              ").append(InventoryText.machine(i)).append(" | ")
                        .append(InventoryText.cpuModel(i)).append(" | ").append(InventoryText.topology(i))
                        .append(" | ").append(InventoryText.memory(i)).append(" | NICs ")
                        .append(InventoryText.nicPorts(i)).append('\n');
            }
            if (r.reason() != null) {
                sb.append("              ").append(r.reason()).append('\n');
            }
            if (!r.failedIds().isEmpty()) {
                sb.append("              failed: ").append(String.join(", ", r.failedIds())).append('\n');
            }
            if (r.status() == ServerStatus.UNDETERMINED) {
                sb.append("              undecided: ").append(String.join(", ", r.undecidedIds())).append('\n');
            }
        }
        List<FleetReport.RequirementTally> failed = f.failedRequirements();
        if (!failed.isEmpty()) {
            sb.append("\nRequirements that failed:\n");
            for (FleetReport.RequirementTally t : failed) {
                sb.append("  ").append(t.id()).append(' ').append(t.title()).append(": failed on ")
                        .append(t.count(Status.FAIL)).append(" of ").append(t.judged()).append('\n');
            }
        }
        List<Integer> outliers = f.outliers().outlierOrdinals();
        if (!outliers.isEmpty()) {
            sb.append("\nOutliers (hardware unlike the majority of the delivery):\n");
            for (ServerResult r : f.servers()) {
                Outliers.ServerFindings s = f.outliers().of(r.ordinal());
                if (s == null || s.deviations().isEmpty()) {
                    continue;
                }
                for (Outliers.Deviation d : s.deviations()) {
                    sb.append("  ").append(r.name()).append(": ").append(d.attribute().title()).append(' ')
                            .append(d.value()).append(" (majority: ").append(d.reference()).append(", ")
                            .append(d.referenceCount()).append(" of ").append(d.known()).append(")\n");
                }
            }
        }
        List<String> split = new ArrayList<>();
        for (Outliers.AttributeResult a : f.outliers().attributes()) {
            if (a.split()) {
                split.add(a.attribute().title() + " (" + a.distribution().size() + " values)");
            }
        }
        if (!split.isEmpty()) {
            sb.append("\nNo majority (the delivery is split, nobody flagged): ").append(String.join(", ", split))
                    .append('\n');
        }
        List<String> few = new ArrayList<>();
        for (Outliers.AttributeResult a : f.outliers().attributes()) {
            if (a.tooFewKnown()) {
                few.add(a.attribute().title() + " (known on " + a.known() + " of " + (a.known() + a.unknown()) + ")");
            }
        }
        if (!few.isEmpty()) {
            sb.append("\nKnown on too few servers to compare (nobody flagged): ").append(String.join(", ", few))
                    .append('\n');
        }
        if (!f.skipped().isEmpty()) {
            sb.append("\nNot snapshots or host trees, skipped: ").append(String.join(", ", f.skipped())).append('\n');
        }
        return sb.toString();
    }
}
