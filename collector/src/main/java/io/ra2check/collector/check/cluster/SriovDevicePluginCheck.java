package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;
import java.util.Map;

/**
 * ra2.ntw.008: the SR-IOV network device plugin runs and advertises VFs to the kubelets. The plugin is known by its
 * DaemonSet (upstream {@code sriov-network-device-plugin}, the SR-IOV Network Operator's {@code sriov-device-plugin});
 * what it advertises are extended resources whose names its configuration chooses, so they are shown, not matched.
 * With no such DaemonSet but extended resources advertised, another plugin may be the SR-IOV one: UNKNOWN.
 */
public final class SriovDevicePluginCheck implements ClusterCheck {
    static final List<List<String>> PLUGIN = List.of(List.of("sriov", "device-plugin"),
            List.of("sriov", "deviceplugin"));

    @Override
    public String id() {
        return "ra2.ntw.008";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "the SR-IOV device plugin running and advertising VFs";
        if (!c.workloads().complete()) {
            return Finding.unknown(expected, c.workloads().unknownReason(), List.of());
        }
        if (!c.nodes().complete()) {
            return Finding.unknown(expected, c.nodes().unknownReason(), List.of());
        }
        List<ClusterView.WorkloadInfo> plugin = DeviceResources.daemonSets(c, PLUGIN);
        Map<String, List<String>> advertised = DeviceResources.advertised(c.nodes().items());
        List<Evidence> evidence = List.of(Evidence.of("SR-IOV device plugin DaemonSets", DeviceResources.names(plugin)),
                Evidence.of("extended resources advertised", DeviceResources.describe(advertised)));
        int ready = plugin.stream().mapToInt(ClusterView.WorkloadInfo::ready).sum();
        if (!plugin.isEmpty() && ready == 0) {
            return Finding.fail(expected, "the SR-IOV device plugin runs on no node: "
                    + DeviceResources.names(plugin), evidence);
        }
        if (!plugin.isEmpty() && advertised.isEmpty()) {
            return Finding.fail(expected, "the SR-IOV device plugin runs on " + ready + " node(s) but no node "
                    + "advertises any device resource: its resource list selects no VF", evidence);
        }
        if (!plugin.isEmpty()) {
            return Finding.pass(expected, "SR-IOV device plugin on " + ready + " node(s); advertised: "
                    + DeviceResources.describe(advertised), evidence);
        }
        if (advertised.isEmpty()) {
            return Finding.fail(expected, "no SR-IOV device plugin DaemonSet, and no node advertises any device "
                    + "resource: pods cannot request VFs", evidence);
        }
        return Finding.unknown(expected, "no DaemonSet ra2check knows as the SR-IOV device plugin, but nodes "
                + "advertise " + DeviceResources.describe(advertised) + ": confirm which plugin advertises the VFs",
                evidence);
    }
}
