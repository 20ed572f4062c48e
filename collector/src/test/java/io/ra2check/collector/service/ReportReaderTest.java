package io.ra2check.collector.service;

import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.NodeReport;
import io.ra2check.report.ReportFormatException;
import io.ra2check.report.ReportJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportReaderTest {
    private final ReportJson json = new ReportJson();
    private final ReportReader reader = new ReportReader(json);

    @Test
    void readsReportsWithKubernetesRequirementIds() throws Exception {
        NodeReport r = TestReports.report("n1").build();
        NodeReport back = reader.read(TestReports.report("n1").json());
        assertEquals(r.verdicts().stream().map(v -> v.id()).toList(), back.verdicts().stream().map(v -> v.id())
                .toList());
        assertEquals(r, back);
    }

    @Test
    void otherProblemsAreReportedAsTheSharedReaderWordsThem() {
        String broken = new String(TestReports.report("n1").json(), StandardCharsets.UTF_8)
                .replace("\"ra2check.io/v1\"", "\"ra2check.io/v0\"");
        ReportFormatException e = assertThrows(ReportFormatException.class,
                () -> reader.read(broken.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("unsupported apiVersion 'ra2check.io/v0'"), e.getMessage());
    }

    @Test
    void problemsFoundAfterTheRenamingNameTheRealIds() {
        // the second ra2.k8s.005 is a duplicate: the message must name it, not its stand-in
        String doc = new String(TestReports.report("n1").json(), StandardCharsets.UTF_8)
                .replace("\"ra2.k8s.006\"", "\"ra2.k8s.005\"");
        ReportFormatException e = assertThrows(ReportFormatException.class,
                () -> reader.read(doc.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().endsWith("duplicate requirement ra2.k8s.005"), e.getMessage());
    }

    @Test
    void badIdsStayBad() {
        String doc = new String(TestReports.report("n1").json(), StandardCharsets.UTF_8)
                .replace("\"ra2.ch.004\"", "\"ra2.CH.004\"");
        ReportFormatException e = assertThrows(ReportFormatException.class,
                () -> reader.read(doc.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("not a requirement ID: 'ra2.CH.004'"), e.getMessage());
    }
}
