package io.ra2check.collector.check;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;

/**
 * The logic of one requirement the collector decides for a node: a pure function of what the collector knows about
 * the node and the cluster, and of the requirement's thresholds in the catalog.
 */
public interface NodeCheck {
    /** The requirement ID this check decides. */
    String id();

    Finding evaluate(NodeContext context, Requirement requirement);

    /** Every per-node check of the collector, ra2.k8s.011 last (it follows from the others' compliance). */
    static List<NodeCheck> all() {
        return List.of(new HugepagesCheck(), new CpuAllocationCheck(), new NfdLabelsCheck(), new OsConsistencyCheck(),
                new VersionSkewCheck(), new OciRuntimeCheck(), new CriRuntimeCheck(), new ProfileLabelsCheck());
    }
}
