package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * A load balancer that implements Services of type LoadBalancer, shown by such a Service that got an address
 * (ra2.k8s.015, ra2.ntw.017, ra2.ntw.018). Without one, nothing in the API proves a controller is there: UNKNOWN.
 */
final class LoadBalancers {
    private LoadBalancers() {
    }

    static Finding judge(ClusterView c, String expected) {
        if (!c.loadBalancers().complete()) {
            return Finding.unknown(expected, c.loadBalancers().unknownReason(), List.of());
        }
        List<String> served = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (ClusterView.ServiceInfo s : c.loadBalancers().items()) {
            (s.addresses().isEmpty() ? pending : served).add(s.namespace() + "/" + s.name()
                    + (s.addresses().isEmpty() ? "" : " " + String.join(" ", s.addresses())));
        }
        List<Evidence> evidence = List.of(Evidence.of("Services of type LoadBalancer with an address",
                served.isEmpty() ? "(none)" : String.join(", ", served)),
                Evidence.of("Services of type LoadBalancer without an address", pending.isEmpty() ? "(none)"
                        : String.join(", ", pending)));
        if (!served.isEmpty()) {
            return Finding.pass(expected, served.size() + " LoadBalancer Service" + (served.size() == 1 ? "" : "s")
                    + " got an address, e.g. " + served.get(0), evidence);
        }
        return Finding.unknown(expected, pending.isEmpty()
                ? "no Service of type LoadBalancer exists to show a load balancer; create one and see it get an address"
                : pending.size() + " LoadBalancer Service" + (pending.size() == 1 ? " has" : "s have")
                + " no address yet (no load balancer controller, or still provisioning)", evidence);
    }
}
