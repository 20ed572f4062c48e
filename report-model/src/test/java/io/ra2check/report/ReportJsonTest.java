package io.ra2check.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ra2check.report.Reports.report;
import static io.ra2check.report.Reports.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportJsonTest {
    private final ReportJson json = new ReportJson();

    private NodeReport sample() {
        Inventory inv = new Inventory("host1", "Dell Inc.", "PowerEdge R740xd", null, "2.21.2", "bare-metal",
                "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", 2, 16, 1, 32, 2, 206158430208L, "memory-blocks", 12, 24,
                List.of(new Inventory.Nic("0000:86:00.0", "ens7f0", "8086:158b", "i40e", null, 25000L, 25000L,
                        "pci-id", 64, 0, true)),
                List.of(new Inventory.Slot("PCIe Slot 2", "x8 PCI Express 3 x16", 3, 8, true, "0000:04:00.0")),
                List.of(new Inventory.Disk("nvme0n1", 3200631791616L, false, null)), "rhcos 4.18",
                "5.14.0-427.59.1.el9_4.x86_64", List.of(new Inventory.Hugepages(1048576, null, 16L, 12L),
                        new Inventory.Hugepages(1048576, 1, 8L, 4L)), Boolean.FALSE);
        NodeReport r = report(Profile.NETWORK_INTENSIVE,
                verdict("ra2.ch.004", Outcome.FAIL, Level.MUST, Level.MUST, Profile.NETWORK_INTENSIVE),
                verdict("ra2.ch.014", Outcome.PASS, Level.MUST, Level.NONE, Profile.NETWORK_INTENSIVE));
        return new NodeReport(r.tool(), r.node(), r.generatedAt(), r.durationMs(), r.root(), r.profile(), inv,
                r.fingerprint(), r.verdicts());
    }

    @Test
    void roundTripsEveryField() throws Exception {
        NodeReport original = sample();
        NodeReport back = json.read(json.write(original));
        assertEquals(original, back);
        assertEquals(json.write(original), json.write(back));
    }

    @Test
    void roundTripsTheOriginAndLeavesItOutWhenAbsent() throws Exception {
        NodeReport withOrigin = sample().withOrigin(new NodeReport.Origin("4f1c-9a", 17));
        String doc = json.write(withOrigin);
        assertTrue(doc.contains("\"origin\" : {\n    \"run\" : \"4f1c-9a\",\n    \"sequence\" : 17"), doc);
        assertEquals(withOrigin, json.read(doc));
        assertTrue(!json.write(sample()).contains("\"origin\""));
        assertEquals(null, json.read(json.write(sample())).origin());
    }

    @Test
    void rejectsAMalformedOrigin() {
        String doc = json.write(sample().withOrigin(new NodeReport.Origin("run-1", 3)));
        assertEquals("origin.sequence: expected a number from 1", reject(doc.replace("\"sequence\" : 3",
                "\"sequence\" : 0")));
        assertEquals("origin.sequence: expected a whole number", reject(doc.replace("\"sequence\" : 3",
                "\"sequence\" : \"3\"")));
        assertEquals("origin.run: expected 1 to 64 letters, digits or '-'", reject(doc.replace("run-1", "run 1")));
        assertEquals("origin.run: missing", reject(doc.replace("\"run\" : \"run-1\",", "")));
    }

    @Test
    void refusesAHugepagePoolWithoutASize() {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree;
        try {
            tree = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(json.write(sample()));
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/inventory/hugepages/1")).put("sizeKiB", -1);
        String doc = tree.toString();
        ReportFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ReportFormatException.class,
                () -> json.read(doc));
        assertTrue(e.getMessage().startsWith("inventory.hugepages[1].sizeKiB"), e.getMessage());
    }

    @Test
    void writesTheDerivedSummary() {
        String s = json.write(sample());
        assertTrue(s.contains("\"failed\" : [ \"ra2.ch.004\" ]"), s);
        assertTrue(s.contains("\"compliance\" : \"DOES_NOT_MEET\""), s);
    }

    private String reject(String doc) {
        return assertThrows(ReportFormatException.class, () -> json.read(doc)).getMessage();
    }

    @Test
    void rejectsOtherSchemaVersionsWithTheVersionInTheMessage() {
        String doc = json.write(sample()).replace("ra2check.io/v1", "ra2check.io/v9");
        assertEquals("unsupported apiVersion 'ra2check.io/v9' (expected ra2check.io/v1)", reject(doc));
    }

    @Test
    void rejectsAStatusThatDoesNotFollowFromOutcomeAndLevel() {
        String doc = json.write(sample()).replaceFirst("\"status\" : \"FAIL\"", "\"status\" : \"PASS\"");
        assertEquals("verdicts[0].status: PASS does not follow from outcome FAIL at level must (expected FAIL)",
                reject(doc));
    }

    @Test
    void namesTheFieldThatHasTheWrongType() {
        String doc = json.write(sample()).replace("\"sockets\" : 2", "\"sockets\" : \"two\"");
        assertEquals("inventory.sockets: expected an integer", reject(doc));
    }

    @Test
    void rejectsDuplicateRequirementsAndBadIds() {
        String doc = json.write(sample()).replace("ra2.ch.014", "ra2.ch.004");
        assertEquals("verdicts[1].id: duplicate requirement ra2.ch.004", reject(doc));
        assertEquals("verdicts[0].id: not a requirement ID: 'rm -rf'",
                reject(json.write(sample()).replace("ra2.ch.004", "rm -rf")));
    }

    @Test
    void acceptsEverySectionOfRequirementIds() throws Exception {
        for (String id : new String[] {"ra2.k8s.005", "ra2.crt.001", "ra2.os.004", "ra2.ch.020"}) {
            String doc = json.write(sample()).replace("ra2.ch.014", id);
            assertEquals(id, json.read(doc).verdicts().get(1).id());
        }
    }

    @Test
    void rejectsMalformedJsonAndNonObjects() {
        assertTrue(reject("{\"apiVersion\": ").startsWith("not valid JSON"));
        assertEquals("report: expected an object", reject("[1,2]"));
        assertEquals("empty document", reject(""));
        assertTrue(reject("{\"a\":1,\"a\":2}").startsWith("not valid JSON: Duplicate field 'a'"));
        assertEquals("trailing data after the report object", reject(json.write(sample()) + "{}"));
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertTrue(reject(deep).startsWith("not valid JSON"));
    }
}
