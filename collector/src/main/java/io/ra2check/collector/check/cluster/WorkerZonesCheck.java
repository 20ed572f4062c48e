package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

/** ra2.k8s.004: at least one worker node per availability zone. */
public final class WorkerZonesCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.k8s.004";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        return ZoneSpread.judge(c, false, r.stringThreshold("zoneLabel"));
    }
}
