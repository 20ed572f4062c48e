package io.ra2check.agent.render;

import io.ra2check.agent.testing.HostTree;
import io.ra2check.agent.testing.HostileReport;
import io.ra2check.agent.testing.HtmlSafety;
import io.ra2check.agent.testing.Xml;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlRendererTest {
    @TempDir
    Path dir;

    @Test
    void hostileStringsAreShownAsTextNeverAsMarkup() {
        NodeReport r = HostileReport.report(HostileReport.SCRIPT);
        String html = new HtmlRenderer().render(r);
        Document d = HtmlSafety.assertSafePage(html);
        String text = d.getDocumentElement().getTextContent();
        for (String s : List.of(HostileReport.SCRIPT, HostileReport.BREAKOUT, HostileReport.SINGLE,
                HostileReport.STYLE_BREAK, HostileReport.LINK)) {
            assertTrue(text.contains(s), "shown as text: " + s);
        }
        assertFalse(html.contains("<script"), "no script element");
        assertFalse(html.contains("<img"), "no image element");
        // controls, the lone surrogate and the bidi override are replaced, visibly
        assertTrue(text.contains("bell\uFFFDnul\uFFFDesc\uFFFD[31m lone\uFFFD rlo\uFFFDgnp.exe"), "controls replaced");
        assertFalse(text.contains("\u202E"));
    }

    @Test
    void thePageOfARealCheckHasEveryVerdictAndTheInventory() {
        HostTree t = HostTree.compliant(dir.resolve("host"));
        NodeReport r = t.report(Profile.NETWORK_INTENSIVE);
        Document d = HtmlSafety.assertSafePage(new HtmlRenderer().render(r));
        Element section = Xml.select(d, "section", "id", "node").get(0);
        assertEquals("server", section.getAttribute("class"), "a single page has no page break before the server");
        int verdictRows = 0;
        for (Element tr : Xml.all(d)) {
            if (tr.getTagName().equals("tr") && tr.getAttribute("id").startsWith("node-ra2.")) {
                verdictRows++;
                assertTrue(tr.getAttribute("class").equals("v-" + r.verdict(tr.getAttribute("id").substring(5))
                        .orElseThrow().status().name()));
            }
        }
        assertEquals(r.verdicts().size(), verdictRows);
        String text = d.getDocumentElement().getTextContent();
        assertTrue(text.contains("RA2 node check: node-a"), text);
        assertTrue(text.contains("ra2check " + r.tool().version() + " \u00b7 profile network-intensive \u00b7 "
                + "2026-11-21 10:00 UTC"), text);
        assertTrue(text.contains("Telco-2U"));
        assertTrue(text.contains("0000:3b:00.0"));
        assertTrue(text.contains("PCIe Slot 8"));
        assertTrue(text.contains("nvme0n1"));
        assertEquals("MEETS", d.getElementsByTagName("h2").item(0).getTextContent().split(" ")[0]);
        Element coverage = Xml.select(d, "section", "id", "coverage").get(0);
        int notJudged = io.ra2check.report.Coverage.of(r).notInReport().size();
        assertEquals(132, notJudged);
        assertEquals(notJudged, coverage.getElementsByTagName("tr").getLength() - 1, "a row per requirement");
        assertTrue(coverage.getTextContent().contains("ra2.k8s.001 Kubernetes conformance"), coverage.getTextContent());
        assertTrue(coverage.getTextContent().contains("sonobuoy run --mode=certified-conformance"));
    }

    @Test
    void aFailingVerdictShowsItsRemediationAndUnknownIsNotZero() {
        HostTree t = HostTree.compliant(dir.resolve("host"));
        t.cpus(1, 8, 2, false).delete("/sys/firmware/dmi/tables");
        NodeReport r = t.report(Profile.BASIC);
        Document d = HtmlSafety.assertSafePage(new HtmlRenderer().render(r));
        Element row = Xml.select(d, "tr", "id", "node-ra2.ch.008").get(0);
        assertEquals("v-FAIL", row.getAttribute("class"));
        assertTrue(row.getTextContent().contains("To fix: Use a dual-socket server"), row.getTextContent());
        // no SMBIOS table: DIMMs and slots are not known, and are shown as such
        String text = d.getDocumentElement().getTextContent();
        // the kernel has no table (a complete snapshot without it): that is what the page says, not "root only"
        assertTrue(text.contains("Not read: /sys/firmware/dmi/tables/DMI: absent (the firmware or hypervisor provides "
                + "no SMBIOS table)."), text);
        assertFalse(text.contains("root only"), text);
        Element dimms = null;
        for (Element th : Xml.all(d)) {
            if (th.getTagName().equals("th") && th.getTextContent().equals("DIMMs")) {
                dimms = (Element) th.getNextSibling();
            }
        }
        assertEquals("?", dimms.getTextContent());
        assertEquals("not captured or not readable", ((Element) dimms.getFirstChild()).getAttribute("title"));
    }
}
