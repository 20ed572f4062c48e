package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;

/**
 * ra2.pkg.001: the package manager needs no cluster-side component. Tiller (Helm 2's) running fails it; workloads
 * installed by Helm 3 (which sets the meta.helm.sh/release-name annotation Helm 2 never set) with no Tiller pass it;
 * neither shows which package manager is used: UNKNOWN.
 */
public final class HelmPackagesCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.pkg.001";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "a package manager without cluster-side components (no Tiller)";
        if (!c.workloads().complete()) {
            return Finding.unknown(expected, c.workloads().unknownReason(), List.of());
        }
        List<String> tiller = c.workloads().items().stream().filter(w -> w.name().equals("tiller-deploy")
                || w.images().stream().anyMatch(i -> i.contains("/tiller:") || i.startsWith("tiller:")))
                .map(w -> w.namespace() + "/" + w.name()).toList();
        List<String> helm3 = c.workloads().items().stream().filter(w -> w.helmRelease() != null)
                .map(w -> w.helmRelease()).distinct().sorted().toList();
        List<Evidence> evidence = List.of(Evidence.of("Tiller", tiller.isEmpty() ? "(none)" : String.join(", ", tiller)),
                Evidence.of("Helm 3 releases of Deployments/DaemonSets", helm3.isEmpty() ? "(none)"
                        : String.join(", ", helm3)));
        if (!tiller.isEmpty()) {
            return Finding.fail(expected, "Tiller runs: " + String.join(", ", tiller), evidence);
        }
        if (!helm3.isEmpty()) {
            return Finding.pass(expected, "Helm 3 (" + helm3.size() + " release" + (helm3.size() == 1 ? "" : "s")
                    + "), no Tiller", evidence);
        }
        return Finding.unknown(expected, "no Tiller, and no workload installed by Helm 3: which package manager "
                + "is used is not visible", evidence);
    }
}
