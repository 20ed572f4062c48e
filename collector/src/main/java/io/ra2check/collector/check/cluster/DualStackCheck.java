package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;

/**
 * ra2.ntw.013: a CNI able to support dual stack, shown by Pod CIDRs of both families on every node. A single-stack
 * configuration does not show the plugin incapable, and a CNI with its own IPAM leaves podCIDRs empty: both UNKNOWN.
 */
public final class DualStackCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.ntw.013";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "IPv4 and IPv6 Pod CIDRs on every node (a dual-stack Pod network)";
        if (!c.nodes().complete()) {
            return Finding.unknown(expected, c.nodes().unknownReason(), List.of());
        }
        List<String> single = new ArrayList<>();
        int dual = 0;
        int without = 0;
        for (ClusterView.NodeInfo n : c.nodes().items()) {
            boolean v4 = n.podCidrs().stream().anyMatch(x -> x.contains(".") && !x.contains(":"));
            boolean v6 = n.podCidrs().stream().anyMatch(x -> x.contains(":"));
            if (n.podCidrs().isEmpty()) {
                without++;
            } else if (v4 && v6) {
                dual++;
            } else {
                single.add(n.name() + " " + String.join(",", n.podCidrs()));
            }
        }
        List<Evidence> evidence = List.of(Evidence.of("nodes with IPv4 and IPv6 podCIDRs", dual),
                Evidence.of("nodes with one family", single.isEmpty() ? "(none)" : String.join("; ", single)),
                Evidence.of("nodes without podCIDRs", without));
        if (dual > 0 && single.isEmpty() && without == 0) {
            return Finding.pass(expected, "all " + dual + " nodes have IPv4 and IPv6 Pod CIDRs", evidence);
        }
        return Finding.unknown(expected, !single.isEmpty()
                ? "the cluster is configured single-stack on " + single.size() + " node" + (single.size() == 1 ? ""
                : "s") + ", which does not show whether the CNI could do dual stack; check the plugin's "
                + "documentation or a dual-stack test cluster"
                : "nodes carry no podCIDRs (the CNI allocates addresses itself): check that Pods get an IPv4 and an "
                + "IPv6 address (kubectl get pod -o jsonpath='{.status.podIPs}')", evidence);
    }
}
