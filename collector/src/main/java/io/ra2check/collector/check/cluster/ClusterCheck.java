package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

/**
 * The logic of one requirement on the cluster as a whole: a pure function of what the API objects and discovery show
 * and of the requirement's thresholds. What an object cannot show is UNKNOWN (or MANUAL) with what would show it.
 */
public interface ClusterCheck {
    String id();

    Finding evaluate(ClusterView cluster, Requirement requirement);
}
