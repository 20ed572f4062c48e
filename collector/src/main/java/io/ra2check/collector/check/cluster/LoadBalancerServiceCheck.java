package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

/** ra2.k8s.015: Kubernetes supports Services of type LoadBalancer, shown by a LoadBalancer Service that got an address. */
public final class LoadBalancerServiceCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.k8s.015";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        return LoadBalancers.judge(c, "Services of type LoadBalancer get an external address");
    }
}
