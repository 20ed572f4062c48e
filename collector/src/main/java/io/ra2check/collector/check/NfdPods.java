package io.ra2check.collector.check;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.util.List;
import java.util.Map;

/**
 * The Node Feature Discovery daemons the collector sees running: nfd-worker detects a node's features (one per node,
 * a DaemonSet), nfd-master turns them into the node's labels (a Deployment). Without both, the labels on a node are
 * left over from an earlier run and nobody keeps them current.
 *
 * @param workersOnNode running and ready nfd-worker pods on the node ({@code namespace/name}), at most a few
 * @param masters       running and ready nfd-master pods anywhere in the cluster, at most a few
 */
public record NfdPods(List<String> workersOnNode, List<String> masters) {
    /** Names kept per list: evidence, not an inventory. */
    public static final int MAX_NAMES = 3;

    public enum Role { WORKER, MASTER }

    public NfdPods {
        workersOnNode = List.copyOf(workersOnNode.subList(0, Math.min(MAX_NAMES, workersOnNode.size())));
        masters = List.copyOf(masters.subList(0, Math.min(MAX_NAMES, masters.size())));
    }

    public static final NfdPods NONE = new NfdPods(List.of(), List.of());

    /**
     * The NFD daemon a pod is, when it runs and is ready; null otherwise. A pod is nfd-worker or nfd-master when one
     * of its containers runs that command (NFD's own manifests, its Helm chart and the NFD operator all name the
     * binary in {@code command}), or, for an image whose entrypoint is used, when NFD's Helm chart labels mark it
     * ({@code app.kubernetes.io/name: node-feature-discovery} and {@code role: worker|master}).
     */
    public static Role roleOf(Pod pod) {
        if (pod.getSpec() == null || pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())
                || !ready(pod.getStatus().getConditions())) {
            return null;
        }
        List<Container> containers = pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
        for (Container c : containers) {
            List<String> cmd = c.getCommand();
            if (cmd != null && !cmd.isEmpty() && cmd.get(0) != null) {
                String bin = cmd.get(0).substring(cmd.get(0).lastIndexOf('/') + 1);
                if (bin.equals("nfd-worker")) {
                    return Role.WORKER;
                }
                if (bin.equals("nfd-master")) {
                    return Role.MASTER;
                }
            }
        }
        Map<String, String> labels = pod.getMetadata() == null ? null : pod.getMetadata().getLabels();
        if (labels != null && "node-feature-discovery".equals(labels.get("app.kubernetes.io/name"))) {
            String role = labels.get("role");
            if ("worker".equals(role)) {
                return Role.WORKER;
            }
            if ("master".equals(role)) {
                return Role.MASTER;
            }
        }
        return null;
    }

    private static boolean ready(List<PodCondition> conditions) {
        if (conditions == null) {
            return false;
        }
        for (PodCondition c : conditions) {
            if (c != null && "Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }
}
