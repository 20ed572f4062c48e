package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;

/** ra2.stg.001: every worker node offers ephemeral storage to containers (status.allocatable ephemeral-storage). */
public final class EphemeralStorageCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.stg.001";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "allocatable ephemeral-storage > 0 on every worker node";
        if (!c.nodes().complete()) {
            return Finding.unknown(expected, c.nodes().unknownReason(), List.of());
        }
        List<String> without = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int workers = 0;
        for (ClusterView.NodeInfo n : c.nodes().items()) {
            if (n.controlPlane()) {
                continue;
            }
            workers++;
            if (!n.allocatableKnown()) {
                unknown.add(n.name());
            } else {
                Long bytes = n.allocatable().get("ephemeral-storage");
                if (bytes == null || bytes == 0) {
                    without.add(n.name());
                }
            }
        }
        List<Evidence> evidence = List.of(Evidence.of("worker nodes", workers),
                Evidence.of("without allocatable ephemeral-storage", without.isEmpty() ? "(none)"
                        : String.join(", ", without)));
        if (!without.isEmpty()) {
            return Finding.fail(expected, "no ephemeral storage on " + String.join(", ", without), evidence);
        }
        if (workers == 0) {
            return Finding.unknown(expected, "the cluster has no worker node", evidence);
        }
        if (!unknown.isEmpty()) {
            return Finding.unknown(expected, "no status.allocatable on " + String.join(", ", unknown), evidence);
        }
        return Finding.pass(expected, "all " + workers + " worker nodes", evidence);
    }
}
