package io.ra2check.collector;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.ra2check.collector.check.ControlPlane;
import io.ra2check.collector.check.CpuTotals;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.check.PodView;
import io.ra2check.collector.check.PoolView;
import io.ra2check.collector.meta.AgentSide;
import io.ra2check.collector.meta.Judge;
import io.ra2check.collector.meta.Judgement;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.meta.MetadataPatch;
import io.ra2check.collector.meta.ReportOrder;
import io.ra2check.collector.service.NodeService;
import io.ra2check.report.RequirementCatalog;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The Node annotations a kubelet can edit, read back as the collector reads them after a restart: whatever the
 * values, reading either refuses them with an IllegalArgumentException (then the leader removes the keys) or the node
 * is judged and the patch holds the intake's promises (owned keys only, labels only "true" or deleted, annotations
 * within 2 KiB, JSON); an ordering key that parses encodes back to itself, and {@link NodeService#storedOrder} never
 * throws. Crashes found by the fuzz-annotations execution land in AnnotationsFuzzTestInputs and are replayed.
 */
class AnnotationsFuzzTest {
    private final RequirementCatalog catalog = RequirementCatalog.builtIn();
    private final Judge judge = new Judge(catalog, new Judge.Options(true, true));
    private final ObjectMapper mapper = new ObjectMapper();

    @FuzzTest(maxDuration = "5s")
    void annotationsAreReadOrRefused(FuzzedDataProvider data) throws IOException {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName("worker-1")
                .addToLabels("node.kubernetes.io/instance-type", "m5.metal").endMetadata()
                .withNewStatus().addToAllocatable("cpu", new Quantity("64"))
                .withNewNodeInfo().withKubeletVersion("v1.30.2").withContainerRuntimeVersion("containerd://1.7.13")
                .endNodeInfo().endStatus();
        for (String key : Keys.ANNOTATIONS) {
            if (data.consumeBoolean()) {
                b.editMetadata().addToAnnotations(key, data.consumeString(600)).endMetadata();
            }
        }
        if (data.consumeBoolean()) {
            b.editMetadata().addToLabels(Keys.LABEL_PREFIX + data.consumeString(40), data.consumeString(20))
                    .endMetadata();
        }
        NodeFacts facts = io.ra2check.collector.kube.NodeFactsReader.from(b.build(),
                "node.kubernetes.io/instance-type");
        NodeService.storedOrder(facts);
        String order = facts.ownedAnnotations().get(Keys.REPORT_ORDER);
        if (order != null) {
            try {
                ReportOrder parsed = ReportOrder.parse(order);
                if (!parsed.encode().equals(order) && !ReportOrder.parse(parsed.encode()).equals(parsed)) {
                    throw new AssertionError("order does not round-trip: " + order);
                }
            } catch (IllegalArgumentException refused) {
                if (refused.getMessage() == null || refused.getMessage().contains("\n")) {
                    throw new AssertionError("a refusal must be one line", refused);
                }
            }
        }
        AgentSide agent;
        try {
            agent = AgentSide.fromAnnotations(facts.ownedAnnotations(), catalog);
        } catch (IllegalArgumentException refused) {
            if (refused.getMessage() == null || refused.getMessage().contains("\n")) {
                throw new AssertionError("a refusal must be one line", refused);
            }
            return;
        }
        Judgement j = judge.judge(agent, facts, PodView.of(new CpuTotals(3, 2000, 4000, 1, List.of("a/b"))),
                ControlPlane.of("v1.30.2"), new PoolView(facts.pool(), 1, Map.of()));
        for (Map.Entry<String, String> e : j.labels().entrySet()) {
            if (!Keys.ownedLabel(e.getKey()) || (e.getValue() != null && !e.getValue().equals("true"))) {
                throw new AssertionError("label " + e);
            }
        }
        for (String k : j.annotations().keySet()) {
            if (!Keys.ownedAnnotation(k)) {
                throw new AssertionError("annotation " + k);
            }
        }
        if (Judge.size(j.annotations()) > Keys.MAX_ANNOTATION_BYTES) {
            throw new AssertionError("annotations of " + Judge.size(j.annotations()) + " bytes");
        }
        mapper.readTree(MetadataPatch.between(facts, j, true).toJson(facts.resourceVersion()));
    }

    @FuzzTest(maxDuration = "5s")
    void orderKeysParseOrAreRefusedInOneLine(byte[] bytes) {
        String s = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        try {
            ReportOrder o = ReportOrder.parse(s);
            ReportOrder again = ReportOrder.parse(o.encode());
            if (!again.equals(o) || o.relativeTo(again) != ReportOrder.Relation.SAME) {
                throw new AssertionError("round trip of " + s);
            }
        } catch (IllegalArgumentException refused) {
            if (refused.getMessage() == null || refused.getMessage().contains("\n")
                    || refused.getMessage().length() > 200) {
                throw new AssertionError("refusal: " + refused.getMessage());
            }
        }
    }
}
