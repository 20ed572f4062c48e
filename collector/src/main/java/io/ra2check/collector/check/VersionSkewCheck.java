package io.ra2check.collector.check;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;
import java.util.Optional;

/** ra2.k8s.005: the node's kubelet is at most maxMinorSkew minor releases behind the control plane. */
public final class VersionSkewCheck implements NodeCheck {
    @Override
    public String id() {
        return "ra2.k8s.005";
    }

    @Override
    public Finding evaluate(NodeContext c, Requirement requirement) {
        return versionSkew(c.node(), c.controlPlane(), requirement.longThreshold("maxMinorSkew"));
    }

    /** ra2.k8s.005: the node's kubelet is at most {@code maxMinorSkew} minor releases behind the control plane. */
    public static Finding versionSkew(NodeFacts n, ControlPlane cp, long maxMinorSkew) {
        String expected = "kubelet at most " + maxMinorSkew
                + " minor releases older than the control plane, and not newer";
        if (cp.unknownReason() != null) {
            return Finding.unknown(expected, "control plane version unknown: " + cp.unknownReason(), List.of());
        }
        if (n.kubeletVersion() == null) {
            return Finding.unknown(expected, "the node reports no kubelet version", List.of());
        }
        List<Evidence> evidence = List.of(Evidence.of("API server /version gitVersion", cp.version()),
                Evidence.of(Quantities.src(n, "status.nodeInfo.kubeletVersion"), n.kubeletVersion()));
        Optional<KubeVersion> control = KubeVersion.parse(cp.version());
        Optional<KubeVersion> kubelet = KubeVersion.parse(n.kubeletVersion());
        if (control.isEmpty()) {
            return Finding.unknown(expected, "cannot read a release from the control plane version '" + cp.version()
                    + "'", evidence);
        }
        if (kubelet.isEmpty()) {
            return Finding.unknown(expected, "cannot read a release from the kubelet version '" + n.kubeletVersion()
                    + "'", evidence);
        }
        KubeVersion c = control.get();
        KubeVersion k = kubelet.get();
        String actual = "kubelet " + k + ", control plane " + c;
        if (c.major() != k.major()) {
            return Finding.fail(expected, actual + ": different major releases", evidence);
        }
        int skew = c.minor() - k.minor();
        if (skew < 0) {
            return Finding.fail(expected, actual + ": the kubelet is newer than the control plane, which the "
                    + "Kubernetes version skew policy does not allow", evidence);
        }
        if (skew > maxMinorSkew) {
            return Finding.fail(expected, actual + ": " + skew + " minor releases behind", evidence);
        }
        return Finding.pass(expected, actual + (skew == 0 ? ": same release" : ": " + skew + " minor release"
                + (skew == 1 ? "" : "s") + " behind"), evidence);
    }

}
