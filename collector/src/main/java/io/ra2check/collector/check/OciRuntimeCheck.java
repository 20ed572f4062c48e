package io.ra2check.collector.check;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;
import java.util.Optional;

/** ra2.crt.001: the node's container runtime implements the OCI 1.0 runtime specification. */
public final class OciRuntimeCheck implements NodeCheck {
    @Override
    public String id() {
        return "ra2.crt.001";
    }

    @Override
    public Finding evaluate(NodeContext c, Requirement requirement) {
        return ociRuntime(c.node(), requirement.stringListThreshold("ociRuntimes"));
    }

    /** ra2.crt.001: the runtime's low-level runtime implements the OCI 1.0 runtime specification. */
    public static Finding ociRuntime(NodeFacts n, List<String> ociRuntimes) {
        String expected = "a container runtime implementing the OCI 1.0 runtime specification (one of "
                + String.join(", ", ociRuntimes) + ")";
        if (n.containerRuntimeVersion() == null) {
            return Finding.unknown(expected, "the node reports no container runtime", List.of());
        }
        List<Evidence> evidence = List.of(Evidence.of(Quantities.src(n, "status.nodeInfo.containerRuntimeVersion"),
                n.containerRuntimeVersion()));
        Optional<String> name = Runtimes.name(n.containerRuntimeVersion());
        if (name.isEmpty()) {
            return Finding.unknown(expected, "cannot read the runtime from '" + n.containerRuntimeVersion() + "'",
                    evidence);
        }
        if (ociRuntimes.contains(name.get())) {
            return Finding.pass(expected, n.containerRuntimeVersion() + ", whose low-level runtimes (runc, crun) "
                    + "implement the OCI runtime specification", evidence);
        }
        String why = Runtimes.NON_OCI.get(name.get());
        if (why != null) {
            return Finding.fail(expected, n.containerRuntimeVersion() + ": " + why, evidence);
        }
        return Finding.unknown(expected, "'" + name.get() + "' is not a runtime ra2check knows to implement the OCI "
                + "runtime specification: check its low-level runtime by hand", evidence);
    }

}
