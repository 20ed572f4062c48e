package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Outcome;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ra2.k8s.012, both specifications the chapter gives this ID: every control plane node runs kube-apiserver,
 * kube-scheduler and kube-controller-manager (their pods: kubeadm's static pods, OpenShift's operator-managed pods),
 * and no alpha version of a built-in API is served (discovery) beyond the allowed ones. Where the components are not
 * pods (k3s runs them inside its server process; managed control planes are not visible) the first half is UNKNOWN.
 */
public final class ControlPlaneServicesCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.k8s.012";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        Finding services = services(c, r.stringMapThreshold("componentSelectors"));
        Finding alpha = ServedApis.beyondAllowed(c, "alpha", r.stringListThreshold("builtInGroups"),
                r.stringListThreshold("allowedAlphaApis"));
        List<Evidence> evidence = new ArrayList<>(services.evidence());
        evidence.addAll(alpha.evidence());
        String expected = services.expected() + "; " + alpha.expected();
        String actual = services.actual() + "; " + alpha.actual();
        if (services.outcome() == Outcome.FAIL || alpha.outcome() == Outcome.FAIL) {
            return Finding.fail(expected, actual, evidence);
        }
        if (services.outcome() == Outcome.UNKNOWN || alpha.outcome() == Outcome.UNKNOWN) {
            List<String> why = new ArrayList<>();
            if (services.outcome() == Outcome.UNKNOWN) {
                why.add(services.reason());
            }
            if (alpha.outcome() == Outcome.UNKNOWN) {
                why.add(alpha.reason());
            }
            return new Finding(Outcome.UNKNOWN, expected, actual, String.join("; ", why), evidence);
        }
        return Finding.pass(expected, actual, evidence);
    }

    static Finding services(ClusterView c, Map<String, String> selectors) {
        String expected = "every control plane node runs " + String.join(", ", selectors.keySet());
        if (!c.pods().complete() || !c.nodes().complete()) {
            return Finding.unknown(expected, c.pods().complete() ? c.nodes().unknownReason()
                    : c.pods().unknownReason(), List.of());
        }
        Set<String> controlPlane = new TreeSet<>();
        c.nodes().items().stream().filter(ClusterView.NodeInfo::controlPlane).forEach(n -> controlPlane.add(n.name()));
        if (controlPlane.isEmpty()) {
            return Finding.unknown(expected, "no node is labelled as control plane (a managed control plane is not "
                    + "visible as nodes)", List.of());
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean anyFound = false;
        for (Map.Entry<String, String> component : selectors.entrySet()) {
            Set<String> running = new TreeSet<>();
            for (ClusterView.PodInfo p : c.pods().items()) {
                if (matches(p, Map.of(component.getKey(), component.getValue())) && p.nodeName() != null) {
                    anyFound = true;
                    if (p.running()) {
                        running.add(p.nodeName());
                    }
                }
            }
            evidence.add(Evidence.of(component.getKey() + " running on", running.isEmpty() ? "(none)"
                    : String.join(", ", running)));
            for (String node : controlPlane) {
                if (!running.contains(node)) {
                    missing.add(component.getKey() + " on " + node);
                }
            }
        }
        if (!anyFound) {
            return Finding.unknown(expected, "no control plane component runs as a pod (selectors " + selectors
                    + "): the components run outside pods here (e.g. inside the k3s server process); check them on "
                    + "the control plane nodes", evidence);
        }
        String actual = controlPlane.size() + " control plane node" + (controlPlane.size() == 1 ? "" : "s");
        return missing.isEmpty() ? Finding.pass(expected, actual + ", each running all three", evidence)
                : Finding.fail(expected, actual + ", not running: " + String.join(", ", missing), evidence);
    }

    /**
     * Whether a pod matches one of the selectors, each {@code namespace/label=value}, several separated by commas.
     */
    static boolean matches(ClusterView.PodInfo p, Map<String, String> selectors) {
        for (String list : selectors.values()) {
            for (String one : list.split(",")) {
                String s = one.trim();
                int slash = s.indexOf('/');
                int eq = s.indexOf('=', slash + 1);
                if (slash <= 0 || eq <= slash + 1) {
                    continue;
                }
                if (p.namespace().equals(s.substring(0, slash))
                        && s.substring(eq + 1).equals(p.labels().get(s.substring(slash + 1, eq)))) {
                    return true;
                }
            }
        }
        return false;
    }
}
