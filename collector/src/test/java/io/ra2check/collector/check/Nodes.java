package io.ra2check.collector.check;

import java.util.Map;

/** NodeFacts for check tests: a node that passes every cluster check, and variations of it. */
final class Nodes {
    private Nodes() {
    }

    static NodeFacts good() {
        return new NodeFacts("n1", "uid-1", "1", false, "m5.metal", NfdLabels.of(12, "cpu", "kernel", "pci", "system"), Map.of(), Map.of(), true, 64_000L,
                Map.of("hugepages-2Mi", 2L << 30, "hugepages-1Gi", 16L << 30), "v1.30.2", "containerd://1.7.13");
    }

    static NodeFacts hugepages(Long twoMi, Long oneGi) {
        Map<String, Long> pages = new java.util.HashMap<>();
        if (twoMi != null) {
            pages.put("hugepages-2Mi", twoMi);
        }
        if (oneGi != null) {
            pages.put("hugepages-1Gi", oneGi);
        }
        return hugepages(pages);
    }

    static NodeFacts hugepages(Map<String, Long> pages) {
        NodeFacts g = good();
        return new NodeFacts(g.name(), g.uid(), g.resourceVersion(), false, g.pool(), g.nfd(), Map.of(),
                Map.of(), true, g.allocatableCpuMillis(), pages, g.kubeletVersion(), g.containerRuntimeVersion());
    }

    static NodeFacts noAllocatable() {
        NodeFacts g = good();
        return new NodeFacts(g.name(), g.uid(), g.resourceVersion(), false, g.pool(), g.nfd(), Map.of(),
                Map.of(), false, null, Map.of(), g.kubeletVersion(), g.containerRuntimeVersion());
    }

    static NodeFacts nfd(NfdLabels labels) {
        NodeFacts g = good();
        return new NodeFacts(g.name(), g.uid(), g.resourceVersion(), false, g.pool(), labels, Map.of(), Map.of(), true,
                g.allocatableCpuMillis(), g.hugepages(), g.kubeletVersion(),
                g.containerRuntimeVersion());
    }

    static NodeFacts runtime(String kubelet, String runtime) {
        NodeFacts g = good();
        return new NodeFacts(g.name(), g.uid(), g.resourceVersion(), false, g.pool(), g.nfd(), Map.of(),
                Map.of(), true, g.allocatableCpuMillis(), g.hugepages(), kubelet,
                runtime);
    }
}
