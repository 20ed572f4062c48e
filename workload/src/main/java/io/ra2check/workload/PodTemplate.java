package io.ra2check.workload;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The pod a workload object runs: its spec, its labels and its containers, with the manifest path of each so that
 * evidence can point at the exact field.
 *
 * @param owner    the object holding the template
 * @param template the template node (for a Pod, the Pod itself)
 * @param path     the template's path in the object ({@code spec.template}; empty for a Pod)
 */
public record PodTemplate(KubeObject owner, JsonNode template, String path) {

    /** A container of the pod. {@code group} is {@code containers}, {@code initContainers} or {@code ephemeralContainers}. */
    public record Container(String group, int index, String name, JsonNode node, String path) {
        /** Path of a field of this container: {@code spec.template.spec.containers[0].securityContext.privileged}. */
        public String field(String relative) {
            return path + "." + relative;
        }

        /** How evidence names it: {@code container agent}, {@code init container setup}. */
        public String label() {
            return switch (group) {
                case "initContainers" -> "init container " + name;
                case "ephemeralContainers" -> "ephemeral container " + name;
                default -> "container " + name;
            };
        }
    }

    /** A security context setting and where it was found (the container's own, else the pod's), or unset. */
    public record Setting(JsonNode value, String path) {
        public boolean isSet() {
            return value != null && !value.isMissingNode() && !value.isNull();
        }

        public String describe() {
            return isSet() ? value.asText() : "unset";
        }
    }

    public JsonNode spec() {
        return template.path("spec");
    }

    /** Path of a pod spec field: {@code spec.template.spec.hostNetwork}. */
    public String specField(String relative) {
        return (path.isEmpty() ? "" : path + ".") + "spec" + (relative.isEmpty() ? "" : "." + relative);
    }

    public JsonNode labels() {
        return template.path("metadata").path("labels");
    }

    public String labelsPath() {
        return (path.isEmpty() ? "" : path + ".") + "metadata.labels";
    }

    /** The regular containers, the ones that serve (probes apply to these). */
    public List<Container> mainContainers() {
        return group("containers");
    }

    /** Regular and init containers: everything that runs with a spec'd security context and resources. */
    public List<Container> runningContainers() {
        List<Container> all = new ArrayList<>(group("initContainers"));
        all.addAll(group("containers"));
        return all;
    }

    /** Every container, ephemeral ones included (they too pull images and may escalate). */
    public List<Container> allContainers() {
        List<Container> all = runningContainers();
        all.addAll(group("ephemeralContainers"));
        return all;
    }

    private List<Container> group(String group) {
        List<Container> list = new ArrayList<>();
        JsonNode array = spec().path(group);
        for (int i = 0; i < array.size(); i++) {
            JsonNode c = array.get(i);
            list.add(new Container(group, i, c.path("name").asText("#" + i), c, specField(group + "[" + i + "]")));
        }
        return list;
    }

    /**
     * A setting that a container may set in its own security context and otherwise inherits from the pod's
     * ({@code runAsUser}, {@code runAsGroup}, {@code runAsNonRoot}, {@code seLinuxOptions}): the container's wins.
     */
    public Setting effective(Container c, String field) {
        JsonNode own = c.node().path("securityContext").path(field);
        if (!own.isMissingNode() && !own.isNull()) {
            return new Setting(own, c.field("securityContext." + field));
        }
        JsonNode pod = spec().path("securityContext").path(field);
        if (!pod.isMissingNode() && !pod.isNull()) {
            return new Setting(pod, specField("securityContext." + field));
        }
        return new Setting(null, c.field("securityContext." + field));
    }

    /** A container-only security context setting ({@code privileged}, {@code readOnlyRootFilesystem}, ...). */
    public Setting own(Container c, String field) {
        JsonNode own = c.node().path("securityContext").path(field);
        return new Setting(own.isMissingNode() || own.isNull() ? null : own, c.field("securityContext." + field));
    }

    /** The hostPath volumes: name, host path and manifest path of each. */
    public List<HostPathVolume> hostPathVolumes() {
        List<HostPathVolume> list = new ArrayList<>();
        JsonNode volumes = spec().path("volumes");
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode hp = volumes.get(i).path("hostPath");
            if (hp.isObject()) {
                list.add(new HostPathVolume(volumes.get(i).path("name").asText(), hp.path("path").asText(""),
                        specField("volumes[" + i + "].hostPath.path")));
            }
        }
        return list;
    }

    public record HostPathVolume(String name, String hostPath, String field) {
    }
}
