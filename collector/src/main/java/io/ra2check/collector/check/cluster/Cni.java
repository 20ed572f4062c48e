package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The installed CNI plugins, told by the DaemonSets that run them (the catalog maps DaemonSet names to plugins and
 * says which enforce NetworkPolicy). ra2.ntw.002, ra2.k8s.014 and ra2.ntw.014 are judged from it.
 */
final class Cni {
    private Cni() {
    }

    /** The DaemonSets that run a known CNI plugin, as "plugin (namespace/name)". */
    static List<String> found(ClusterView c, Map<String, String> daemonSets) {
        List<String> out = new ArrayList<>();
        for (ClusterView.WorkloadInfo w : c.workloads().items()) {
            String plugin = daemonSets.get(w.name());
            if (w.kind().equals("DaemonSet") && plugin != null) {
                out.add(plugin + " (" + w.namespace() + "/" + w.name() + ")");
            }
        }
        return out;
    }

    static Finding networkPolicy(ClusterView c, Requirement r) {
        String expected = "a CNI plugin that enforces NetworkPolicy";
        if (!c.workloads().complete()) {
            return Finding.unknown(expected, c.workloads().unknownReason(), List.of());
        }
        List<String> enforcing = found(c, r.stringMapThreshold("policyCniDaemonSets"));
        List<String> other = found(c, r.stringMapThreshold("noPolicyCniDaemonSets"));
        List<Evidence> evidence = List.of(Evidence.of("CNI DaemonSets enforcing NetworkPolicy",
                enforcing.isEmpty() ? "(none)" : String.join(", ", enforcing)),
                Evidence.of("CNI DaemonSets without NetworkPolicy", other.isEmpty() ? "(none)" : String.join(", ", other)));
        if (!enforcing.isEmpty()) {
            return Finding.pass(expected, String.join(", ", enforcing), evidence);
        }
        if (!other.isEmpty()) {
            return Finding.fail(expected, "only " + String.join(", ", other) + ", which does not implement "
                    + "NetworkPolicy", evidence);
        }
        return Finding.unknown(expected, "no DaemonSet of a CNI plugin ra2check knows (the CNI may run outside "
                + "pods, as k3s's embedded flannel and policy controller do); run the NetworkPolicy e2e tests: "
                + "sonobuoy run --e2e-focus='\\[Feature:NetworkPolicy\\]'", evidence);
    }
}
