package io.ra2check.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ra2check.agent.accept.Rfc4180;
import io.ra2check.agent.testing.HtmlSafety;
import io.ra2check.agent.testing.SharedHosts;
import io.ra2check.agent.testing.Xml;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code accept --dir ../shared/hosts}: every real server captured by others, as one delivery. The expectations come
 * from each case's documented truth (facts.json), not from ra2check's own output. Skipped where the folder is absent.
 */
class AcceptSharedHostsTest {
    @TempDir
    static Path tmp;
    static Path shared;
    static Cli run;
    static Map<String, Map<String, String>> rows;
    static List<String> order;
    static Map<String, JsonNode> truth;
    static Document html;

    @BeforeAll
    static void acceptTheSharedHosts() throws Exception {
        shared = SharedHosts.dir();
        Assumptions.assumeTrue(shared != null, "../shared/hosts is not available");
        truth = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(shared)) {
            for (Path c : s.sorted().toList()) {
                if (Files.isDirectory(c.resolve("rootfs"))) {
                    truth.put(c.getFileName().toString(), SharedHosts.truth(c.getFileName().toString()));
                }
            }
        }
        Assumptions.assumeTrue(!truth.isEmpty(), "no cases in " + shared);
        Path csv = tmp.resolve("shared.csv");
        Path page = tmp.resolve("shared.html");
        run = Cli.run("accept", "--dir", shared.toString(), "--csv", csv.toString(), "--html", page.toString());
        List<List<String>> parsed = Rfc4180.parse(Files.readString(csv));
        List<String> header = parsed.get(0);
        rows = new LinkedHashMap<>();
        order = new ArrayList<>();
        for (List<String> row : parsed.subList(1, parsed.size())) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), row.get(i));
            }
            rows.put(m.get("server"), m);
            order.add(m.get("status"));
        }
        html = HtmlSafety.assertSafePage(Files.readString(page));
    }

    @Test
    void everyCaseIsARowNamedAfterItsCaseSinceNoneCapturedAHostName() {
        assertEquals(truth.keySet(), rows.keySet().stream().sorted().collect(java.util.stream.Collectors.toCollection(
                LinkedHashSet::new)), run.out());
        for (String c : truth.keySet()) {
            assertEquals(shared.resolve(c).toString(), rows.get(c).get("source"));
        }
        assertEquals(truth.size(), Xml.select(html, "tr", "class", "server-row").size());
        assertTrue(run.out().contains("skipped: README.md"), run.out());
        assertEquals(1, run.exit(), "no partial capture can meet the profile");
    }

    @Test
    void noCaseIsDamagedOrTakenForAnotherPlatform() {
        // all are Linux captures (each has /sys); the SMBIOS- and PCI-only ones have an unknown architecture, which is
        // not "not x86-64"
        for (Map.Entry<String, Map<String, String>> r : rows.entrySet()) {
            assertTrue(Set.of("DOES_NOT_MEET", "UNDETERMINED", "MEETS").contains(r.getValue().get("status")),
                    r.getKey() + ": " + r.getValue());
        }
    }

    @Test
    void failuresFollowTheDocumentedHardware() {
        int cpuFailures = 0;
        for (Map.Entry<String, JsonNode> t : truth.entrySet()) {
            Map<String, String> row = rows.get(t.getKey());
            List<String> failed = List.of(row.get("failed").split(" "));
            JsonNode sockets = first(t.getValue(), "sockets", "sockets_populated");
            JsonNode cores = t.getValue().get("cores_per_socket");
            if (sockets != null && cores != null) {
                boolean enough = sockets.asInt() >= 2 && cores.asInt() >= 20;
                assertEquals(!enough, failed.contains("ra2.ch.008"), t.getKey() + ": " + row);
                cpuFailures += enough ? 0 : 1;
            } else {
                assertFalse(failed.contains("ra2.ch.008"), "an unknown CPU count is not a failure: " + row);
                assertTrue(row.get("undecided").contains("ra2.ch.008"), row.toString());
            }
            JsonNode smt = t.getValue().get("smt");
            if (smt != null && !smt.isNull()) {
                assertEquals(!smt.asBoolean(), failed.contains("ra2.ch.004"), t.getKey());
            }
            assertEquals(row.get("failed").isEmpty() ? "UNDETERMINED" : "DOES_NOT_MEET", row.get("status"),
                    t.getKey());
        }
        assertTrue(run.out().contains("ra2.ch.008 Physical CPU Quantity: failed on " + cpuFailures + " of "
                + truth.size()), run.out());
        // failures first
        int lastFailure = order.lastIndexOf("DOES_NOT_MEET");
        for (int i = 0; i < lastFailure; i++) {
            assertEquals("DOES_NOT_MEET", order.get(i), order.toString());
        }
    }

    @Test
    void theInventoryColumnsMatchTheDocumentedHardware() {
        for (Map.Entry<String, JsonNode> t : truth.entrySet()) {
            Map<String, String> row = rows.get(t.getKey());
            JsonNode f = t.getValue();
            JsonNode cpu = f.get("cpu_model");
            assertEquals(cpu == null || cpu.isNull() ? "?" : cpu.asText().replaceAll("\\s+", " "),
                    row.get("cpu_model"), t.getKey());
            JsonNode sockets = first(f, "sockets", "sockets_populated");
            assertEquals(sockets == null ? "?" : sockets.asText(), row.get("sockets"), t.getKey());
            JsonNode cores = f.get("cores_per_socket");
            assertEquals(cores == null ? "?" : cores.asText(), row.get("cores_per_socket"), t.getKey());
            JsonNode threads = f.get("threads_per_core");
            assertEquals(threads == null ? "?" : threads.asText(), row.get("threads_per_core"), t.getKey());
            if (f.has("mem_installed_GB")) {
                // DIMMs are sold in binary units: "32 GB" of DIMMs is 32 GiB
                assertEquals(f.get("mem_installed_GB").asInt() + " GiB", row.get("memory"), t.getKey());
                assertEquals("smbios", row.get("memory_source"));
            }
            if (f.has("dimms_populated")) {
                assertTrue(row.get("dimms").startsWith(f.get("dimms_populated").asInt() + " of "), row.toString());
            } else {
                assertEquals("?", row.get("dimms"), "DIMMs not captured are unknown, not 0: " + row);
            }
        }
    }

    @Test
    void outliersAreOnlyWhatAMajorityDisagreesWith() {
        // the documented CPU models all differ: the "delivery" is split on CPU model and nobody is flagged for it
        Set<String> models = new LinkedHashSet<>();
        int known = 0;
        for (JsonNode f : truth.values()) {
            if (f.hasNonNull("cpu_model")) {
                models.add(f.get("cpu_model").asText().replaceAll("\\s+", " "));
                known++;
            }
        }
        Element cpuRow = attributeRow("CPU model");
        if (known > 1 && models.size() == known) {
            assertTrue(cpuRow.getTextContent().contains("split: no majority"), cpuRow.getTextContent());
        }
        for (Map<String, String> row : rows.values()) {
            assertFalse(row.get("outliers").contains("CPU model"), row.toString());
        }
        // only three of the seven captures have an SMBIOS or DMI vendor (two Supermicro, one Dell): with most
        // servers' vendor unknown, nobody is compared on it, and Dell is no outlier
        Assumptions.assumeTrue(rows.containsKey("smbios-dell-r630-1of2-sockets-e5-2630v3"));
        assertTrue(attributeRow("Vendor").getTextContent().contains("servers only: not compared"),
                attributeRow("Vendor").getTextContent());
        for (Map.Entry<String, Map<String, String>> r : rows.entrySet()) {
            {
                assertEquals("", r.getValue().get("outliers"), r.getKey());
            }
        }
        // a server whose vendor was not captured is not compared on it, and the page says so
        Element r740 = Xml.select(html, "tr", "class", "server-row").stream()
                .filter(e -> e.getTextContent().startsWith("dell-r740xd")).findFirst().orElseThrow();
        assertNotEquals("", r740.getAttribute("data-status"));
        String section = sectionText("dell-r740xd-2s-gold6130-smt-off-ixgbe-x550-i40e");
        assertTrue(section.contains("Not compared, unknown: Vendor (not captured)"), section);
    }

    private static JsonNode first(JsonNode f, String... names) {
        for (String n : names) {
            if (f.hasNonNull(n)) {
                return f.get(n);
            }
        }
        return null;
    }

    private static Element attributeRow(String attribute) {
        Element table = Xml.select(html, "table", "id", "attribute-table").get(0);
        var trs = table.getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            Element tr = (Element) trs.item(i);
            if (tr.getElementsByTagName("td").getLength() > 0
                    && tr.getElementsByTagName("td").item(0).getTextContent().equals(attribute)) {
                return tr;
            }
        }
        throw new AssertionError("no row for " + attribute);
    }

    private static String sectionText(String name) {
        for (Element s : Xml.all(html)) {
            if (s.getTagName().equals("section") && s.getAttribute("class").startsWith("server")
                    && s.getElementsByTagName("h2").item(0).getTextContent().endsWith(" " + name)) {
                return s.getTextContent();
            }
        }
        throw new AssertionError("no section for " + name);
    }
}
