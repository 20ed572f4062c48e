package io.ra2check.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.ra2check.report.Finding;
import io.ra2check.report.Evidence;
import io.ra2check.report.RequirementCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The RA2 chapter 4 workload requirements that a manifest can show (or cannot, and then says so): ra2.app.007
 * (hostPath), ra2.app.016 (alpha APIs), ra2.app.025 (local storage) and ra2.app.026 to ra2.app.048. Titles, levels
 * and remediations are the catalog's ({@code requirements.yaml}), so that a reviewer changes them in one place for
 * node and workload requirements alike; this class holds only the judging.
 */
public final class WorkloadRules {
    private WorkloadRules() {
    }

    private static final List<WorkloadRule> ALL = List.of(
            rule("ra2.app.007", workload(WorkloadRules::noHostPath)),
            rule("ra2.app.016", WorkloadRules::noAlphaApi),
            rule("ra2.app.025", WorkloadRules::noLocalStorage),
            rule("ra2.app.026", workload(pod -> probe(pod, "livenessProbe"))),
            rule("ra2.app.027", workload(pod -> probe(pod, "readinessProbe"))),
            rule("ra2.app.028", workload(WorkloadRules::noDaemonSocket)),
            rule("ra2.app.029", workload(WorkloadRules::noAutomount)),
            rule("ra2.app.030", workload(pod -> hostFlag(pod, List.of("hostNetwork")))),
            rule("ra2.app.031", workload(pod -> hostFlag(pod, List.of("hostPID", "hostIPC")))),
            rule("ra2.app.032", WorkloadRules::resourceLimits),
            rule("ra2.app.033", workload(pod -> containerFlag(pod, "readOnlyRootFilesystem", true))),
            rule("ra2.app.034", workload(WorkloadRules::pinnedImages)),
            rule("ra2.app.035", workload(WorkloadRules::noIpLiterals)),
            rule("ra2.app.036", WorkloadRules::noNodePort),
            rule("ra2.app.037", WorkloadRules::immutableConfigMap),
            rule("ra2.app.038", workloadObject(WorkloadRules::horizontalScaling)),
            rule("ra2.app.039", workload(pod -> manualPerImage(pod, "<= 5 GB per image",
                    "an image's size is in the registry, not in the manifest"))),
            rule("ra2.app.040", workload(WorkloadRules::startupTime)),
            rule("ra2.app.041", workload(WorkloadRules::notPrivileged)),
            rule("ra2.app.042", workload(WorkloadRules::noRootUser)),
            rule("ra2.app.043", workload(pod -> containerFlag(pod, "allowPrivilegeEscalation", false))),
            rule("ra2.app.044", workload(WorkloadRules::nonRootIds)),
            rule("ra2.app.045", workload(WorkloadRules::recommendedLabels)),
            rule("ra2.app.046", workload(pod -> Finding.manual("logs on stdout/stderr", "not visible in a manifest",
                    "where a process writes its logs is decided by the application: read the pod's logs "
                            + "(kubectl logs) and check nothing goes to files", List.of()))),
            rule("ra2.app.047", workload(WorkloadRules::noHostPorts)),
            rule("ra2.app.048", workload(WorkloadRules::seLinuxType)));

    /** The catalog entry of a rule: a rule the catalog does not know is a build error, found by the first use. */
    private static WorkloadRule rule(String id, WorkloadRule.Judge judge) {
        return new WorkloadRule(RequirementCatalog.shipped().get(id), judge);
    }

    /** Every rule, in ID order. */
    public static List<WorkloadRule> all() {
        return ALL;
    }

    /** The rule with this ID, or null. */
    public static WorkloadRule byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    // ---- applicability ------------------------------------------------------------------------------------------

    /** A rule about pods: judged on every object with a pod template, silent on everything else. */
    private static WorkloadRule.Judge workload(Function<PodTemplate, Finding> check) {
        return (object, all) -> object.podTemplate().map(pod -> {
            if (pod.mainContainers().isEmpty()) {
                return Finding.unknown("a pod template with containers", "the pod template ("
                        + pod.specField("containers") + ") has no containers", List.of());
            }
            return check.apply(pod);
        }).orElse(null);
    }

