package io.ra2check.workload;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * One Kubernetes object from a manifest, as a Jackson tree, with where it came from.
 *
 * @param origin   where the object was read (e.g. {@code ra2check.yaml, document 4}); shown with findings
 * @param node     the object itself: a mapping with {@code apiVersion}, {@code kind} and {@code metadata.name}
 * @param declared false for a namespace that workload objects live in but that the manifests do not declare: the
 *                 checks that need the namespace's own objects (resource limits) then say so instead of guessing
 */
public record KubeObject(String origin, JsonNode node, boolean declared) {

    /** Kinds whose objects run pods, and where each keeps its pod template. */
    private static final java.util.Map<String, String> POD_TEMPLATE_PATHS = java.util.Map.of(
            "Pod", "",
            "Deployment", "spec.template",
            "StatefulSet", "spec.template",
            "DaemonSet", "spec.template",
            "ReplicaSet", "spec.template",
            "ReplicationController", "spec.template",
            "Job", "spec.template",
            "CronJob", "spec.jobTemplate.spec.template",
            "PodTemplate", "template");

    public KubeObject {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(node, "node");
    }

    /** An object that a manifest declares. */
    public static KubeObject of(String origin, JsonNode node) {
        return new KubeObject(origin, node, true);
    }

    public String kind() {
        return node.path("kind").asText("");
    }

    public String apiVersion() {
        return node.path("apiVersion").asText("");
    }

    /** metadata.name, or for an object named by the server, its generateName prefix followed by "*". */
    public String name() {
        JsonNode metadata = node.path("metadata");
        String name = metadata.path("name").asText("");
        return name.isEmpty() && !metadata.path("generateName").asText("").isEmpty()
                ? metadata.path("generateName").asText() + "*" : name;
    }

    /** The namespace the manifest puts the object in, or null when it leaves that to the installer. */
    public String namespace() {
        JsonNode ns = node.path("metadata").path("namespace");
        return ns.isTextual() && !ns.asText().isEmpty() ? ns.asText() : null;
    }

    public ObjectRef ref() {
        return new ObjectRef(kind(), namespace(), name(), origin);
    }

    /** The pod template of a workload object (Pod, Deployment, DaemonSet, CronJob, ...), if it runs pods. */
    public Optional<PodTemplate> podTemplate() {
        String path = POD_TEMPLATE_PATHS.get(kind());
        if (path == null || !declared) {
            return Optional.empty();
        }
        JsonNode template = node;
        if (!path.isEmpty()) {
            for (String part : path.split("\\.")) {
                template = template.path(part);
            }
        }
        return Optional.of(new PodTemplate(this, template, path));
    }

    /** Whether this object runs pods. */
    public boolean isWorkload() {
        return declared && POD_TEMPLATE_PATHS.containsKey(kind());
    }

    /** The evidence source for a field of this object: {@code DaemonSet/ra2check-agent spec.template.spec.hostNetwork}. */
    public String field(String path) {
        return kind() + "/" + name() + (path.isEmpty() ? "" : " " + path);
    }
}
