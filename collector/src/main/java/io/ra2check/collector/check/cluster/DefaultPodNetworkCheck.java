package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;

/** ra2.ntw.002: the default Pod network is a CNI plugin (not kubenet), told by the DaemonSet that runs it. */
public final class DefaultPodNetworkCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.ntw.002";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "a CNI-conformant plugin for the default Pod network";
        if (!c.workloads().complete()) {
            return Finding.unknown(expected, c.workloads().unknownReason(), List.of());
        }
        List<String> plugins = new ArrayList<>(Cni.found(c, r.stringMapThreshold("policyCniDaemonSets")));
        plugins.addAll(Cni.found(c, r.stringMapThreshold("noPolicyCniDaemonSets")));
        if (plugins.isEmpty()) {
            return Finding.unknown(expected, "no DaemonSet of a CNI plugin ra2check knows: the plugin may run outside "
                    + "pods (k3s's embedded flannel) or be one not in the catalog's list; check /etc/cni/net.d on a "
                    + "node", List.of());
        }
        return Finding.pass(expected, String.join(", ", plugins), List.of(Evidence.of("CNI DaemonSets",
                String.join(", ", plugins))));
    }
}
