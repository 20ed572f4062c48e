package io.ra2check.collector.check.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the cluster's API objects and discovery show about the cluster as a whole, read at one time: the input of the
 * cluster checks. Every listing says whether it was read completely; a check that counts from a listing that was not
 * is UNKNOWN, never PASS or FAIL.
 *
 * @param served      the group/versions API discovery lists ({@code apps/v1}, {@code v1} for the core group)
 * @param pods        the pods of the namespaces where control planes run their components (kube-system and the
 *                    OpenShift control-plane namespaces)
 * @param workloads   Deployments and DaemonSets of every namespace (names, images, Helm annotations)
 * @param custom      objects of the add-on kinds the checks look for, by kind ({@code IngressClass},
 *                    {@code GatewayClass}, {@code ClusterIssuer}, {@code Issuer}, {@code CSIDriver}, ...): their names
 * @param liveWorkloads the objects of the namespaces selected for the workload rules (none unless configured)
 */
public record ClusterView(
        Listing<NodeInfo> nodes,
        Listing<String> served,
        Listing<PodInfo> pods,
        Listing<WorkloadInfo> workloads,
        Listing<ServiceInfo> loadBalancers,
        Listing<StorageClassInfo> storageClasses,
        Map<String, Listing<String>> custom,
        LiveWorkloads liveWorkloads) {

    public ClusterView {
        custom = Map.copyOf(custom);
        liveWorkloads = liveWorkloads == null ? LiveWorkloads.none() : liveWorkloads;
    }

    /** The names of the objects of one add-on kind; a kind that was not read is an unread listing. */
    public Listing<String> custom(String kind) {
        Listing<String> l = custom.get(kind);
        return l != null ? l : Listing.unread("objects of kind " + kind + " were not read");
    }

    /** The served group/versions, or null when discovery failed. */
    public Set<String> servedSet() {
        return served.complete() ? Set.copyOf(served.items()) : null;
    }

    /**
     * A listing: the items, or why they are not all known.
     *
     * @param unknownReason null when every item was read
     */
    public record Listing<T>(List<T> items, String unknownReason) {
        public Listing {
            items = items == null ? List.of() : List.copyOf(items);
        }

        public static <T> Listing<T> of(List<T> items) {
            return new Listing<>(items, null);
        }

        public static <T> Listing<T> unread(String reason) {
            return new Listing<>(List.of(), reason);
        }

        public boolean complete() {
            return unknownReason == null;
        }
    }

    /**
     * @param zone             {@code topology.kubernetes.io/zone}, null when the node has none
     * @param allocatable      status.allocatable in base units (bytes, millicores for cpu), by resource name
     * @param allocatableKnown whether the node reports status.allocatable at all
     */
    public record NodeInfo(String name, boolean controlPlane, String zone, List<String> podCidrs,
                           Map<String, Long> allocatable, boolean allocatableKnown) {
        public NodeInfo {
            podCidrs = podCidrs == null ? List.of() : List.copyOf(podCidrs);
            allocatable = allocatable == null ? Map.of() : Map.copyOf(allocatable);
        }
    }

    /** @param running phase Running and every container ready */
    public record PodInfo(String namespace, String name, String nodeName, Map<String, String> labels,
                          boolean running) {
        public PodInfo {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /**
     * @param kind        Deployment or DaemonSet
     * @param helmRelease the {@code meta.helm.sh/release-name} annotation Helm 3 sets, null when absent
     */
    public record WorkloadInfo(String kind, String namespace, String name, List<String> images, int ready,
                               String helmRelease) {
        public WorkloadInfo {
            images = images == null ? List.of() : List.copyOf(images);
        }
    }

    /** A Service of type LoadBalancer; {@code addresses} are its status.loadBalancer.ingress IPs and host names. */
    public record ServiceInfo(String namespace, String name, List<String> addresses) {
        public ServiceInfo {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }
    }

    public record StorageClassInfo(String name, String provisioner, boolean isDefault) {
    }
}
