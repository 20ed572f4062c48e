package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ra2.k8s.002: three, five or seven nodes run etcd, none of them a worker. Read from the etcd pods of the control
 * plane (kubeadm's static pods {@code component=etcd} in kube-system, OpenShift's {@code app=etcd} in openshift-etcd).
 * Where etcd is not a pod (external, managed, or embedded in the k3s server) no object shows the members: UNKNOWN.
 */
public final class EtcdMembersCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.k8s.002";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        List<Long> allowed = r.stringListThreshold("memberCounts").stream().map(Long::parseLong).toList();
        String expected = "etcd on " + allowed.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b)
                .orElse("") + " nodes, none a worker";
        if (!c.pods().complete()) {
            return Finding.unknown(expected, c.pods().unknownReason(), List.of());
        }
        if (!c.nodes().complete()) {
            return Finding.unknown(expected, c.nodes().unknownReason(), List.of());
        }
        Map<String, String> selectors = r.stringMapThreshold("etcdPodSelectors");
        Set<String> etcdNodes = new TreeSet<>();
        List<String> pods = new ArrayList<>();
        for (ClusterView.PodInfo p : c.pods().items()) {
            if (ControlPlaneServicesCheck.matches(p, selectors) && p.nodeName() != null) {
                etcdNodes.add(p.nodeName());
                pods.add(p.namespace() + "/" + p.name());
            }
        }
        if (etcdNodes.isEmpty()) {
            return Finding.unknown(expected, "no etcd pod in the cluster (selectors " + selectors + "): etcd runs "
                    + "outside pods here (external, managed, or embedded as in k3s); count the members with "
                    + "'etcdctl member list'", List.of());
        }
        Set<String> workers = new TreeSet<>();
        for (ClusterView.NodeInfo n : c.nodes().items()) {
            if (etcdNodes.contains(n.name()) && !n.controlPlane()) {
                workers.add(n.name());
            }
        }
        List<Evidence> evidence = List.of(Evidence.of("etcd pods", String.join(", ", pods)),
                Evidence.of("nodes running etcd", String.join(", ", etcdNodes)));
        String actual = etcdNodes.size() + " node" + (etcdNodes.size() == 1 ? "" : "s") + " run etcd";
        if (!workers.isEmpty()) {
            return Finding.fail(expected, actual + ", on worker nodes: " + String.join(", ", workers), evidence);
        }
        return Finding.of(allowed.contains((long) etcdNodes.size()), expected, actual
                + (allowed.contains((long) etcdNodes.size()) ? ", all control plane" : ": not "
                + allowed.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")), evidence);
    }
}
