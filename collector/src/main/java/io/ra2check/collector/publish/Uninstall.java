package io.ra2check.collector.publish;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ra2check.collector.meta.Keys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the collector leaves on Nodes, taken off when ra2check is uninstalled (the chart's pre-delete hook): the
 * {@code Ra2Conformant} condition, which nothing else would ever remove (a condition outlives its writer, as
 * node-problem-detector's did, kubernetes/node-problem-detector#423), and on request the collector's own labels and
 * annotations. Other conditions, labels and annotations are never touched.
 */
public final class Uninstall {
    /** Attempts per node when the conditions list moved between reading it and patching it. */
    static final int ATTEMPTS = 3;
    private static final long PAGE = 100;

    /** What was done; {@code failed} names the nodes left as they were, with the API server's answer. */
    public record Result(int nodes, int conditionsRemoved, int keysRemoved, List<String> failed) {
    }

    private final KubernetesClient client;

    public Uninstall(KubernetesClient client) {
        this.client = client;
    }

    /** Every node, page by page; {@code nodeKeys} also removes the anuket.io/profile/* labels and ra2check.io/*. */
    public Result run(boolean nodeKeys) {
        int nodes = 0;
        int conditions = 0;
        int keys = 0;
        List<String> failed = new ArrayList<>();
        String cont = null;
        do {
            NodeList page = client.nodes().list(new ListOptionsBuilder().withLimit(PAGE).withContinue(cont).build());
            for (Node n : page.getItems()) {
                nodes++;
                String name = n.getMetadata().getName();
                try {
                    if (removeCondition(n)) {
                        conditions++;
                    }
                    if (nodeKeys && removeKeys(n)) {
                        keys++;
                    }
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404) {
                        failed.add(name + " (" + e.getCode() + " " + reason(e) + ")");
                    }
                }
            }
            cont = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (cont != null && !cont.isEmpty());
        return new Result(nodes, conditions, keys, failed);
    }

    /**
     * Removes the condition by its index, with a {@code test} of that index's type first: should the kubelet rewrite
     * the list between the read and the patch, the patch fails instead of removing the kubelet's condition, and the
     * node is read again.
     */
    boolean removeCondition(Node node) {
        Node current = node;
        for (int attempt = 1; ; attempt++) {
            int index = indexOf(current);
            if (index < 0) {
                return false;
            }
            List<Map<String, Object>> patch = List.of(
                    op("test", "/status/conditions/" + index + "/type", ConformantCondition.TYPE),
                    op("remove", "/status/conditions/" + index, null));
            try {
                client.nodes().withName(current.getMetadata().getName()).subresource("status")
                        .patch(PatchContext.of(PatchType.JSON), Serialization.asJson(patch));
                return true;
            } catch (KubernetesClientException e) {
                // a failed test op is 422 (Invalid); a conflict 409: read the node again and retry
                if ((e.getCode() != 422 && e.getCode() != 409) || attempt >= ATTEMPTS) {
                    throw e;
                }
                current = client.nodes().withName(current.getMetadata().getName()).get();
                if (current == null) {
                    return false;
                }
            }
        }
    }

    /** A merge patch setting the collector's labels and annotations to null (deleted); nothing when there are none. */
    boolean removeKeys(Node node) {
        Map<String, Object> labels = new HashMap<>();
        Map<String, Object> annotations = new HashMap<>();
        Map<String, String> l = node.getMetadata().getLabels();
        Map<String, String> a = node.getMetadata().getAnnotations();
        if (l != null) {
            l.keySet().stream().filter(Keys::ownedLabel).forEach(k -> labels.put(k, null));
        }
        if (a != null) {
            a.keySet().stream().filter(Keys::ownedAnnotation).forEach(k -> annotations.put(k, null));
        }
        if (labels.isEmpty() && annotations.isEmpty()) {
            return false;
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        if (!labels.isEmpty()) {
            meta.put("labels", labels);
        }
        if (!annotations.isEmpty()) {
            meta.put("annotations", annotations);
        }
        client.nodes().withName(node.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                Serialization.asJson(Map.of("metadata", meta)));
        return true;
    }

    private static int indexOf(Node n) {
        List<NodeCondition> cs = n.getStatus() == null ? null : n.getStatus().getConditions();
        if (cs == null) {
            return -1;
        }
        for (int i = 0; i < cs.size(); i++) {
            if (cs.get(i) != null && ConformantCondition.TYPE.equals(cs.get(i).getType())) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op);
        m.put("path", path);
        if (value != null) {
            m.put("value", value);
        }
        return m;
    }

    /** The API server's status message, one line and bounded; never the request (it could carry a token). */
    private static String reason(KubernetesClientException e) {
        String m = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getClass().getSimpleName();
        m = m.replaceAll("\\s+", " ");
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
