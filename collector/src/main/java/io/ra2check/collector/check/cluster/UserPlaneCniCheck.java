package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ra2.ntw.010: a CNI plugin that supports DPDK, VPP or SR-IOV is deployed. Shown by a NetworkAttachmentDefinition
 * whose config uses one (sriov, userspace, vhostuser, accelerated-bridge, ib-sriov), or by the DaemonSet that installs
 * one (sriov-cni, the SR-IOV Network Operator's config daemon, userspace-cni, Calico's VPP dataplane). A plugin the
 * OS image put in /opt/cni/bin is invisible to the API: without either, a person must look (MANUAL), not a FAIL.
 */
public final class UserPlaneCniCheck implements ClusterCheck {
    static final Set<String> USER_PLANE_TYPES = Set.of("sriov", "userspace", "vhostuser", "accelerated-bridge",
            "ib-sriov");
    static final List<List<String>> INSTALLERS = List.of(List.of("sriov-cni"), List.of("sriov-network-config-daemon"),
            List.of("userspace-cni"), List.of("calico-vpp"), List.of("calicovpp"));

    @Override
    public String id() {
        return "ra2.ntw.010";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "a DPDK, VPP or SR-IOV capable CNI plugin deployed";
        if (!c.workloads().complete()) {
            return Finding.unknown(expected, c.workloads().unknownReason(), List.of());
        }
        ClusterView.Listing<String> nads = c.custom("NetworkAttachmentDefinition");
        if (!nads.complete()) {
            return Finding.unknown(expected, nads.unknownReason(), List.of());
        }
        List<String> userPlane = new ArrayList<>();
        for (String nad : nads.items()) {
            int open = nad.lastIndexOf(" (");
            if (open > 0 && nad.endsWith(")")) {
                for (String t : nad.substring(open + 2, nad.length() - 1).split(", ")) {
                    if (USER_PLANE_TYPES.contains(t)) {
                        userPlane.add(nad);
                        break;
                    }
                }
            }
        }
        List<ClusterView.WorkloadInfo> installers = DeviceResources.daemonSets(c, INSTALLERS);
        List<Evidence> evidence = List.of(
                Evidence.of("NetworkAttachmentDefinitions using a user-plane CNI", userPlane.isEmpty() ? "(none)"
                        : String.join(", ", userPlane.subList(0, Math.min(8, userPlane.size())))
                        + (userPlane.size() > 8 ? " and " + (userPlane.size() - 8) + " more" : "")),
                Evidence.of("user-plane CNI DaemonSets", DeviceResources.names(installers)));
        if (!userPlane.isEmpty()) {
            return Finding.pass(expected, "NetworkAttachmentDefinitions use a user-plane CNI: " + userPlane.get(0)
                    + (userPlane.size() > 1 ? " and " + (userPlane.size() - 1) + " more" : ""), evidence);
        }
        int ready = installers.stream().mapToInt(ClusterView.WorkloadInfo::ready).sum();
        if (ready > 0) {
            return Finding.pass(expected, "installed by " + DeviceResources.names(installers), evidence);
        }
        return Finding.manual(expected, "no NetworkAttachmentDefinition uses sriov, userspace or vhostuser, and no "
                + "known installer DaemonSet runs", "CNI plugins the OS image installs are not visible from the API: "
                + "look for sriov, userspace or vhostuser in /opt/cni/bin on a network-intensive node", evidence);
    }
}
