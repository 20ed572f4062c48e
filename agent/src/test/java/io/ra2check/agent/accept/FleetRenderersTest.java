package io.ra2check.agent.accept;

import io.ra2check.agent.testing.HostileReport;
import io.ra2check.agent.testing.HtmlSafety;
import io.ra2check.agent.testing.Xml;
import io.ra2check.report.Profile;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.ra2check.agent.testing.HostileReport.BREAKOUT;
import static io.ra2check.agent.testing.HostileReport.LINK;
import static io.ra2check.agent.testing.HostileReport.SCRIPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fleet renderers over a delivery whose every string is hostile. */
class FleetRenderersTest {
    static FleetReport hostileFleet() {
        ServerSource evil = new ServerSource("/in/" + SCRIPT + ".tar.gz", Path.of("/in/x.tar.gz"), SCRIPT);
        List<ServerResult> servers = List.of(
                new ServerResult(1, evil, SCRIPT, ServerStatus.DOES_NOT_MEET, null, HostileReport.report(SCRIPT)),
                new ServerResult(2, new ServerSource(BREAKOUT, Path.of("/in/b.tar.gz"), "b"), "b" + BREAKOUT,
                        ServerStatus.DAMAGED, "b.tar.gz: " + LINK, null),
                new ServerResult(3, new ServerSource("arm.tar.gz", Path.of("/in/arm.tar.gz"), "arm"), "arm",
                        ServerStatus.NOT_X86_64, "architecture " + SCRIPT, HostileReport.report("arm")));
        return FleetReport.of("0.1.0", Profile.BASIC, Instant.parse("2026-11-21T10:00:00Z"), 1234, servers,
                List.of(BREAKOUT));
    }

    @Test
    void theHtmlReportShowsHostileStringsAsText() {
        String html = new FleetHtmlRenderer().render(hostileFleet());
        Document d = HtmlSafety.assertSafePage(html);
        assertFalse(html.contains("<script"));
        assertEquals(3, Xml.select(d, "tr", "class", "server-row").size());
        assertEquals(List.of("DOES_NOT_MEET", "DAMAGED", "NOT_X86_64"), Xml.select(d, "tr", "class", "server-row")
                .stream().map(e -> e.getAttribute("data-status")).toList());
        String text = d.getDocumentElement().getTextContent();
        assertTrue(text.contains("b.tar.gz: " + LINK));
        assertTrue(text.contains("/in/" + SCRIPT + ".tar.gz"));
        assertTrue(text.contains("architecture " + SCRIPT));
        assertEquals(3, Xml.select(d, "section", "class", "server newpage").size());
        // the header every server's pages start with
        assertEquals(3, Xml.select(d, "p", "class", "runhead").size());
        assertEquals("ra2check 0.1.0 \u00b7 profile basic \u00b7 2026-11-21 10:00 UTC",
                Xml.select(d, "p", "class", "runhead").get(0).getTextContent());
    }

    @Test
    void junitHasASuitePerServerAndSaysWhyOneWasNotJudged() {
        String xml = new FleetJunitRenderer().render(hostileFleet());
        Document d = Xml.parse(xml);
        NodeList suites = d.getElementsByTagName("testsuite");
        assertEquals(3, suites.getLength());
        Element first = (Element) suites.item(0);
        assertEquals("ra2check basic " + SCRIPT + " (/in/" + SCRIPT + ".tar.gz)", first.getAttribute("name"));
        assertEquals(3, first.getElementsByTagName("testcase").getLength(), "a testcase per verdict");
        assertEquals("1", first.getAttribute("failures"));
        Element damaged = (Element) suites.item(1);
        assertEquals(1, damaged.getElementsByTagName("testcase").getLength());
        assertEquals("DAMAGED: b.tar.gz: " + LINK,
                ((Element) damaged.getElementsByTagName("error").item(0)).getAttribute("message"));
        Element arm = (Element) suites.item(2);
        assertEquals(4, arm.getElementsByTagName("testcase").getLength(), "the platform testcase and the verdicts");
        assertEquals("NOT_X86_64", ((Element) arm.getElementsByTagName("failure").item(0)).getAttribute("type"));
        Element root = d.getDocumentElement();
        assertEquals("8", root.getAttribute("tests"));
        assertEquals("3", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
    }

    @Test
    void theTextSummaryCountsAndListsFailures() {
        String text = new FleetTextRenderer().render(hostileFleet());
        assertTrue(text.contains("1 DOES NOT MEET, 1 DAMAGED, 1 NOT X86-64"), text);
        assertTrue(text.contains("ra2.ch.008 Physical CPU Quantity " + SCRIPT + ": failed on 1 of 1"), text);
        assertTrue(text.contains("b.tar.gz: " + LINK), text);
    }

    @Test
    void theRequirementCountsAreOverJudgedServersOnly() {
        FleetReport f = hostileFleet();
        assertEquals(1, f.judged());
        FleetReport.RequirementTally cpu = f.requirements().get(0);
        assertEquals("ra2.ch.008", cpu.id());
        assertEquals(1, cpu.judged());
        assertEquals(1, cpu.failing().size());
        assertFalse(f.allAccepted());
    }
}
