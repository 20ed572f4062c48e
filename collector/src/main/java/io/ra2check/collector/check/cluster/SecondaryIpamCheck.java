package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * ra2.ntw.015: an IPAM plugin allocates the secondary interfaces' addresses across all nodes. Cluster-wide IPAM
 * (whereabouts, DHCP, static addresses given per pod) passes; host-local alone fails, because each node allocates
 * from the same range on its own and two pods on two nodes can get one address; no NetworkAttachmentDefinition
 * asking for addresses, or an IPAM plugin ra2check does not know, is for a person to confirm.
 */
public final class SecondaryIpamCheck implements ClusterCheck {
    static final Set<String> CLUSTER_WIDE = Set.of("whereabouts", "dhcp", "static");
    static final List<List<String>> WHEREABOUTS = List.of(List.of("whereabouts"));

    @Override
    public String id() {
        return "ra2.ntw.015";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "a cluster-wide IPAM plugin for the secondary interfaces";
        MetaPlugin.View v = MetaPlugin.of(c, expected);
        if (v.problem() != null) {
            return v.problem();
        }
        TreeSet<String> ipam = new TreeSet<>();
        v.attachments().forEach(a -> ipam.addAll(a.ipam()));
        List<ClusterView.WorkloadInfo> whereabouts = DeviceResources.daemonSets(c, WHEREABOUTS);
        List<Evidence> evidence = new ArrayList<>(v.evidence());
        evidence.add(Evidence.of("IPAM plugins of the NetworkAttachmentDefinitions", ipam.isEmpty() ? "(none)"
                : String.join(", ", ipam)));
        evidence.add(Evidence.of("whereabouts DaemonSets", DeviceResources.names(whereabouts)));
        List<String> clusterWide = ipam.stream().filter(CLUSTER_WIDE::contains).toList();
        if (!clusterWide.isEmpty()) {
            return Finding.pass(expected, "cluster-wide IPAM: " + String.join(", ", clusterWide), evidence);
        }
        if (ipam.equals(new TreeSet<>(Set.of("host-local")))) {
            return Finding.fail(expected, "the NetworkAttachmentDefinitions use host-local only: each node allocates "
                    + "from the same range on its own, so pods on two nodes can get one address", evidence);
        }
        if (ipam.isEmpty()) {
            return Finding.manual(expected, "no NetworkAttachmentDefinition asks for addresses"
                    + (whereabouts.isEmpty() ? "" : " (whereabouts is installed)"), "whether the secondary interfaces "
                    + "get addresses some other way (from the application) is not visible", evidence);
        }
        return Finding.manual(expected, "IPAM plugins ra2check does not know: " + String.join(", ", ipam),
                "confirm that they allocate across all nodes", evidence);
    }
}
