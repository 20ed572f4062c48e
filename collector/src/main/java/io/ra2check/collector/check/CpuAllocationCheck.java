package io.ra2check.collector.check;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;

/**
 * ra2.ch.006: the CPU requests, and the CPU limits, of the pods on the node each sum to less than its allocatable
 * CPU.
 */
public final class CpuAllocationCheck implements NodeCheck {
    @Override
    public String id() {
        return "ra2.ch.006";
    }

    @Override
    public Finding evaluate(NodeContext c, Requirement requirement) {
        return cpuAllocation(c.node(), c.pods(), c.countUnsetCpuLimits());
    }

    /**
     * ra2.ch.006: the CPU requests, and the CPU limits, of the pods on the node each sum to less than its allocatable
     * CPU.
     *
     * @param countUnsetLimits a container without a CPU limit may use all of the node's CPU, so by default it makes
     *                         the limits sum unbounded; false sums only the limits that are set
     */
    public static Finding cpuAllocation(NodeFacts n, PodView pods, boolean countUnsetLimits) {
        String expected = "sum of pod CPU requests < allocatable CPU and sum of pod CPU limits < allocatable CPU";
        if (n.allocatableCpuMillis() == null) {
            return Finding.unknown(expected, "the node reports no allocatable CPU", List.of());
        }
        if (pods.unknownReason() != null) {
            return Finding.unknown(expected, pods.unknownReason(), List.of());
        }
        CpuTotals t = pods.totals();
        long alloc = n.allocatableCpuMillis();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of(Quantities.src(n, "status.allocatable.cpu"), Quantities.cpu(alloc)));
        evidence.add(Evidence.of("pods on node " + n.name() + " (not finished)", t.pods()));
        evidence.add(Evidence.of("sum of effective CPU requests", Quantities.cpu(t.requestMillis())));
        evidence.add(Evidence.of("sum of CPU limits set", Quantities.cpu(t.limitMillis())));
        if (t.unlimitedContainers() > 0) {
            evidence.add(Evidence.of("containers without a CPU limit", t.unlimitedContainers() + " (e.g. "
                    + String.join(", ", t.unlimitedPods()) + ")"));
        }
        boolean requestsOk = t.requestMillis() < alloc;
        boolean unbounded = countUnsetLimits && t.unlimitedContainers() > 0;
        boolean limitsOk = !unbounded && t.limitMillis() < alloc;
        StringBuilder actual = new StringBuilder();
        actual.append("requests ").append(Quantities.cpu(t.requestMillis())).append(", limits ");
        if (unbounded) {
            actual.append("unbounded (").append(t.unlimitedContainers())
                    .append(t.unlimitedContainers() == 1 ? " container sets" : " containers set")
                    .append(" no CPU limit, e.g. ").append(String.join(", ", t.unlimitedPods())).append(")");
        } else {
            actual.append(Quantities.cpu(t.limitMillis()));
        }
        actual.append(" of ").append(Quantities.cpu(alloc)).append(" allocatable, ").append(t.pods()).append(" pods");
        return requestsOk && limitsOk ? Finding.pass(expected, actual.toString(), evidence)
                : Finding.fail(expected, actual.toString(), evidence);
    }

}
