package io.ra2check.collector.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ra2check.collector.check.cluster.ClusterView.Listing;
import io.ra2check.collector.check.cluster.LiveWorkloads;
import io.ra2check.workload.KubeObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the objects of the selected workload namespaces for the workload rules: read-only, paged lists of the kinds
 * the rules look at, each object trimmed to what a manifest would hold (no status, no managedFields, no ConfigMap
 * data) and converted to the Jackson tree the workload module takes. Anyone who can create objects in a namespace
 * decides how many there are and how large: past {@link #MAX_OBJECTS} kept objects or {@link #MAX_ITEMS} items read
 * in a namespace, or {@link #MAX_BYTES} kept over all the namespaces (they are held together until judged), the kind
 * and those after it are unread with the reason, never counted short.
 */
public final class WorkloadReader {
    /** Objects kept per namespace: a CNF's namespace holds tens to hundreds. */
    public static final int MAX_OBJECTS = 2_000;
    /**
     * Bytes of trimmed objects (as JSON) kept over all the namespaces: a pod template is a few KiB, so this holds
     * thousands, while the trees (a few times larger in the heap) stay within the collector's memory limit.
     */
    public static final long MAX_BYTES = 24L << 20;
    /** Items read per namespace, owned ones too (a Deployment's pods are read, then dropped). */
    public static final int MAX_ITEMS = 20_000;
    /** Small pages: any object may be ~1.5 MiB (etcd's limit), and a page is held whole while it is parsed. */
    public static final int PAGE = 50;
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final String ORIGIN = "live object";

    /** Where each kind is listed: the version every supported Kubernetes (1.23 and later) serves. */
    record Api(String kind, String group, String version, String plural) {
        String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    static final List<Api> APIS = List.of(
            new Api("Deployment", "apps", "v1", "deployments"),
            new Api("StatefulSet", "apps", "v1", "statefulsets"),
            new Api("DaemonSet", "apps", "v1", "daemonsets"),
            new Api("ReplicaSet", "apps", "v1", "replicasets"),
            new Api("Job", "batch", "v1", "jobs"),
            new Api("CronJob", "batch", "v1", "cronjobs"),
            new Api("Pod", "", "v1", "pods"),
            new Api("Service", "", "v1", "services"),
            new Api("ConfigMap", "", "v1", "configmaps"),
            new Api("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers"),
            new Api("LimitRange", "", "v1", "limitranges"),
            new Api("ResourceQuota", "", "v1", "resourcequotas"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final int maxObjects;
    private final long maxBytes;

    public WorkloadReader(KubernetesClient client) {
        this(client, MAX_OBJECTS, MAX_BYTES);
    }

    /** For tests: bounds small enough to pass without creating thousands of objects. */
    WorkloadReader(KubernetesClient client, int maxObjects, long maxBytes) {
        this.client = client;
        this.maxObjects = maxObjects;
        this.maxBytes = maxBytes;
    }

    public LiveWorkloads read(List<String> namespaces) {
        List<LiveWorkloads.Namespace> out = new ArrayList<>();
        long[] bytes = {0};
        for (String ns : namespaces) {
            out.add(namespace(ns, bytes));
        }
        return new LiveWorkloads(out);
    }

    /** What is used of the bounds while a namespace's kinds are read; {@code bytes} is shared by all namespaces. */
    private static final class Budget {
        int objects;
        final long[] bytes;
        int items;
        String exceeded;

        Budget(long[] bytes) {
            this.bytes = bytes;
        }
    }

    private LiveWorkloads.Namespace namespace(String ns, long[] bytes) {
        Map<String, Listing<KubeObject>> lists = new LinkedHashMap<>();
        Listing<KubeObject> self = namespaceObject(ns);
        lists.put("Namespace", self);
        Budget budget = new Budget(bytes);
        for (Api api : APIS) {
            if (budget.exceeded != null) {
                lists.put(api.kind(), Listing.unread(budget.exceeded));
            } else if (self.complete() && self.items().isEmpty()) {
                lists.put(api.kind(), Listing.unread("namespace " + ns + " does not exist"));
            } else {
                lists.put(api.kind(), list(ns, api, budget));
            }
        }
        return new LiveWorkloads.Namespace(ns, lists);
    }

    /** The Namespace itself (none when it does not exist); the rules read its LimitRanges and quotas through it. */
    private Listing<KubeObject> namespaceObject(String ns) {
        try {
            io.fabric8.kubernetes.api.model.Namespace n = client.namespaces().withName(ns).get();
            if (n == null) {
                return Listing.of(List.of());
            }
            ObjectNode node = JSON.createObjectNode();
            node.put("apiVersion", "v1").put("kind", "Namespace");
            ObjectNode meta = node.putObject("metadata");
            meta.put("name", ns);
            return Listing.of(List.of(KubeObject.of(ORIGIN, node)));
        } catch (KubernetesClientException e) {
            return Listing.unread("cannot get namespace " + ns + ": " + ClusterReader.reason(e));
        }
    }

    private Listing<KubeObject> list(String ns, Api api, Budget budget) {
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup(api.group())
                .withVersion(api.version()).withKind(api.kind()).withPlural(api.plural()).withNamespaced(true).build();
        List<KubeObject> out = new ArrayList<>();
        String cont = null;
        try {
            do {
                GenericKubernetesResourceList page = client.genericKubernetesResources(ctx).inNamespace(ns)
                        .list(new ListOptionsBuilder().withLimit((long) PAGE).withContinue(cont).build());
                for (GenericKubernetesResource item : page.getItems()) {
                    if (++budget.items > MAX_ITEMS) {
                        return exceeded(budget, "more than " + MAX_ITEMS + " objects listed in namespace " + ns
                                + " (at " + api.plural() + "): not all were read");
                    }
                    if (ownedByJudgedController(item)) {
                        // its controller is judged instead: the rules read the template it was made from
                        continue;
                    }
                    ObjectNode node = trimmed(item, api);
                    budget.bytes[0] += JSON.writeValueAsBytes(node).length;
                    if (++budget.objects > maxObjects) {
                        return exceeded(budget, "more than " + maxObjects + " objects in namespace " + ns
                                + " (at " + api.plural() + "): not all were read");
                    }
                    if (budget.bytes[0] > maxBytes) {
                        return exceeded(budget, "the objects of the workload namespaces exceed " + (maxBytes >= 1 << 20
                                ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes") + " (at " + api.plural() + " in " + ns
                                + "): not all were read");
                    }
                    out.add(KubeObject.of(ORIGIN, node));
                }
                cont = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            } while (cont != null && !cont.isEmpty());
            return Listing.of(out);
        } catch (KubernetesClientException e) {
            return Listing.unread("cannot list " + api.plural() + " in " + ns + ": " + ClusterReader.reason(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return Listing.unread("cannot read " + api.plural() + " in " + ns + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("not JSON"));
        }
    }

    private static Listing<KubeObject> exceeded(Budget budget, String reason) {
        budget.exceeded = reason;
        return Listing.unread(reason);
    }

    /**
     * Whether a workload kind this reader keeps controls the object (a Deployment's ReplicaSet, a ReplicaSet's or
     * StatefulSet's pods, a CronJob's Jobs). An object controlled by anything else (an operator's resource, a Node
     * for a static pod's mirror) is kept: nothing else here judges its pod spec.
     */
    static boolean ownedByJudgedController(GenericKubernetesResource r) {
        return r.getMetadata() != null && r.getMetadata().getOwnerReferences() != null && r.getMetadata()
                .getOwnerReferences().stream().anyMatch(o -> Boolean.TRUE.equals(o.getController())
                        && LiveWorkloads.WORKLOAD_KINDS.contains(o.getKind()) && !"Pod".equals(o.getKind()));
    }

    /**
     * The object as its manifest would have it. List items carry no apiVersion and kind on a real API server, so the
     * listed ones are set; status and managedFields are the server's; a ConfigMap's data is not read by any rule and
     * is where size hides.
     */
    static ObjectNode trimmed(GenericKubernetesResource r, Api api) {
        JsonNode tree = JSON.valueToTree(r);
        ObjectNode node = tree instanceof ObjectNode o ? o : JSON.createObjectNode();
        node.put("apiVersion", api.apiVersion());
        node.put("kind", api.kind());
        node.remove("status");
        if (api.kind().equals("ConfigMap")) {
            node.remove("data");
            node.remove("binaryData");
        }
        if (node.path("metadata") instanceof ObjectNode meta) {
            meta.remove("managedFields");
            if (meta.path("annotations") instanceof ObjectNode a) {
                a.remove(LAST_APPLIED);
            }
        }
        return node;
    }
}
