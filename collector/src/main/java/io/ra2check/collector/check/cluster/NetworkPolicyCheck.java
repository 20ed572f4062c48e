package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

/** ra2.k8s.014: Kubernetes supports NetworkPolicy, judged from the installed CNI plugin. */
public final class NetworkPolicyCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.k8s.014";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        return Cni.networkPolicy(c, r);
    }
}
