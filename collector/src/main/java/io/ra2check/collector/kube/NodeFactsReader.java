package io.ra2check.collector.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.ra2check.collector.check.NfdLabels;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.meta.Keys;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@link NodeFacts} from a Node object. Here rather than beside the record, because which labels and annotations
 * the collector owns is the metadata layer's knowledge ({@link Keys}), and the checks must not depend on that layer.
 */
public final class NodeFactsReader {
    private NodeFactsReader() {
    }

    /** Reads the facts from a Node object; {@code poolLabel} names the label that defines pools. */
    public static NodeFacts from(Node node, String poolLabel) {
        ObjectMeta meta = node.getMetadata();
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        Map<String, String> ownedLabels = new TreeMap<>();
        int nfd = 0;
        java.util.Set<String> nfdSources = new java.util.TreeSet<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (Keys.ownedLabel(e.getKey()) && e.getValue() != null) {
                ownedLabels.put(Keys.canonical(e.getKey()), e.getValue().intern());
            } else if (e.getKey().startsWith(NodeFacts.NFD_LABEL_PREFIX)) {
                nfd++;
                String source = NfdLabels.sourceOf(e.getKey());
                if (source != null) {
                    nfdSources.add(source);
                }
            }
        }
        Map<String, String> ownedAnnotations = new TreeMap<>();
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            if (Keys.ownedAnnotation(e.getKey()) && e.getValue() != null) {
                String key = Keys.canonical(e.getKey());
                // most values repeat from node to node (statuses, results, fingerprints of a pool): one copy each
                ownedAnnotations.put(key, Keys.UNIQUE_VALUES.contains(key) ? e.getValue() : e.getValue().intern());
            }
        }
        boolean controlPlane = labels.containsKey(NodeFacts.CONTROL_PLANE_LABEL) || labels.containsKey(NodeFacts.LEGACY_MASTER_LABEL);
        NodeStatus status = node.getStatus();
        Map<String, Quantity> allocatable = status == null ? null : status.getAllocatable();
        boolean allocatableKnown = allocatable != null && !allocatable.isEmpty();
        NodeSystemInfo info = status == null ? null : status.getNodeInfo();
        return new NodeFacts(meta.getName(), meta.getUid(), meta.getResourceVersion(), controlPlane,
                NodeFacts.poolOf(controlPlane, labels.get(poolLabel)).intern(), new NfdLabels(nfd, nfdSources),
                ownedLabels, ownedAnnotations, allocatableKnown,
                allocatableKnown ? NodeFacts.millis(allocatable.get("cpu")) : null,
                allocatableKnown ? hugepages(allocatable) : Map.of(),
                info == null ? null : intern(blankToNull(info.getKubeletVersion())),
                info == null ? null : intern(blankToNull(info.getContainerRuntimeVersion())),
                conformant(status));
    }

    /** The collector's own condition; anything else on the list is the kubelet's or another controller's. */
    static NodeFacts.OwnedCondition conformant(NodeStatus status) {
        if (status == null || status.getConditions() == null) {
            return null;
        }
        for (NodeCondition c : status.getConditions()) {
            if (c != null && Keys.CONDITION_TYPE.equals(c.getType())) {
                // a kubelet can edit its Node's status: a value longer than the collector ever writes is not kept
                // (it compares unequal, so the collector's own is written over it)
                return new NodeFacts.OwnedCondition(bounded(c.getStatus()), bounded(c.getReason()),
                        bounded(c.getMessage()), bounded(c.getLastTransitionTime()));
            }
        }
        return null;
    }

    /** The node's allocatable huge pages by resource name; a malformed quantity is left out (not advertised). */
    static Map<String, Long> hugepages(Map<String, Quantity> allocatable) {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Quantity> e : allocatable.entrySet()) {
            // a kubelet can add any resource name to its Node: only the few page sizes a CPU has are kept
            if (e.getKey().startsWith("hugepages-") && e.getKey().length() <= 24 && out.size() < 8) {
                Long bytes = NodeFacts.amount(e.getValue());
                if (bytes != null) {
                    out.put(e.getKey().intern(), bytes);
                }
            }
        }
        return out;
    }

    private static String bounded(String s) {
        return s == null || s.length() > 2048 ? null : intern(s);
    }

    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
