package io.ra2check.collector;

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
import io.ra2check.collector.meta.ReportDigest;
import io.ra2check.report.NodeReport;
import io.ra2check.report.ReportFormatException;
import io.ra2check.report.ReportJson;
import io.ra2check.report.RequirementCatalog;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The intake path on arbitrary bytes: read, judge, compute the node's metadata and its patch. Whatever the bytes, the
 * reader either refuses them with a ReportFormatException or the rest holds its promises: only owned keys, labels
 * only "true" or deleted, annotations within 2 KiB, a patch that is JSON, and the same metadata whether the node is
 * judged from the report or from the annotations it wrote. Runs its seed corpus in the normal test run
 * (src/test/resources/.../IntakeFuzzTestInputs); the fuzz-intake execution fuzzes it for a fixed time.
 */
class IntakeFuzzTest {
    private final ReportJson json = new ReportJson();
    private final ReportJson reader = json;
    private final RequirementCatalog catalog = RequirementCatalog.builtIn();
    private final Judge judge = new Judge(catalog, new Judge.Options(true, true));
    private final ObjectMapper mapper = new ObjectMapper();
    private final NodeFacts node = io.ra2check.collector.kube.NodeFactsReader.from(new NodeBuilder().withNewMetadata().withName("worker-1")
            .addToLabels("node.kubernetes.io/instance-type", "m5.metal")
            .addToLabels("feature.node.kubernetes.io/cpu-cpuid.AVX512F", "true")
            .addToLabels("anuket.io/profile/basic", "true")
            .addToAnnotations(Keys.STATUS, "PASS").addToAnnotations("ra2check.io/old", "x").endMetadata()
            .withNewStatus().addToAllocatable("cpu", new Quantity("64"))
            .addToAllocatable("hugepages-2Mi", new Quantity("2Gi")).addToAllocatable("hugepages-1Gi", new Quantity("1Gi"))
            .withNewNodeInfo().withKubeletVersion("v1.29.4").withContainerRuntimeVersion("containerd://1.7.13")
            .endNodeInfo().endStatus().build(), "node.kubernetes.io/instance-type");

    @FuzzTest(maxDuration = "10s")
    void intakeKeepsItsPromises(byte[] data) throws IOException {
        NodeReport report;
        try {
            report = reader.read(data);
        } catch (ReportFormatException expected) {
            return;
        }
        if (AgentSide.unknownRequirement(report, catalog).isPresent()) {
            return;
        }
        String digest = ReportDigest.of(report, json);
        AgentSide agent = AgentSide.fromReport(report, catalog, digest, report.generatedAt().toString());
        PodView pods = PodView.of(new CpuTotals(3, 2000, 4000, 1, List.of("a/b")));
        ControlPlane cp = ControlPlane.of("v1.30.1");
        PoolView pool = new PoolView("m5.metal", 3, agent.fingerprint() == null ? Map.of("os=00000000", 2)
                : Map.of(agent.fingerprint(), 1, "os=00000000", 2));
        Judgement j = judge.judge(agent, node, pods, cp, pool);

        int size = Judge.size(j.annotations());
        if (size > Keys.MAX_ANNOTATION_BYTES) {
            throw new AssertionError("annotations take " + size + " bytes");
        }
        if (!j.annotations().keySet().stream().allMatch(Keys::ownedAnnotation)
                || !j.labels().keySet().stream().allMatch(Keys::ownedLabel)) {
            throw new AssertionError("a key the collector does not own: " + j.annotations().keySet() + " "
                    + j.labels().keySet());
        }
        for (String v : j.labels().values()) {
            if (v != null && !v.equals("true")) {
                throw new AssertionError("label value " + v);
            }
        }
        MetadataPatch patch = MetadataPatch.between(node, j, true);
        if (!patch.annotations().containsKey("ra2check.io/old") || patch.annotations().get("ra2check.io/old") != null) {
            throw new AssertionError("the stale key is not deleted: " + patch);
        }
        mapper.readTree(patch.toJson());

        AgentSide fromAnnotations = AgentSide.fromAnnotations(j.annotations(), catalog);
        Judgement again = judge.judge(fromAnnotations, node, pods, cp, pool);
        if (!again.annotations().equals(j.annotations()) || !again.labels().equals(j.labels())) {
            throw new AssertionError("judged from the annotations: " + again.annotations() + " vs " + j.annotations());
        }
    }
}
