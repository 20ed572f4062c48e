package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

/** ra2.ntw.017: the networking solution includes an L4 load balancer, shown by a LoadBalancer Service that got an address. */
public final class L4LoadBalancerCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.ntw.017";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        return LoadBalancers.judge(c, "an L4 load balancer that gives Services of type LoadBalancer an address");
    }
}
