package io.ra2check.collector.check;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU one Pod claims on its node, as the scheduler counts it: the larger of the app containers (plus sidecars)
 * and the largest init container (plus the sidecars started before it), plus the pod overhead.
 *
 * @param key            {@code namespace/name}
 * @param requestMillis  effective CPU request in millicores
 * @param limitMillis    effective CPU limit in millicores, counting only the containers that set one
 * @param unlimited      containers (app or sidecar) that set no CPU limit: each may use all the node's CPU
 */
public record PodCpu(String key, String nodeName, long requestMillis, long limitMillis, int unlimited) {

    /** The pod's claim, or empty when it claims nothing on a node: not scheduled yet, or finished. */
    public static Optional<PodCpu> from(Pod pod) {
        return from(pod, pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
    }

    /** With the key the caller already has (one string per pod in a cluster of 150,000). */
    public static Optional<PodCpu> from(Pod pod, String key) {
        PodSpec spec = pod.getSpec();
        if (spec == null || spec.getNodeName() == null || spec.getNodeName().isEmpty()) {
            return Optional.empty();
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return Optional.empty();
        }
        long[] req = effective(spec, "requests");
        long[] lim = effective(spec, "limits");
        return Optional.of(new PodCpu(key, spec.getNodeName().intern(), req[0], lim[0], (int) lim[1]));
    }

    /** {effective millicores, app/sidecar containers without a value}. */
    private static long[] effective(PodSpec spec, String kind) {
        long app = 0;
        long missing = 0;
        for (Container c : nonNull(spec.getContainers())) {
            Long v = cpu(c, kind);
            if (v == null) {
                missing++;
            } else {
                app += v;
            }
        }
        long sidecars = 0;
        long initPeak = 0;
        for (Container c : nonNull(spec.getInitContainers())) {
            Long v = cpu(c, kind);
            if ("Always".equals(c.getRestartPolicy())) {
                // a sidecar: runs for the pod's whole life, next to the app containers
                if (v == null) {
                    missing++;
                } else {
                    sidecars += v;
                }
                initPeak = Math.max(initPeak, sidecars);
            } else if (v != null) {
                initPeak = Math.max(initPeak, sidecars + v);
            }
        }
        long overhead = 0;
        Map<String, Quantity> oh = spec.getOverhead();
        if (oh != null) {
            Long v = NodeFacts.millis(oh.get("cpu"));
            overhead = v == null ? 0 : v;
        }
        return new long[] {Math.max(app + sidecars, initPeak) + overhead, missing};
    }

    private static Long cpu(Container c, String kind) {
        ResourceRequirements r = c.getResources();
        if (r == null) {
            return null;
        }
        Long limit = r.getLimits() == null ? null : NodeFacts.millis(r.getLimits().get("cpu"));
        if (!"requests".equals(kind)) {
            return limit;
        }
        Long request = r.getRequests() == null ? null : NodeFacts.millis(r.getRequests().get("cpu"));
        // the API server defaults a missing request to the limit
        return request != null ? request : limit;
    }

    private static List<Container> nonNull(List<Container> l) {
        return l == null ? List.of() : l;
    }
}
