package io.ra2check.collector.check;

import java.util.Set;
import java.util.TreeSet;

/**
 * The Node Feature Discovery labels on a node, as far as ra2.ch.018 needs them: how many there are and which of NFD's
 * built-in feature sources they come from. NFD names its labels {@code feature.node.kubernetes.io/<source>-<feature>}.
 *
 * @param count   {@code feature.node.kubernetes.io/*} labels on the node
 * @param sources the built-in sources ({@link #BUILT_IN}) that have at least one label; a name outside that list is
 *                not kept, so a kubelet adding labels cannot grow this
 */
public record NfdLabels(int count, Set<String> sources) {
    /** NFD's feature sources (nfd-worker's {@code -label-sources}), plus the two user-defined ones. */
    public static final Set<String> BUILT_IN = Set.of("cpu", "kernel", "memory", "network", "pci", "storage",
            "system", "usb", "iommu", "local", "custom");
    /**
     * The sources NFD labels every Linux node with in its default configuration: {@code cpu} ({@code cpu-model.*},
     * {@code cpu-cpuid.*}) and {@code kernel} ({@code kernel-version.*}). Other sources depend on the hardware (a PCI
     * device of a listed class, SR-IOV, NUMA) and prove nothing by their absence.
     */
    public static final Set<String> CORE = Set.of("cpu", "kernel");

    public static final NfdLabels NONE = new NfdLabels(0, Set.of());

    public NfdLabels {
        // sorted, so that evidence and messages read the same on every node
        sources = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(sources));
    }

    /** For tests and hand-built facts: {@code count} labels from the given sources. */
    public static NfdLabels of(int count, String... sources) {
        return new NfdLabels(count, Set.of(sources));
    }

    /** The source of one label key under {@link NodeFacts#NFD_LABEL_PREFIX}, or null when it is not a built-in one. */
    public static String sourceOf(String key) {
        if (!key.startsWith(NodeFacts.NFD_LABEL_PREFIX)) {
            return null;
        }
        int start = NodeFacts.NFD_LABEL_PREFIX.length();
        int dash = key.indexOf('-', start);
        if (dash < 0) {
            return null;
        }
        String s = key.substring(start, dash);
        return BUILT_IN.contains(s) ? s : null;
    }

    /** The core sources without a label here. */
    public Set<String> missingCore() {
        Set<String> out = new TreeSet<>(CORE);
        out.removeAll(sources);
        return out;
    }
}
