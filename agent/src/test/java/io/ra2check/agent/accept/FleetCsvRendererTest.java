package io.ra2check.agent.accept;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetCsvRendererTest {

    @Test
    void fieldsAreQuotedAsRfc4180Says() {
        assertEquals("plain", FleetCsvRenderer.field("plain"));
        assertEquals("\"a,b\"", FleetCsvRenderer.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", FleetCsvRenderer.field("say \"hi\""));
        assertEquals("\"two\nlines\"", FleetCsvRenderer.field("two\nlines"));
        assertEquals("\"cr\rhere\"", FleetCsvRenderer.field("cr\rhere"));
        assertEquals("", FleetCsvRenderer.field(""));
        assertEquals("", FleetCsvRenderer.field(null));
    }

    @Test
    void aValueThatWouldRunAsASpreadsheetFormulaIsDefused() {
        assertEquals("'=HYPERLINK(\"\"http://x\"\")", FleetCsvRenderer.field("=HYPERLINK(\"http://x\")")
                .replaceAll("^\"|\"$", ""));
        assertEquals("'+1", FleetCsvRenderer.field("+1"));
        assertEquals("'-1", FleetCsvRenderer.field("-1"));
        assertEquals("'@SUM(A1)", FleetCsvRenderer.field("@SUM(A1)"));
        assertEquals("a=b", FleetCsvRenderer.field("a=b"));
    }

    @Test
    void hostileValuesFromSnapshotsRoundTripThroughAStrictReader() {
        String[] hostile = {"a,b", "q\"uote", "line\r\nbreak", "=1+1", "\"", ",", "\r\n", "x\ny"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hostile.length; i++) {
            sb.append(i == 0 ? "" : ",").append(FleetCsvRenderer.field(hostile[i]));
        }
        sb.append("\r\n");
        List<List<String>> parsed = Rfc4180.parse(sb.toString());
        assertEquals(1, parsed.size());
        List<String> row = parsed.get(0);
        assertEquals(hostile.length, row.size());
        for (int i = 0; i < hostile.length; i++) {
            // OWASP's formula triggers: = + - @ and a leading tab or carriage return
            String expected = "=+-@\t\r".indexOf(hostile[i].charAt(0)) >= 0 ? "'" + hostile[i] : hostile[i];
            assertEquals(expected, row.get(i));
        }
        assertTrue(sb.toString().endsWith("\r\n"));
    }

    @Test
    void theHeaderNamesEveryColumn() {
        assertEquals(List.of("status", "server", "source", "reason", "failed", "undecided", "hostname", "vendor",
                "model", "serial", "bios_version", "cpu_model", "sockets", "cores_per_socket", "threads_per_core",
                "memory", "memory_source", "dimms", "nic_ports", "nic_models", "sriov_vfs", "pcie_slots", "disks",
                "outliers"), FleetCsvRenderer.HEADER);
    }
}
