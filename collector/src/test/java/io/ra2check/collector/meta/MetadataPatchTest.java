package io.ra2check.collector.meta;

import io.ra2check.collector.check.NodeFacts;
import io.ra2check.report.Profile;
import io.ra2check.report.Status;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataPatchTest {
    private static NodeFacts node(Map<String, String> labels, Map<String, String> annotations) {
        return new NodeFacts("n", "u", "1", false, "p", io.ra2check.collector.check.NfdLabels.NONE, labels, annotations, false, null, Map.of(), null, null);
    }

    private static Judgement judgement(Map<String, String> labels, Map<String, String> annotations) {
        return new Judgement(Profile.BASIC, List.of(), List.of(), Map.of(), Status.PASS, Map.of(), List.of(), labels,
                annotations);
    }

    @Test
    void setsChangedKeysDeletesStaleOnesAndLeavesTheRest() {
        Map<String, String> desiredLabels = new HashMap<>();
        desiredLabels.put("anuket.io/profile/basic", "true");
        desiredLabels.put("anuket.io/profile/network-intensive", null);
        NodeFacts n = node(Map.of("anuket.io/profile/network-intensive", "true", "anuket.io/profile/old", "true"),
                Map.of(Keys.STATUS, "PASS", Keys.FAILED, "ra2.ch.001", "ra2check.io/legacy", "x"));
        MetadataPatch p = MetadataPatch.between(n, judgement(desiredLabels, Map.of(Keys.STATUS, "FAIL")), true);
        Map<String, String> labels = new HashMap<>();
        labels.put("anuket.io/profile/basic", "true");
        labels.put("anuket.io/profile/network-intensive", null);
        labels.put("anuket.io/profile/old", null);
        assertEquals(labels, p.labels());
        Map<String, String> annotations = new HashMap<>();
        annotations.put(Keys.STATUS, "FAIL");
        annotations.put(Keys.FAILED, null);
        annotations.put("ra2check.io/legacy", null);
        assertEquals(annotations, p.annotations());
        assertEquals("{\"metadata\":{\"labels\":{\"anuket.io/profile/basic\":\"true\",\"anuket.io/profile/"
                + "network-intensive\":null,\"anuket.io/profile/old\":null},\"annotations\":{\"ra2check.io/failed\":"
                + "null,\"ra2check.io/legacy\":null,\"ra2check.io/status\":\"FAIL\"}}}", p.toJson());
    }

    @Test
    void nothingToWriteWhenTheNodeIsAlreadyRight() {
        Map<String, String> desiredLabels = new HashMap<>();
        desiredLabels.put("anuket.io/profile/basic", "true");
        desiredLabels.put("anuket.io/profile/network-intensive", null);
        NodeFacts n = node(Map.of("anuket.io/profile/basic", "true"), Map.of(Keys.STATUS, "PASS"));
        assertTrue(MetadataPatch.between(n, judgement(desiredLabels, Map.of(Keys.STATUS, "PASS")), true).isEmpty());
    }

    @Test
    void unmanagedLabelsAreNeverTouched() {
        NodeFacts n = node(Map.of("anuket.io/profile/basic", "true"), Map.of());
        MetadataPatch p = MetadataPatch.between(n, judgement(Map.of(), Map.of()), false);
        assertTrue(p.isEmpty());
        assertTrue(MetadataPatch.removeAll(n, false).isEmpty());
        assertEquals(1, MetadataPatch.removeAll(n, true).labels().size());
    }
}
