package io.ra2check.collector.check;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ra2.crt.002: the kubelet reaches the container runtime through the Container Runtime Interface. */
public final class CriRuntimeCheck implements NodeCheck {
    @Override
    public String id() {
        return "ra2.crt.002";
    }

    @Override
    public Finding evaluate(NodeContext c, Requirement requirement) {
        return criRuntime(c.node(), requirement.stringListThreshold("criRuntimes"));
    }

    /** ra2.crt.002: the kubelet reaches the container runtime through the Container Runtime Interface. */
    public static Finding criRuntime(NodeFacts n, List<String> criRuntimes) {
        String expected = "a container runtime reached through the Kubernetes CRI (e.g. "
                + String.join(", ", criRuntimes) + ")";
        if (n.containerRuntimeVersion() == null) {
            return Finding.unknown(expected, "the node reports no container runtime", List.of());
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of(Quantities.src(n, "status.nodeInfo.containerRuntimeVersion"),
                n.containerRuntimeVersion()));
        if (n.kubeletVersion() != null) {
            evidence.add(Evidence.of(Quantities.src(n, "status.nodeInfo.kubeletVersion"), n.kubeletVersion()));
        }
        Optional<String> name = Runtimes.name(n.containerRuntimeVersion());
        if (name.isEmpty()) {
            return Finding.unknown(expected, "cannot read the runtime from '" + n.containerRuntimeVersion() + "'",
                    evidence);
        }
        if (criRuntimes.contains(name.get())) {
            return Finding.pass(expected, n.containerRuntimeVersion() + ", a CRI implementation", evidence);
        }
        Optional<KubeVersion> kubelet = KubeVersion.parse(n.kubeletVersion());
        if (kubelet.isPresent() && Runtimes.atLeast(kubelet.get(), Runtimes.CRI_ONLY_SINCE)) {
            return Finding.pass(expected, n.containerRuntimeVersion() + " behind kubelet " + kubelet.get()
                    + ", which has no built-in runtime (dockershim was removed in " + Runtimes.CRI_ONLY_SINCE
                    + ") and reaches every runtime through the CRI", evidence);
        }
        if (kubelet.isPresent() && "docker".equals(name.get())) {
            return Finding.fail(expected, n.containerRuntimeVersion() + " behind kubelet " + kubelet.get()
                    + ": the kubelet's built-in dockershim, not a CRI runtime", evidence);
        }
        return Finding.unknown(expected, "cannot tell whether the kubelet reaches '" + name.get()
                + "' through the CRI: " + (kubelet.isEmpty() ? "kubelet version unknown"
                : "kubelet " + kubelet.get() + " predates " + Runtimes.CRI_ONLY_SINCE), evidence);
    }
}