    /** A rule about a workload object that also needs the rest of the set. */
    private interface WorkloadJudge {
        Finding judge(KubeObject object, PodTemplate pod, ManifestSet all);
    }

    private static WorkloadRule.Judge workloadObject(WorkloadJudge check) {
        return (object, all) -> object.podTemplate().map(pod -> check.judge(object, pod, all)).orElse(null);
    }

    private static Evidence ev(PodTemplate pod, String path, Object value) {
        return Evidence.of(pod.owner().field(path), value);
    }

    private static Evidence ev(KubeObject o, String path, Object value) {
        return Evidence.of(o.field(path), value);
    }

    // ---- ra2.app.007, .025, .028: host paths ----------------------------------------------------------------------

    private static Finding noHostPath(PodTemplate pod) {
        List<Evidence> ev = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (PodTemplate.HostPathVolume v : pod.hostPathVolumes()) {
            ev.add(ev(pod, v.field(), v.hostPath() + " (volume " + v.name() + ")"));
            paths.add(v.hostPath());
        }
        if (paths.isEmpty()) {
            ev.add(ev(pod, pod.specField("volumes"), "no hostPath volume"));
        }
        return Finding.of(paths.isEmpty(), "no hostPath volumes", paths.isEmpty() ? "none"
                : paths.size() + " hostPath volumes: " + String.join(", ", paths), ev);
    }

    private static Finding noLocalStorage(KubeObject object, ManifestSet all) {
        switch (object.kind()) {
            case "PersistentVolume" -> {
                JsonNode spec = object.node().path("spec");
                String local = spec.has("local") ? "local" : spec.has("hostPath") ? "hostPath" : null;
                return Finding.of(local == null, "no node-local persistent volumes", local == null
                                ? "a network or cloud volume" : "a " + local + " volume on one node",
                        List.of(ev(object, local == null ? "spec" : "spec." + local, local == null ? "not node-local"
                                : spec.path(local).path("path").asText(""))));
            }
            case "StorageClass" -> {
                String provisioner = object.node().path("provisioner").asText("");
                boolean local = provisioner.equals("kubernetes.io/no-provisioner");
                return Finding.of(!local, "no storage class for local volumes", local
                                ? "kubernetes.io/no-provisioner: the class of pre-created local volumes" : provisioner,
                        List.of(ev(object, "provisioner", provisioner)));
            }
            default -> {
                return workload(pod -> {
                    Finding hostPaths = noHostPath(pod);
                    return new Finding(hostPaths.outcome(), "no node-local storage (hostPath volumes)",
                            hostPaths.actual(), hostPaths.reason(), hostPaths.evidence());
                }).judge(object, all);
            }
        }
    }

    /** Where container runtimes put their API sockets; a hostPath at one of these, or above one, reaches it. */
    private static final List<String> DAEMON_SOCKETS = List.of(
            "/var/run/docker.sock", "/run/docker.sock",
            "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock", "/var/run/containerd.sock",
            "/var/run/crio/crio.sock", "/run/crio/crio.sock", "/var/run/crio.sock",
            "/var/run/cri-dockerd.sock", "/run/cri-dockerd.sock", "/var/run/dockershim.sock",
            "/run/podman/podman.sock", "/var/run/podman/podman.sock",
            "/run/k3s/containerd/containerd.sock", "/var/snap/microk8s/common/run/containerd.sock");

    private static Finding noDaemonSocket(PodTemplate pod) {
        List<Evidence> ev = new ArrayList<>();
        List<String> reaching = new ArrayList<>();
        for (PodTemplate.HostPathVolume v : pod.hostPathVolumes()) {
            String p = normalize(v.hostPath());
            String socket = DAEMON_SOCKETS.stream()
                    .filter(s -> s.equals(p) || p.equals("/") || s.startsWith(p + "/")).findFirst().orElse(null);
            ev.add(ev(pod, v.field(), v.hostPath() + (socket == null ? "" : " (reaches " + socket + ")")));
            if (socket != null) {
                reaching.add(v.hostPath());
            }
        }
        if (ev.isEmpty()) {
            ev.add(ev(pod, pod.specField("volumes"), "no hostPath volume"));
        }
        return Finding.of(reaching.isEmpty(), "no container runtime socket mounted", reaching.isEmpty()
                ? "none of " + pod.hostPathVolumes().size() + " hostPath volumes reaches one"
                : "mounted through " + String.join(", ", reaching), ev);
    }

