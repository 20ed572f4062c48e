package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

/** ra2.ntw.018: the load balancer supports the Service type LoadBalancer API, shown by a LoadBalancer Service that got an address. */
public final class LoadBalancerApiCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.ntw.018";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        return LoadBalancers.judge(c, "the load balancer serves the Service type LoadBalancer API");
    }
}
