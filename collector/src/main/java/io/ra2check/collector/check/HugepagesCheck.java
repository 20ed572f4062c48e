package io.ra2check.collector.check;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import io.ra2check.report.Outcome;
import io.ra2check.report.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * ra2.ch.001, the cluster half and the whole: the node advertises schedulable pages of every size the catalog lists
 * ({@code hugepageSizesKiB}), and the agent found that the host can allocate them.
 */
public final class HugepagesCheck implements NodeCheck {
    @Override
    public String id() {
        return "ra2.ch.001";
    }

    @Override
    public Finding evaluate(NodeContext c, Requirement requirement) {
        return hugepages(c.agentVerdict(id()), schedulable(c.node(), requirement.stringListThreshold("hugepageSizesKiB")
                .stream().map(Long::parseLong).toList()));
    }

    /**
     * The cluster half of ra2.ch.001: the node advertises a schedulable amount (status.allocatable > 0) of the huge
     * pages of every size in {@code sizesKiB} (the catalog's hugepageSizesKiB, so an override changes both halves).
     */
    public static Finding schedulable(NodeFacts n, List<Long> sizesKiB) {
        List<String> resources = sizesKiB.stream().map(Quantities::hugepageResource).toList();
        String expected = "schedulable " + String.join(" and ", resources) + " (status.allocatable > 0)";
        if (!n.allocatableKnown()) {
            return Finding.unknown(expected, "the node reports no status.allocatable (is its kubelet up?)", List.of());
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String resource : resources) {
            Long bytes = n.hugepages().get(resource);
            evidence.add(Evidence.of(Quantities.src(n, "status.allocatable." + resource), Quantities.quantity(bytes)));
            shown.add(resource + " " + Quantities.quantity(bytes));
            if (bytes == null || bytes == 0) {
                missing.add(resource);
            }
        }
        String actual = "allocatable " + String.join(", ", shown);
        return missing.isEmpty() ? Finding.pass(expected, actual, evidence)
                : Finding.fail(expected, actual + " (none schedulable: " + String.join(", ", missing) + ")", evidence);
    }

    /**
     * ra2.ch.001 as a whole: the agent's half (the host supports and can allocate both page sizes) and the cluster's
     * (the kubelet advertises both as schedulable resources). Both must hold.
     *
     * @param agentHalf the agent's ra2.ch.001 verdict, or null when the report has none
     */
    public static Finding hugepages(Verdict agentHalf, Finding schedulable) {
        Outcome a = agentHalf == null ? Outcome.UNKNOWN : agentHalf.outcome();
        String agentReason = agentHalf == null ? "the report has no ra2.ch.001 verdict" : agentHalf.reason();
        Outcome s = schedulable.outcome();
        List<Evidence> evidence = new ArrayList<>();
        if (agentHalf != null) {
            evidence.addAll(agentHalf.evidence());
        }
        evidence.addAll(schedulable.evidence());
        String expected = Quantities.join(agentHalf == null ? "" : agentHalf.expected(), schedulable.expected());
        String actual = Quantities.join(agentHalf == null ? "no node verdict" : agentHalf.actual(),
                schedulable.actual());
        Outcome outcome;
        String reason = null;
        if (a == Outcome.FAIL || s == Outcome.FAIL) {
            outcome = Outcome.FAIL;
        } else if (a == Outcome.UNKNOWN || s == Outcome.UNKNOWN) {
            outcome = Outcome.UNKNOWN;
            List<String> reasons = new ArrayList<>();
            if (a == Outcome.UNKNOWN) {
                reasons.add("node: " + (agentReason == null ? "not decided" : agentReason));
            }
            if (s == Outcome.UNKNOWN) {
                reasons.add("cluster: " + schedulable.reason());
            }
            reason = String.join("; ", reasons);
        } else if (a == Outcome.MANUAL) {
            outcome = Outcome.MANUAL;
            reason = agentReason == null ? "the node half needs a person" : agentReason;
        } else if (a == Outcome.NOT_APPLICABLE) {
            outcome = Outcome.NOT_APPLICABLE;
            reason = agentReason == null ? "does not apply to this node" : agentReason;
        } else {
            outcome = Outcome.PASS;
        }
        return new Finding(outcome, expected, actual, reason, evidence);
    }

}
