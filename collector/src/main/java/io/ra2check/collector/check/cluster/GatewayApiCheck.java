package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;

/** ra2.ntw.019 ("may"): the Gateway API is served and a GatewayClass names a controller that implements it. */
public final class GatewayApiCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.ntw.019";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        return AddOn.judge(c, "the Gateway API with a GatewayClass", "the Gateway API", "gateway.networking.k8s.io",
                List.of("GatewayClass"), "no GatewayClass: no controller implements it");
    }
}
