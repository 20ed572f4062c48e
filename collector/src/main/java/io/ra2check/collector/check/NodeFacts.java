package io.ra2check.collector.check;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * What the collector needs to know about one Node, and nothing more: a Node object with its image list and NFD labels
 * weighs tens of kilobytes, this a few hundred bytes, which is what keeps 5,000 nodes in a small heap. Read from a
 * Node by {@code kube.NodeFactsReader}.
 *
 * @param pool                   the node's pool for ra2.os.004 (see {@link #poolOf})
 * @param nfd                    the node's {@code feature.node.kubernetes.io/*} labels: how many, from which sources
 * @param ownedLabels            the node's labels under the collector's label prefix ({@code anuket.io/profile/})
 * @param ownedAnnotations       the node's annotations under the collector's prefix ({@code ra2check.io/})
 * @param allocatableKnown       whether the node reports {@code status.allocatable} at all
 * @param allocatableCpuMillis   allocatable CPU in millicores, null when not reported
 * @param hugepages              allocatable huge pages in bytes by resource name ({@code hugepages-2Mi}), for every
 *                               size the node advertises; empty when it advertises none or no allocatable at all
 * @param kubeletVersion         {@code status.nodeInfo.kubeletVersion}, null when not reported
 * @param containerRuntimeVersion {@code status.nodeInfo.containerRuntimeVersion} ({@code containerd://1.7.2}), or null
 * @param conformant             the node's {@code Ra2Conformant} condition as the collector last wrote it, or null:
 *                               compared before writing it again, so that an unchanged one costs no write
 */
public record NodeFacts(
        String name,
        String uid,
        String resourceVersion,
        boolean controlPlane,
        String pool,
        NfdLabels nfd,
        Map<String, String> ownedLabels,
        Map<String, String> ownedAnnotations,
        boolean allocatableKnown,
        Long allocatableCpuMillis,
        Map<String, Long> hugepages,
        String kubeletVersion,
        String containerRuntimeVersion,
        OwnedCondition conformant) {

    /** The collector's own Node condition, heartbeat left out (it is not rewritten alone). */
    public record OwnedCondition(String status, String reason, String message, String lastTransitionTime) {
    }

    /** Facts of a node that carries no condition of the collector's. */
    public NodeFacts(String name, String uid, String resourceVersion, boolean controlPlane, String pool, NfdLabels nfd,
                     Map<String, String> ownedLabels, Map<String, String> ownedAnnotations, boolean allocatableKnown,
                     Long allocatableCpuMillis, Map<String, Long> hugepages, String kubeletVersion,
                     String containerRuntimeVersion) {
        this(name, uid, resourceVersion, controlPlane, pool, nfd, ownedLabels, ownedAnnotations,
                allocatableKnown, allocatableCpuMillis, hugepages, kubeletVersion, containerRuntimeVersion, null);
    }

    public static final String NFD_LABEL_PREFIX = "feature.node.kubernetes.io/";
    public static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";
    public static final String LEGACY_MASTER_LABEL = "node-role.kubernetes.io/master";
    /** Pool of the nodes that lack the pool label. Label values cannot contain parentheses, so it cannot clash. */
    public static final String NO_POOL = "(unlabelled)";

    public NodeFacts {
        ownedLabels = Map.copyOf(ownedLabels);
        ownedAnnotations = Map.copyOf(ownedAnnotations);
        hugepages = hugepages == null ? Map.of() : Map.copyOf(hugepages);
        nfd = nfd == null ? NfdLabels.NONE : nfd;
    }

    /**
     * A node's pool: the value of the pool label, and control-plane nodes apart from workers (their kubelet
     * configuration legitimately differs).
     */
    public static String poolOf(boolean controlPlane, String poolLabelValue) {
        String value = poolLabelValue == null || poolLabelValue.isEmpty() ? NO_POOL : poolLabelValue;
        return controlPlane ? "control-plane/" + value : value;
    }

    /** The quantity in millicores (rounded up), or null when absent or not a number. */
    public static Long millis(Quantity q) {
        BigDecimal v = decimal(q);
        return v == null ? null : v.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** The quantity in base units (bytes for memory and hugepages), rounded up, or null. */
    public static Long amount(Quantity q) {
        BigDecimal v = decimal(q);
        return v == null ? null : v.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static BigDecimal decimal(Quantity q) {
        if (q == null || q.getAmount() == null || q.getAmount().isBlank()) {
            return null;
        }
        try {
            BigDecimal v = q.getNumericalAmount();
            // a quantity beyond any real node's resources is a broken object, not a number to compute with
            return v.signum() < 0 || v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0 ? null : v;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The same facts without the fields that change on every write and without the collector's condition (for "did
     * anything that matters to a judgement change").
     */
    public NodeFacts withoutVersion() {
        return new NodeFacts(name, uid, null, controlPlane, pool, nfd, ownedLabels, ownedAnnotations,
                allocatableKnown, allocatableCpuMillis, hugepages, kubeletVersion,
                containerRuntimeVersion, null);
    }

    /** With other owned metadata, as after a successful patch. */
    public NodeFacts withOwned(String newResourceVersion, Map<String, String> labels, Map<String, String> annotations) {
        return new NodeFacts(name, uid, newResourceVersion, controlPlane, pool, nfd, labels, annotations,
                allocatableKnown, allocatableCpuMillis, hugepages, kubeletVersion,
                containerRuntimeVersion, conformant);
    }

    /** With the collector's condition as just written. */
    public NodeFacts withConformant(OwnedCondition written) {
        return new NodeFacts(name, uid, resourceVersion, controlPlane, pool, nfd, ownedLabels, ownedAnnotations,
                allocatableKnown, allocatableCpuMillis, hugepages, kubeletVersion,
                containerRuntimeVersion, written);
    }
}
