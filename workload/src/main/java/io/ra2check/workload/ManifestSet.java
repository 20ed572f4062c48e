package io.ra2check.workload;

import java.util.List;
import java.util.Objects;

/** All the objects checked together (a chart's rendered output, a directory of manifests). */
public record ManifestSet(List<KubeObject> objects) {
    public ManifestSet {
        objects = List.copyOf(objects);
    }

    /** Declared objects of a kind in a namespace (null matches objects whose namespace is left to the installer). */
    public List<KubeObject> inNamespace(String kind, String namespace) {
        return objects.stream().filter(KubeObject::declared)
                .filter(o -> o.kind().equals(kind) && Objects.equals(o.namespace(), namespace))
                .toList();
    }

    /** HorizontalPodAutoscalers whose scaleTargetRef names this object. */
    public List<KubeObject> autoscalersOf(KubeObject target) {
        return inNamespace("HorizontalPodAutoscaler", target.namespace()).stream()
                .filter(h -> h.node().path("spec").path("scaleTargetRef").path("kind").asText().equals(target.kind())
                        && h.node().path("spec").path("scaleTargetRef").path("name").asText().equals(target.name()))
                .toList();
    }
}
