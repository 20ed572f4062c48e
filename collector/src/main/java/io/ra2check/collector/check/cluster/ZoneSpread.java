package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** ra2.k8s.003 and ra2.k8s.004: nodes of one role in every availability zone of the cluster. */
final class ZoneSpread {
    private ZoneSpread() {
    }

    static Finding judge(ClusterView c, boolean controlPlane, String zoneLabel) {
        String role = controlPlane ? "control plane" : "worker";
        String expected = "at least one " + role + " node in every zone (" + zoneLabel + ") of the cluster";
        if (!c.nodes().complete()) {
            return Finding.unknown(expected, c.nodes().unknownReason(), List.of());
        }
        Set<String> zones = new TreeSet<>();
        Map<String, Integer> ofRole = new TreeMap<>();
        int unzoned = 0;
        int roleNodes = 0;
        for (ClusterView.NodeInfo n : c.nodes().items()) {
            if (n.zone() == null) {
                unzoned++;
            } else {
                zones.add(n.zone());
            }
            if (n.controlPlane() == controlPlane) {
                roleNodes++;
                if (n.zone() != null) {
                    ofRole.merge(n.zone(), 1, Integer::sum);
                }
            }
        }
        if (roleNodes == 0) {
            return Finding.unknown(expected, controlPlane
                    ? "no node is labelled as control plane: a managed control plane is not visible as nodes; ask the "
                    + "provider how many zones its control plane spans"
                    : "the cluster has no worker node", List.of());
        }
        if (zones.isEmpty()) {
            return Finding.unknown(expected, "no node carries " + zoneLabel + ": the zones (fault domains) are not "
                    + "recorded on the nodes; label them, or confirm the spread by hand", List.of());
        }
        List<Evidence> evidence = List.of(Evidence.of("zones", String.join(", ", zones)),
                Evidence.of(role + " nodes per zone", ofRole.toString()),
                Evidence.of("nodes without " + zoneLabel, unzoned));
        Set<String> missing = new TreeSet<>(zones);
        missing.removeAll(ofRole.keySet());
        if (!missing.isEmpty()) {
            return Finding.fail(expected, "no " + role + " node in zone " + String.join(", ", missing) + " (of "
                    + zones.size() + " zones)", evidence);
        }
        if (unzoned > 0) {
            return Finding.unknown(expected, unzoned + " node" + (unzoned == 1 ? " has" : "s have") + " no "
                    + zoneLabel + ": the zones they are in are not known", evidence);
        }
        return Finding.pass(expected, role + " nodes in all " + zones.size() + " zones: " + ofRole, evidence);
    }
}
