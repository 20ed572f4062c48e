package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;

/**
 * ra2.k8s.016: Ingress is supported, shown by an IngressClass (every current Ingress controller registers one). None
 * is a FAIL: Ingress objects would have no controller to name.
 */
public final class IngressCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.k8s.016";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "an Ingress controller registered as an IngressClass";
        ClusterView.Listing<String> classes = c.custom("IngressClass");
        if (!classes.complete()) {
            return Finding.unknown(expected, classes.unknownReason(), List.of());
        }
        List<Evidence> evidence = List.of(Evidence.of("IngressClasses", classes.items().isEmpty() ? "(none)"
                : String.join(", ", classes.items())));
        return classes.items().isEmpty()
                ? Finding.fail(expected, "no IngressClass: no Ingress controller is registered", evidence)
                : Finding.pass(expected, "IngressClass " + String.join(", ", classes.items()), evidence);
    }
}
