package io.ra2check.collector.check.cluster;

import io.ra2check.collector.check.cluster.ClusterView.Listing;
import io.ra2check.workload.KubeObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of the namespaces whose workloads the collector was told to judge ({@code --workload-namespaces}), by
 * namespace and kind, as the workload rules take them. Each kind's listing says whether it was read completely: a
 * rule that reads a kind that was not is UNKNOWN in that namespace, never judged on what happened to be read.
 *
 * @param namespaces in the order configured; empty when none is selected
 */
public record LiveWorkloads(List<Namespace> namespaces) {
    /** Kinds that run pods, as the workload rules know them; only the objects no controller owns are kept. */
    public static final List<String> WORKLOAD_KINDS = List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "Job", "CronJob", "Pod");
    /** The other kinds the rules read: Services (nodePort), ConfigMaps (immutable), autoscalers, resource limits. */
    public static final List<String> OTHER_KINDS = List.of("Service", "ConfigMap", "HorizontalPodAutoscaler",
            "LimitRange", "ResourceQuota", "Namespace");

    public LiveWorkloads {
        namespaces = List.copyOf(namespaces);
    }

    public static LiveWorkloads none() {
        return new LiveWorkloads(List.of());
    }

    public boolean selected() {
        return !namespaces.isEmpty();
    }

    /**
     * One namespace.
     *
     * @param lists every kind of {@link #WORKLOAD_KINDS} and {@link #OTHER_KINDS}: its objects, or why they were not
     *              all read ({@code Namespace} holds the namespace object itself)
     */
    public record Namespace(String name, Map<String, Listing<KubeObject>> lists) {
        public Namespace {
            lists = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lists));
        }

        /** The listing of a kind; a kind that was not asked for is unread rather than empty. */
        public Listing<KubeObject> list(String kind) {
            Listing<KubeObject> l = lists.get(kind);
            return l != null ? l : Listing.unread(kind + " objects were not read");
        }

        /** Why a kind among these was not read completely, or null when all were. */
        public String unread(java.util.Collection<String> kinds) {
            for (String k : kinds) {
                if (!list(k).complete()) {
                    return list(k).unknownReason();
                }
            }
            return null;
        }

        /** The objects of the kinds read completely (an unread kind has none: the rules that need it are UNKNOWN). */
        public List<KubeObject> objects() {
            List<KubeObject> out = new ArrayList<>();
            lists.values().forEach(l -> out.addAll(l.items()));
            return out;
        }
    }
}
