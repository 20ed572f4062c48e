package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;
import io.ra2check.workload.KubeObject;

import java.util.ArrayList;
import java.util.List;

/**
 * ra2.pkg.002: every workload is packaged as a Helm 3 chart. Judged over the Deployments, StatefulSets and
 * DaemonSets of the namespaces selected for the workload rules: Helm 3 annotates each object it installs with
 * {@code meta.helm.sh/release-name}, which Helm 2 never set, so an object without it was not installed by Helm 3.
 * With no namespace selected, which namespaces hold "the workloads" is the operator's to say: MANUAL.
 */
public final class HelmChartsCheck implements ClusterCheck {
    static final String RELEASE = "meta.helm.sh/release-name";
    static final List<String> KINDS = List.of("Deployment", "StatefulSet", "DaemonSet");
    /** Objects named in the verdict; the count says how many more. */
    static final int NAMED = 10;

    @Override
    public String id() {
        return "ra2.pkg.002";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "every Deployment, StatefulSet and DaemonSet of the workload namespaces installed by Helm 3 "
                + "(annotation " + RELEASE + ")";
        LiveWorkloads live = c.liveWorkloads();
        if (!live.selected()) {
            return Finding.manual(expected, "no workload namespace selected", "the collector judges the workloads "
                    + "of the namespaces it is given: select them (--workload-namespaces, chart value "
                    + "collector.workloadNamespaces), or confirm that every workload is installed from a Helm 3 chart",
                    List.of());
        }
        List<String> without = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        int total = 0;
        for (LiveWorkloads.Namespace ns : live.namespaces()) {
            String unread = ns.unread(KINDS);
            if (unread != null) {
                return Finding.unknown(expected, unread, evidence);
            }
            List<String> releases = new ArrayList<>();
            int here = 0;
            for (String kind : KINDS) {
                for (KubeObject o : ns.list(kind).items()) {
                    here++;
                    String release = o.node().path("metadata").path("annotations").path(RELEASE).asText("");
                    if (release.isEmpty()) {
                        without.add(o.kind() + " " + ns.name() + "/" + o.name());
                    } else if (!releases.contains(release) && releases.size() < NAMED) {
                        releases.add(release);
                    }
                }
            }
            total += here;
            evidence.add(Evidence.of("namespace " + ns.name(), here + " Deployments/StatefulSets/DaemonSets; Helm 3 "
                    + "releases: " + (releases.isEmpty() ? "(none)" : String.join(", ", releases))));
        }
        if (total == 0) {
            return Finding.notApplicable(expected, "no Deployment, StatefulSet or DaemonSet in the workload "
                    + "namespaces (" + String.join(", ", live.namespaces().stream().map(LiveWorkloads.Namespace::name)
                    .toList()) + ")", evidence);
        }
        if (!without.isEmpty()) {
            return Finding.fail(expected, without.size() + " of " + total + " not installed by Helm 3: "
                    + String.join(", ", without.stream().limit(NAMED).toList())
                    + (without.size() > NAMED ? ", and " + (without.size() - NAMED) + " more" : ""), evidence);
        }
        return Finding.pass(expected, "all " + total + " installed by Helm 3", evidence);
    }
}
