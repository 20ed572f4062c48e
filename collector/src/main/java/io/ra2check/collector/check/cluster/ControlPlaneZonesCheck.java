package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

/** ra2.k8s.003: at least one control plane node per availability zone. */
public final class ControlPlaneZonesCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.k8s.003";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        return ZoneSpread.judge(c, true, r.stringThreshold("zoneLabel"));
    }
}
