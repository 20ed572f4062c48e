package io.ra2check.collector.check;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodCpuTest {
    static Container c(String name, String request, String limit) {
        ContainerBuilder b = new ContainerBuilder().withName(name).withImage("i");
        b.withNewResources().endResources();
        if (request != null) {
            b.editResources().addToRequests("cpu", new Quantity(request)).endResources();
        }
        if (limit != null) {
            b.editResources().addToLimits("cpu", new Quantity(limit)).endResources();
        }
        return b.build();
    }

    static Pod pod(String node, String phase, List<Container> init, List<Container> containers) {
        return new PodBuilder().withNewMetadata().withNamespace("ns").withName("p").endMetadata()
                .withNewSpec().withNodeName(node).withInitContainers(init).withContainers(containers).endSpec()
                .withNewStatus().withPhase(phase).endStatus().build();
    }

    @Test
    void sumsAppContainersAndCountsContainersWithoutLimits() {
        PodCpu p = PodCpu.from(pod("n1", "Running", List.of(),
                List.of(c("a", "500m", "1"), c("b", "250m", null)))).orElseThrow();
        assertEquals("ns/p", p.key());
        assertEquals(750, p.requestMillis());
        assertEquals(1000, p.limitMillis());
        assertEquals(1, p.unlimited());
    }

    @Test
    void aLargerInitContainerSetsTheRequestAndSidecarsAddUp() {
        Container sidecar = c("mesh", "100m", "200m");
        sidecar.setRestartPolicy("Always");
        PodCpu p = PodCpu.from(pod("n1", "Running", List.of(sidecar, c("init", "2", "2")),
                List.of(c("app", "1", "1")))).orElseThrow();
        // max(app 1 + sidecar 0.1, init 2 + sidecar 0.1)
        assertEquals(2100, p.requestMillis());
        assertEquals(2200, p.limitMillis());
        assertEquals(0, p.unlimited());
    }

    @Test
    void aMissingRequestDefaultsToTheLimitAndOverheadCounts() {
        Pod pod = pod("n1", "Pending", List.of(), List.of(c("a", null, "3")));
        pod.getSpec().setOverhead(java.util.Map.of("cpu", new Quantity("250m")));
        PodCpu p = PodCpu.from(pod).orElseThrow();
        assertEquals(3250, p.requestMillis());
        assertEquals(3250, p.limitMillis());
    }

    @Test
    void finishedAndUnscheduledPodsClaimNothing() {
        List<Container> cs = List.of(c("a", "1", "1"));
        assertTrue(PodCpu.from(pod("n1", "Succeeded", List.of(), cs)).isEmpty());
        assertTrue(PodCpu.from(pod("n1", "Failed", List.of(), cs)).isEmpty());
        assertTrue(PodCpu.from(pod(null, "Pending", List.of(), cs)).isEmpty());
    }

    @Test
    void totalsAddPodsUp() {
        CpuTotals t = CpuTotals.of(List.of(new PodCpu("a/x", "n", 100, 200, 0), new PodCpu("a/y", "n", 300, 0, 2)));
        assertEquals(2, t.pods());
        assertEquals(400, t.requestMillis());
        assertEquals(200, t.limitMillis());
        assertEquals(2, t.unlimitedContainers());
        assertEquals(List.of("a/y"), t.unlimitedPods());
    }
}
