package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

/** ra2.ntw.014: the networking solution supports network policies, judged from the installed CNI plugin. */
public final class NetworkPolicyCniCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.ntw.014";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        return Cni.networkPolicy(c, r);
    }
}
