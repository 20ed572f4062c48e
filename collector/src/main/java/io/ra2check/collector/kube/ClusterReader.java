package io.ra2check.collector.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.check.cluster.ClusterView;
import io.ra2check.collector.check.cluster.DeviceResources;
import io.ra2check.collector.check.cluster.ClusterView.Listing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the {@link ClusterView} from the API server: API discovery and a few lists, read-only, each bounded (pages of
 * {@link #PAGE}, at most {@link #MAX_ITEMS} items: beyond that, the listing is reported unread rather than counted
 * short). A list that fails (forbidden, API down) is an unread listing with the reason; the others still count.
 */
public final class ClusterReader {
    static final int PAGE = 500;
    static final int MAX_ITEMS = 20_000;
    /** Where control planes run their components as pods: kubeadm, then OpenShift. */
    static final List<String> CONTROL_PLANE_NAMESPACES = List.of("kube-system", "openshift-etcd",
            "openshift-kube-apiserver", "openshift-kube-scheduler", "openshift-kube-controller-manager");
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    public static final String HELM_RELEASE = "meta.helm.sh/release-name";
    /** Extended resources kept per node (real nodes advertise a handful). */
    static final int MAX_EXTENDED_RESOURCES = 32;

    /** An add-on kind: its API group, plural and whether namespaced. */
    record Kind(String name, String group, String plural, boolean namespaced) {
    }

    static final List<Kind> ADD_ON_KINDS = List.of(
            new Kind("IngressClass", "networking.k8s.io", "ingressclasses", false),
            new Kind("GatewayClass", "gateway.networking.k8s.io", "gatewayclasses", false),
            new Kind("ClusterIssuer", "cert-manager.io", "clusterissuers", false),
            new Kind("Issuer", "cert-manager.io", "issuers", true),
            new Kind("NetworkAttachmentDefinition", "k8s.cni.cncf.io", "network-attachment-definitions", true),
            new Kind("CSIDriver", "storage.k8s.io", "csidrivers", false));

    private final KubernetesClient client;
    private final List<String> workloadNamespaces;

    public ClusterReader(KubernetesClient client) {
        this(client, List.of());
    }

    /** @param workloadNamespaces the namespaces whose objects are read for the workload rules */
    public ClusterReader(KubernetesClient client, List<String> workloadNamespaces) {
        this.client = client;
        this.workloadNamespaces = List.copyOf(workloadNamespaces);
    }

    public ClusterView read() {
        Listing<String> served = discovery();
        Listing<ClusterView.NodeInfo> nodes = list("nodes", o -> client.nodes().list(o), ClusterReader::node);
        List<ClusterView.PodInfo> pods = new ArrayList<>();
        String podsUnread = null;
        for (String ns : CONTROL_PLANE_NAMESPACES) {
            Listing<ClusterView.PodInfo> l = list("pods in " + ns, o -> client.pods().inNamespace(ns).list(o),
                    ClusterReader::pod);
            if (!l.complete()) {
                podsUnread = l.unknownReason();
                break;
            }
            pods.addAll(l.items());
        }
        List<ClusterView.WorkloadInfo> workloads = new ArrayList<>();
        Listing<ClusterView.WorkloadInfo> ds = list("daemonsets", o -> client.apps().daemonSets().inAnyNamespace()
                .list(o), ClusterReader::daemonSet);
        Listing<ClusterView.WorkloadInfo> deploy = list("deployments", o -> client.apps().deployments()
                .inAnyNamespace().list(o), ClusterReader::deployment);
        workloads.addAll(ds.items());
        workloads.addAll(deploy.items());
        String workloadsUnread = !ds.complete() ? ds.unknownReason() : deploy.unknownReason();
        Listing<ClusterView.ServiceInfo> lbs = list("services", o -> client.services().inAnyNamespace().list(o),
                ClusterReader::loadBalancer);
        lbs = lbs.complete() ? Listing.of(lbs.items().stream().filter(s -> s != null).toList()) : lbs;
        Listing<ClusterView.StorageClassInfo> classes = list("storageclasses", o -> client.storage().v1()
                .storageClasses().list(o), ClusterReader::storageClass);
        Map<String, Listing<String>> custom = new LinkedHashMap<>();
        for (Kind k : ADD_ON_KINDS) {
            custom.put(k.name(), addOn(k, served));
        }
        return new ClusterView(nodes, served,
                podsUnread == null ? Listing.of(pods) : Listing.unread(podsUnread),
                workloadsUnread == null ? Listing.of(workloads) : Listing.unread(workloadsUnread), lbs, classes,
                custom, new WorkloadReader(client).read(workloadNamespaces));
    }

    /** Every group/version API discovery lists ({@code v1} for the core group). */
    Listing<String> discovery() {
        try {
            List<String> out = new ArrayList<>();
            APIVersions core = client.getAPIVersions();
            if (core != null && core.getVersions() != null) {
                out.addAll(core.getVersions());
            }
            APIGroupList groups = client.getApiGroups();
            // every API server serves the core v1 and built-in groups such as apps: an answer without them is not
            // discovery (a proxy, an error page read as JSON), and "no beta API served" must not be concluded from it
            if (groups == null || groups.getGroups() == null || groups.getGroups().isEmpty() || !out.contains("v1")) {
                return Listing.unread("API discovery (/api, /apis) listed no API groups");
            }
            for (APIGroup g : groups.getGroups()) {
                if (g.getVersions() == null) {
                    continue;
                }
                for (GroupVersionForDiscovery v : g.getVersions()) {
                    if (v.getGroupVersion() != null && out.size() < MAX_ITEMS) {
                        out.add(v.getGroupVersion());
                    }
                }
            }
            return Listing.of(out);
        } catch (KubernetesClientException e) {
            return Listing.unread("API discovery failed: " + reason(e));
        }
    }

    private Listing<String> addOn(Kind k, Listing<String> served) {
        if (!served.complete()) {
            return Listing.unread(k.name() + " not read: " + served.unknownReason());
        }
        // the version the cluster serves (the first discovery lists, the group's preferred)
        String version = served.items().stream().filter(gv -> gv.startsWith(k.group() + "/"))
                .map(gv -> gv.substring(k.group().length() + 1)).findFirst().orElse(null);
        if (version == null) {
            return Listing.of(List.of());
        }
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup(k.group())
                .withVersion(version).withKind(k.name()).withPlural(k.plural()).withNamespaced(k.namespaced()).build();
        Function<GenericKubernetesResource, String> describe = k.name().equals("NetworkAttachmentDefinition")
                ? ClusterReader::networkAttachment : ClusterReader::name;
        return list(k.plural(), o -> k.namespaced()
                ? client.genericKubernetesResources(ctx).inAnyNamespace().list(o)
                : client.genericKubernetesResources(ctx).list(o), describe);
    }

    /** Longest spec.config read: a NetworkAttachmentDefinition is anyone's object, its config hostile input. */
    public static final int MAX_NAD_CONFIG = 64 * 1024;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind
            .ObjectMapper();

    /**
     * "namespace/name (type, ..., ipam:type)": the CNI plugin types of its spec.config (a single plugin's
     * {@code type}, or a conflist's {@code plugins[].type}) and their IPAM plugins'; the name alone when the config
     * is absent, too long or not JSON.
     */
    static String networkAttachment(GenericKubernetesResource r) {
        List<String> types = cniTypes(r.getAdditionalProperties() == null ? null
                : r.getAdditionalProperties().get("spec"));
        return name(r) + (types.isEmpty() ? "" : " (" + String.join(", ", types) + ")");
    }

    public static List<String> cniTypes(Object spec) {
        if (!(spec instanceof Map<?, ?> m) || !(m.get("config") instanceof String config)
                || config.length() > MAX_NAD_CONFIG) {
            return List.of();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode c = JSON.readTree(config);
            List<String> out = new ArrayList<>();
            addType(out, c == null ? null : c.get("type"), "");
            addType(out, c == null ? null : c.path("ipam").get("type"), "ipam:");
            if (c != null && c.get("plugins") != null && c.get("plugins").isArray()) {
                for (com.fasterxml.jackson.databind.JsonNode p : c.get("plugins")) {
                    addType(out, p.get("type"), "");
                    addType(out, p.path("ipam").get("type"), "ipam:");
                }
            }
            return out;
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** A plugin type, or with {@code ipam:} the IPAM plugin's. */
    private static void addType(List<String> out, com.fasterxml.jackson.databind.JsonNode t, String prefix) {
        if (t != null && t.isTextual() && out.size() < 16 && t.asText().matches("[A-Za-z0-9._-]{1,64}")
                && !out.contains(prefix + t.asText())) {
            out.add(prefix + t.asText());
        }
    }

    private static String name(GenericKubernetesResource r) {
        String ns = r.getMetadata().getNamespace();
        return (ns == null ? "" : ns + "/") + r.getMetadata().getName();
    }

    /** Pages through a list; any failure, or more than MAX_ITEMS items, is an unread listing with the reason. */
    static <T extends HasMetadata, L extends KubernetesResourceList<T>, R> Listing<R> list(String what,
            Function<ListOptions, L> page, Function<T, R> convert) {
        List<R> out = new ArrayList<>();
        String cont = null;
        try {
            do {
                L l = page.apply(new ListOptionsBuilder().withLimit((long) PAGE).withContinue(cont).build());
                for (T item : l.getItems()) {
                    if (out.size() >= MAX_ITEMS) {
                        return Listing.unread("more than " + MAX_ITEMS + " " + what + ": not all were read");
                    }
                    out.add(convert.apply(item));
                }
                cont = l.getMetadata() == null ? null : l.getMetadata().getContinue();
            } while (cont != null && !cont.isEmpty());
            return Listing.of(out);
        } catch (KubernetesClientException e) {
            return Listing.unread("cannot list " + what + ": " + reason(e));
        }
    }

    static String reason(KubernetesClientException e) {
        return e.getCode() == 403 ? "forbidden (the collector's ClusterRole lacks it)"
                : e.getCode() > 0 ? "HTTP " + e.getCode() : String.valueOf(e.getMessage()).lines().findFirst()
                .orElse("error");
    }

    static ClusterView.NodeInfo node(Node n) {
        Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
        boolean cp = labels.containsKey(NodeFacts.CONTROL_PLANE_LABEL) || labels.containsKey(NodeFacts.LEGACY_MASTER_LABEL);
        Map<String, Quantity> alloc = n.getStatus() == null ? null : n.getStatus().getAllocatable();
        Map<String, Long> amounts = new TreeMap<>();
        if (alloc != null) {
            Quantity eph = alloc.get("ephemeral-storage");
            Long bytes = NodeFacts.amount(eph);
            if (bytes != null) {
                amounts.put("ephemeral-storage", bytes);
            }
            for (Map.Entry<String, Quantity> e : alloc.entrySet()) {
                // what device plugins advertise; a kubelet can write any names, so only a few, of bounded length
                if (DeviceResources.extended(e.getKey()) && amounts.size() < MAX_EXTENDED_RESOURCES + 1) {
                    Long count = NodeFacts.amount(e.getValue());
                    if (count != null) {
                        amounts.put(e.getKey(), count);
                    }
                }
            }
        }
        List<String> cidrs = n.getSpec() == null ? List.of() : n.getSpec().getPodCIDRs() != null
                ? n.getSpec().getPodCIDRs() : n.getSpec().getPodCIDR() != null ? List.of(n.getSpec().getPodCIDR())
                : List.of();
        return new ClusterView.NodeInfo(n.getMetadata().getName(), cp, labels.get(ZONE_LABEL), cidrs, amounts,
                alloc != null && !alloc.isEmpty());
    }

    static ClusterView.PodInfo pod(Pod p) {
        boolean running = p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                && p.getStatus().getContainerStatuses() != null && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().stream().allMatch(s -> Boolean.TRUE.equals(s.getReady()));
        return new ClusterView.PodInfo(p.getMetadata().getNamespace(), p.getMetadata().getName(),
                p.getSpec() == null ? null : p.getSpec().getNodeName(), p.getMetadata().getLabels(), running);
    }

    static ClusterView.WorkloadInfo daemonSet(DaemonSet d) {
        List<String> images = d.getSpec() == null || d.getSpec().getTemplate() == null
                || d.getSpec().getTemplate().getSpec() == null ? List.of()
                : d.getSpec().getTemplate().getSpec().getContainers().stream().map(c -> String.valueOf(c.getImage()))
                .toList();
        int ready = d.getStatus() == null || d.getStatus().getNumberReady() == null ? 0 : d.getStatus().getNumberReady();
        return new ClusterView.WorkloadInfo("DaemonSet", d.getMetadata().getNamespace(), d.getMetadata().getName(),
                images, ready, helmRelease(d));
    }

    static ClusterView.WorkloadInfo deployment(Deployment d) {
        List<String> images = d.getSpec() == null || d.getSpec().getTemplate() == null
                || d.getSpec().getTemplate().getSpec() == null ? List.of()
                : d.getSpec().getTemplate().getSpec().getContainers().stream().map(c -> String.valueOf(c.getImage()))
                .toList();
        int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                : d.getStatus().getReadyReplicas();
        return new ClusterView.WorkloadInfo("Deployment", d.getMetadata().getNamespace(), d.getMetadata().getName(),
                images, ready, helmRelease(d));
    }

    private static String helmRelease(HasMetadata o) {
        Map<String, String> a = o.getMetadata().getAnnotations();
        String release = a == null ? null : a.get(HELM_RELEASE);
        return release == null ? null : o.getMetadata().getNamespace() + "/" + release;
    }

    /** A LoadBalancer Service, or null for another type (filtered out by the caller). */
    static ClusterView.ServiceInfo loadBalancer(Service s) {
        if (s.getSpec() == null || !"LoadBalancer".equals(s.getSpec().getType())) {
            return null;
        }
        List<String> addresses = new ArrayList<>();
        if (s.getStatus() != null && s.getStatus().getLoadBalancer() != null
                && s.getStatus().getLoadBalancer().getIngress() != null) {
            s.getStatus().getLoadBalancer().getIngress().forEach(i -> addresses.add(i.getIp() != null ? i.getIp()
                    : String.valueOf(i.getHostname())));
        }
        return new ClusterView.ServiceInfo(s.getMetadata().getNamespace(), s.getMetadata().getName(), addresses);
    }

    static ClusterView.StorageClassInfo storageClass(StorageClass c) {
        Map<String, String> a = c.getMetadata().getAnnotations();
        boolean isDefault = a != null && ("true".equals(a.get("storageclass.kubernetes.io/is-default-class"))
                || "true".equals(a.get("storageclass.beta.kubernetes.io/is-default-class")));
        return new ClusterView.StorageClassInfo(c.getMetadata().getName(), c.getProvisioner(), isDefault);
    }
}