    private static String normalize(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    // ---- ra2.app.016 --------------------------------------------------------------------------------------------

    private static final Pattern ALPHA = Pattern.compile("(^|/)v\\d+alpha\\d+$");
    /** API groups whose alpha versions RA2 itself requires (Node Feature Discovery, ra2.ch.018). */
    private static final Set<String> REQUIRED_ALPHA_GROUPS = Set.of("nfd.k8s-sigs.io");

    private static Finding noAlphaApi(KubeObject object, ManifestSet all) {
        if (!object.declared()) {
            return null;
        }
        String apiVersion = object.apiVersion();
        boolean alpha = ALPHA.matcher(apiVersion).find();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        boolean allowed = alpha && REQUIRED_ALPHA_GROUPS.contains(group);
        List<Evidence> ev = List.of(ev(object, "apiVersion", apiVersion));
        if (allowed) {
            return Finding.pass("no alpha API except those RA2 requires", "an alpha API RA2 requires (" + group
                    + ", Node Feature Discovery)", ev);
        }
        return Finding.of(!alpha, "no alpha API", alpha ? "alpha API " + apiVersion : apiVersion, ev);
    }

    // ---- probes, flags, containers ------------------------------------------------------------------------------

    private static Finding probe(PodTemplate pod, String probe) {
        List<Evidence> ev = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (PodTemplate.Container c : pod.mainContainers()) {
            JsonNode p = c.node().path(probe);
            ev.add(ev(pod, c.field(probe), c.label() + ": " + (p.isObject() ? describeProbe(p) : "unset")));
            if (!p.isObject()) {
                without.add(c.name());
            }
        }
        return Finding.of(without.isEmpty(), probe + " on every container", without.isEmpty()
                ? "defined on all " + pod.mainContainers().size() + " containers"
                : "missing on " + String.join(", ", without), ev);
    }

    private static String describeProbe(JsonNode p) {
        if (p.has("httpGet")) {
            JsonNode h = p.path("httpGet");
            return "httpGet " + h.path("scheme").asText("HTTP") + " " + h.path("path").asText("/") + " port "
                    + h.path("port").asText();
        }
        if (p.has("tcpSocket")) {
            return "tcpSocket port " + p.path("tcpSocket").path("port").asText();
        }
        if (p.has("grpc")) {
            return "grpc port " + p.path("grpc").path("port").asText();
        }
        if (p.has("exec")) {
            return "exec " + p.path("exec").path("command");
        }
        return "defined without a handler";
    }

    private static Finding noAutomount(PodTemplate pod) {
        JsonNode v = pod.spec().path("automountServiceAccountToken");
        boolean off = v.isBoolean() && !v.asBoolean();
        String actual = v.isMissingNode() ? "unset (the token is mounted by default)" : v.asText();
        return Finding.of(off, "automountServiceAccountToken: false", actual,
                List.of(ev(pod, pod.specField("automountServiceAccountToken"), v.isMissingNode() ? "unset"
                        : v.asText())));
    }

    private static Finding hostFlag(PodTemplate pod, List<String> flags) {
        List<Evidence> ev = new ArrayList<>();
        List<String> values = new ArrayList<>();
        boolean anyTrue = false;
        for (String flag : flags) {
            JsonNode v = pod.spec().path(flag);
            String value = v.isMissingNode() ? "unset" : v.asText();
            ev.add(ev(pod, pod.specField(flag), value));
            values.add(flag + ": " + value);
            anyTrue |= v.asBoolean(false);
        }
        String expected = String.join(" and ", flags) + " false or unset";
        return Finding.of(!anyTrue, expected, String.join(", ", values), ev);
    }

    private static Finding containerFlag(PodTemplate pod, String field, boolean wanted) {
        List<Evidence> ev = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (PodTemplate.Container c : pod.runningContainers()) {
            PodTemplate.Setting s = pod.own(c, field);
            ev.add(ev(pod, s.path(), c.label() + ": " + s.describe()));
            if (!s.isSet() || !s.value().isBoolean() || s.value().asBoolean() != wanted) {
                wrong.add(c.name() + " (" + s.describe() + ")");
            }
        }
        return Finding.of(wrong.isEmpty(), field + ": " + wanted + " on every container", wrong.isEmpty()
                ? "set on all " + pod.runningContainers().size() + " containers"
                : "not on " + String.join(", ", wrong), ev);
    }

    private static Finding pinnedImages(PodTemplate pod) {
        List<Evidence> ev = new ArrayList<>();
        List<String> floating = new ArrayList<>();
        for (PodTemplate.Container c : pod.allContainers()) {
            String image = c.node().path("image").asText("");
            String verdict;
            if (image.isEmpty()) {
                verdict = "no image";
                floating.add(c.name() + " (no image)");
            } else {
                ImageReference ref = ImageReference.parse(image);
                verdict = ref.describe();
                if (!ref.pinned()) {
                    floating.add(image);
                }
            }
            ev.add(ev(pod, c.field("image"), c.label() + ": " + image + " (" + verdict + ")"));
        }
        return Finding.of(floating.isEmpty(), "every image by a version tag or digest, never latest",
                floating.isEmpty() ? "all pinned" : "not pinned: " + String.join(", ", floating), ev);
    }

    private static Finding noIpLiterals(PodTemplate pod) {
        List<Evidence> ev = new ArrayList<>();
        collectIps(pod.spec(), pod.specField(""), pod, ev);
        if (ev.isEmpty()) {
            return Finding.pass("no IP address literal in the pod spec", "none (images, wildcard and loopback "
                    + "addresses aside)", List.of(ev(pod, pod.specField(""), "no IP address literal")));
        }
        return Finding.fail("no IP address literal in the pod spec", ev.size() + " IP address literals", ev);
    }

    private static void collectIps(JsonNode node, String path, PodTemplate pod, List<Evidence> ev) {
        if (node.isTextual()) {
            List<String> ips = IpLiterals.find(node.asText());
            if (!ips.isEmpty()) {
                ev.add(ev(pod, path, node.asText()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectIps(node.get(i), path + "[" + i + "]", pod, ev);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                // image references are ra2.app.034's business, and their version tags look like addresses
                if (!e.getKey().equals("image")) {
                    collectIps(e.getValue(), path + "." + e.getKey(), pod, ev);
                }
            }
        }
    }

    // ---- Services, ConfigMaps, namespaces -----------------------------------------------------------------------

    private static Finding noNodePort(KubeObject object, ManifestSet all) {
        if (!object.kind().equals("Service")) {
            return null;
        }
        JsonNode spec = object.node().path("spec");
        String type = spec.path("type").asText("ClusterIP");
        List<Evidence> ev = new ArrayList<>();
        ev.add(ev(object, "spec.type", type));
        List<String> nodePorts = new ArrayList<>();
        for (int i = 0; i < spec.path("ports").size(); i++) {
            JsonNode np = spec.path("ports").get(i).path("nodePort");
            if (!np.isMissingNode() && !np.isNull()) {
                nodePorts.add(np.asText());
                ev.add(ev(object, "spec.ports[" + i + "].nodePort", np.asText()));
            }
        }
        boolean ok = !type.equals("NodePort") && nodePorts.isEmpty();
        return Finding.of(ok, "no nodePort, no type NodePort", ok ? "type " + type + ", no nodePort"
                : "type " + type + (nodePorts.isEmpty() ? "" : ", nodePort " + String.join(", ", nodePorts)), ev);
    }

    private static Finding immutableConfigMap(KubeObject object, ManifestSet all) {
        if (!object.kind().equals("ConfigMap")) {
            return null;
        }
        JsonNode immutable = object.node().path("immutable");
        boolean ok = immutable.isBoolean() && immutable.asBoolean();
        return Finding.of(ok, "immutable: true", immutable.isMissingNode() ? "unset (mutable)" : immutable.asText(),
                List.of(ev(object, "immutable", immutable.isMissingNode() ? "unset" : immutable.asText())));
    }

    private static Finding resourceLimits(KubeObject object, ManifestSet all) {
        if (object.kind().equals("Namespace")) {
            return namespaceLimits(object, all);
        }
        return workload(pod -> {
            List<Evidence> ev = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (PodTemplate.Container c : pod.runningContainers()) {
                JsonNode limits = c.node().path("resources").path("limits");
                List<String> absent = new ArrayList<>();
                for (String r : List.of("cpu", "memory")) {
                    if (limits.path(r).isMissingNode() || limits.path(r).asText().isEmpty()) {
                        absent.add(r);
                    }
                }
                ev.add(ev(pod, c.field("resources.limits"), c.label() + ": cpu " + limits.path("cpu").asText("unset")
                        + ", memory " + limits.path("memory").asText("unset")));
                if (!absent.isEmpty()) {
                    missing.add(c.name() + " (no " + String.join(", no ", absent) + ")");
                }
            }
            return Finding.of(missing.isEmpty(), "CPU and memory limits on every container", missing.isEmpty()
                    ? "set on all " + pod.runningContainers().size() + " containers"
                    : "missing on " + String.join(", ", missing), ev);
        }).judge(object, all);
    }

    private static Finding namespaceLimits(KubeObject namespace, ManifestSet all) {
        String expected = "a LimitRange with default CPU and memory limits, or a ResourceQuota on limits.cpu and "
                + "limits.memory, in the namespace";
        if (!namespace.declared()) {
            return Finding.manual(expected, "the namespace is not in the manifests",
                    "workload objects run in it, but whether it limits resources is decided where it is created: "
                            + "check its LimitRange and ResourceQuota in the cluster", List.of());
        }
        List<Evidence> ev = new ArrayList<>();
        for (KubeObject range : all.inNamespace("LimitRange", namespace.name())) {
            JsonNode limits = range.node().path("spec").path("limits");
            for (int i = 0; i < limits.size(); i++) {
                JsonNode l = limits.get(i);
                if (l.path("type").asText().equals("Container") && l.path("default").has("cpu")
                        && l.path("default").has("memory")) {
                    ev.add(ev(range, "spec.limits[" + i + "].default", l.path("default").toString()));
                }
            }
        }
        for (KubeObject quota : all.inNamespace("ResourceQuota", namespace.name())) {
            JsonNode hard = quota.node().path("spec").path("hard");
            if (hard.has("limits.cpu") && hard.has("limits.memory")) {
                ev.add(ev(quota, "spec.hard", hard.toString()));
            }
        }
        return Finding.of(!ev.isEmpty(), expected, ev.isEmpty() ? "neither in the manifests"
                : ev.size() + " limiting objects", ev.isEmpty()
                ? List.of(ev(namespace, "", "no LimitRange or ResourceQuota with CPU and memory limits")) : ev);
    }

    // ---- the rules a manifest cannot settle ---------------------------------------------------------------------

    private static Finding horizontalScaling(KubeObject object, PodTemplate pod, ManifestSet all) {
        String expected = "horizontal scaling, automatic with a HorizontalPodAutoscaler, if the CNF scales";
        if (object.kind().equals("DaemonSet")) {
            return Finding.notApplicable(expected, "a DaemonSet runs one pod per node: its capacity follows the "
                    + "nodes, not a replica count", List.of(ev(object, "kind", "DaemonSet")));
        }
        List<Evidence> ev = new ArrayList<>();
        JsonNode replicas = object.node().path("spec").path("replicas");
        if (!replicas.isMissingNode()) {
            ev.add(ev(object, "spec.replicas", replicas.asText()));
        }
        List<KubeObject> hpas = all.autoscalersOf(object);
        for (KubeObject h : hpas) {
            ev.add(ev(h, "spec.scaleTargetRef", object.kind() + "/" + object.name()));
        }
        return Finding.manual(expected, hpas.isEmpty() ? "no HorizontalPodAutoscaler targets it"
                        : hpas.size() + " HorizontalPodAutoscaler(s) target it",
                "whether the CNF supports scaling, and does so by adding pods, is shown by scaling it", ev);
    }

    private static Finding manualPerImage(PodTemplate pod, String expected, String why) {
        List<Evidence> ev = new ArrayList<>();
        for (PodTemplate.Container c : pod.allContainers()) {
            ev.add(ev(pod, c.field("image"), c.node().path("image").asText("")));
        }
        return Finding.manual(expected, "not visible in a manifest", why, ev);
    }

    private static Finding startupTime(PodTemplate pod) {
        String expected = "ready within 60 s of start";
        List<Evidence> ev = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (PodTemplate.Container c : pod.mainContainers()) {
            JsonNode delay = c.node().path("readinessProbe").path("initialDelaySeconds");
            ev.add(ev(pod, c.field("readinessProbe.initialDelaySeconds"), c.label() + ": "
                    + (delay.isMissingNode() ? "unset (0)" : delay.asText())));
            if (delay.asInt(0) > 60) {
                late.add(c.name() + " (" + delay.asInt() + " s)");
            }
        }
        if (!late.isEmpty()) {
            return Finding.fail(expected, "the readiness probe does not even start before 60 s: "
                    + String.join(", ", late), ev);
        }
        return Finding.manual(expected, "not visible in a manifest", "the time to readiness is measured on a "
                + "running pod (kubectl get pod: startTime to the Ready condition)", ev);
    }

    // ---- identity and privilege ---------------------------------------------------------------------------------

    private static Finding notPrivileged(PodTemplate pod) {
        List<Evidence> ev = new ArrayList<>();
        List<String> privileged = new ArrayList<>();
        for (PodTemplate.Container c : pod.allContainers()) {
            PodTemplate.Setting s = pod.own(c, "privileged");
            ev.add(ev(pod, s.path(), c.label() + ": " + s.describe()));
            if (s.isSet() && s.value().asBoolean(false)) {
                privileged.add(c.name());
            }
        }
        return Finding.of(privileged.isEmpty(), "no privileged container", privileged.isEmpty() ? "none privileged"
                : "privileged: " + String.join(", ", privileged), ev);
    }

    private static Finding noRootUser(PodTemplate pod) {
        String expected = "runs as a non-zero user (runAsUser > 0, or runAsNonRoot: true)";
        List<Evidence> ev = new ArrayList<>();
        List<String> root = new ArrayList<>();
        List<String> undetermined = new ArrayList<>();
        for (PodTemplate.Container c : pod.runningContainers()) {
            PodTemplate.Setting user = pod.effective(c, "runAsUser");
            PodTemplate.Setting nonRoot = pod.effective(c, "runAsNonRoot");
            ev.add(ev(pod, user.path(), c.label() + ": runAsUser " + user.describe()));
            ev.add(ev(pod, nonRoot.path(), c.label() + ": runAsNonRoot " + nonRoot.describe()));
            if (user.isSet() && user.value().asLong(-1) == 0) {
                root.add(c.name());
            } else if (!user.isSet() && !(nonRoot.isSet() && nonRoot.value().asBoolean(false))) {
                undetermined.add(c.name());
            }
        }
        if (!root.isEmpty()) {
            return Finding.fail(expected, "runs as root (uid 0): " + String.join(", ", root), ev);
        }
        if (!undetermined.isEmpty()) {
            return Finding.unknown(expected, "neither runAsUser nor runAsNonRoot is set for "
                    + String.join(", ", undetermined) + ": the image's USER decides", ev);
        }
        return Finding.pass(expected, "no container runs as root", ev);
    }

    private static Finding nonRootIds(PodTemplate pod) {
        List<Evidence> ev = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (PodTemplate.Container c : pod.runningContainers()) {
            for (String field : List.of("runAsUser", "runAsGroup")) {
                PodTemplate.Setting s = pod.effective(c, field);
                ev.add(ev(pod, s.path(), c.label() + ": " + field + " " + s.describe()));
                if (!s.isSet() || !s.value().canConvertToLong() || s.value().asLong() <= 999) {
                    wrong.add(c.name() + " " + field + " " + s.describe());
                }
            }
        }
        return Finding.of(wrong.isEmpty(), "runAsUser > 999 and runAsGroup > 999", wrong.isEmpty()
                ? "both above 999 for all " + pod.runningContainers().size() + " containers"
                : String.join(", ", wrong), ev);
    }

    private static final List<String> RECOMMENDED_LABELS = List.of("app.kubernetes.io/name",
            "app.kubernetes.io/version", "app.kubernetes.io/part-of");

    private static Finding recommendedLabels(PodTemplate pod) {
        List<String> missing = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        for (String label : RECOMMENDED_LABELS) {
            JsonNode v = pod.labels().path(label);
            ev.add(ev(pod, pod.labelsPath() + "." + label, v.isMissingNode() ? "unset" : v.asText()));
            if (v.asText("").isEmpty()) {
                missing.add(label);
            }
        }
        return Finding.of(missing.isEmpty(), "pod labels " + String.join(", ", RECOMMENDED_LABELS),
                missing.isEmpty() ? "all three set" : "missing " + String.join(", ", missing), ev);
    }

    private static Finding noHostPorts(PodTemplate pod) {
        String expected = "no host ports";
        List<Evidence> ev = new ArrayList<>();
        List<String> hostPorts = new ArrayList<>();
        boolean hostNetwork = pod.spec().path("hostNetwork").asBoolean(false);
        for (PodTemplate.Container c : pod.allContainers()) {
            JsonNode ports = c.node().path("ports");
            for (int i = 0; i < ports.size(); i++) {
                JsonNode p = ports.get(i);
                // on the host network every container port is a host port (the API server defaults hostPort to it)
                String port = p.has("hostPort") ? p.path("hostPort").asText() : hostNetwork
                        ? p.path("containerPort").asText() : null;
                if (port != null) {
                    hostPorts.add(port + "/" + p.path("protocol").asText("TCP") + " (" + c.name() + ")");
                    ev.add(ev(pod, c.field("ports[" + i + "]"), c.label() + ": host port " + port
                            + (p.has("hostPort") ? "" : " through hostNetwork")));
                }
            }
        }
        if (hostPorts.isEmpty() && hostNetwork) {
            ev.add(ev(pod, pod.specField("hostNetwork"), "true"));
            return Finding.manual(expected, "hostNetwork without declared ports", "on the host network, every "
                    + "port the pod listens on is a host port; the manifest declares none: check what it listens on",
                    ev);
        }
        if (hostPorts.isEmpty()) {
            ev.add(ev(pod, pod.specField("containers[*].ports[*].hostPort"), "unset"));
        }
        return Finding.of(hostPorts.isEmpty(), expected, hostPorts.isEmpty() ? "none"
                : "host ports " + String.join(", ", hostPorts), ev);
    }

    private static final Set<String> ALLOWED_SELINUX_TYPES = Set.of("container_t", "container_init_t",
            "container_kvm_t");

    private static Finding seLinuxType(PodTemplate pod) {
        List<Evidence> ev = new ArrayList<>();
        List<String> escalating = new ArrayList<>();
        JsonNode podType = pod.spec().path("securityContext").path("seLinuxOptions").path("type");
        if (!podType.isMissingNode()) {
            ev.add(ev(pod, pod.specField("securityContext.seLinuxOptions.type"), podType.asText()));
            if (!ALLOWED_SELINUX_TYPES.contains(podType.asText())) {
                escalating.add("pod: " + podType.asText());
            }
        }
        for (PodTemplate.Container c : pod.allContainers()) {
            JsonNode type = c.node().path("securityContext").path("seLinuxOptions").path("type");
            if (!type.isMissingNode()) {
                ev.add(ev(pod, c.field("securityContext.seLinuxOptions.type"), c.label() + ": " + type.asText()));
                if (!ALLOWED_SELINUX_TYPES.contains(type.asText())) {
                    escalating.add(c.name() + ": " + type.asText());
                }
            }
        }
        if (ev.isEmpty()) {
            ev.add(ev(pod, pod.specField("securityContext.seLinuxOptions"), "unset everywhere"));
        }
        return Finding.of(escalating.isEmpty(), "seLinuxOptions.type unset or one of " + ALLOWED_SELINUX_TYPES.stream()
                .sorted().toList(), escalating.isEmpty() ? "no escalating type" : String.join(", ", escalating), ev);
    }
}
