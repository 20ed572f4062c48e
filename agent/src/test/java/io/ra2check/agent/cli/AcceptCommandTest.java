package io.ra2check.agent.cli;

import io.ra2check.agent.accept.FleetFixtures;
import io.ra2check.agent.accept.Rfc4180;
import io.ra2check.agent.testing.HostTree;
import io.ra2check.agent.testing.Xml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ra2check.agent.accept.FleetFixtures.archive;
import static io.ra2check.agent.accept.FleetFixtures.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ra2check accept} end to end over a delivery made of the project's fixture hosts: what a real delivery holds
 * (identical servers, one with other CPUs, one with fewer DIMMs, one failing, a damaged snapshot, an ARM host, a BSD
 * host, a host tree beside the archives, the shared-hosts {@code <case>/rootfs} layout, a stray file).
 */
class AcceptCommandTest {
    @TempDir
    static Path tmp;
    static Path delivery;

    /** status, name, source file name, in the order the summary must list them. */
    static final List<List<String>> EXPECTED_ROWS = List.of(
            List.of("DOES_NOT_MEET", "node-06", "node-06.tar.gz"),
            List.of("DAMAGED", "broken", "broken.tar.gz"),
            List.of("NOT_LINUX", "bsd", "bsd.tar.gz"),
            List.of("NOT_X86_64", "node-07", "node-07.tar.gz"),
            List.of("MEETS", "node-01", "node-01.tar.gz"),
            List.of("MEETS", "node-02", "node-02.tar.gz"),
            List.of("MEETS", "node-03", "node-03"),
            List.of("MEETS", "node-04", "node-04.tar.gz"),
            List.of("MEETS", "node-05", "node-05.tar.gz"),
            List.of("MEETS", "rack2", "rack2"));

    @BeforeAll
    static void delivery() throws Exception {
        delivery = Files.createDirectories(tmp.resolve("delivery"));
        Path work = tmp.resolve("work");
        archive(server(work.resolve("1"), "node-01", "SN-01"), delivery.resolve("node-01.tar.gz"));
        archive(server(work.resolve("2"), "node-02", "SN-02"), delivery.resolve("node-02.tar.gz"));
        server(delivery.resolve("node-03"), "node-03", "SN-03");
        archive(FleetFixtures.otherCpu(server(work.resolve("4"), "node-04", "SN-04"), "SN-04"),
                delivery.resolve("node-04.tar.gz"));
        archive(FleetFixtures.fewerDimms(server(work.resolve("5"), "node-05", "SN-05"), "SN-05"),
                delivery.resolve("node-05.tar.gz"));
        archive(FleetFixtures.oneSocket(server(work.resolve("6"), "node-06", "SN-06"), "SN-06"),
                delivery.resolve("node-06.tar.gz"));
        archive(FleetFixtures.arm(server(work.resolve("7"), "node-07", "SN-07")), delivery.resolve("node-07.tar.gz"));
        HostTree nameless = server(delivery.resolve("rack2").resolve("rootfs"), "x", "SN-08");
        nameless.delete("/proc/sys/kernel/hostname").delete("/etc/hostname");
        FleetFixtures.truncated(archive(server(work.resolve("9"), "node-09", "SN-09"), work.resolve("9.tar.gz")),
                delivery.resolve("broken.tar.gz"));
        FleetFixtures.freebsd(delivery.resolve("bsd.tar.gz"));
        Files.writeString(delivery.resolve("notes.txt"), "delivery note 4711\n");
    }

    @Test
    void theSummaryHasARowPerServerFailuresFirstAndTheExitCodeIsOne() throws Exception {
        Path csv = tmp.resolve("fleet.csv");
        Cli r = Cli.run("accept", "--dir", delivery.toString(), "--profile", "network-intensive", "--csv",
                csv.toString());
        assertEquals(1, r.exit(), r.err() + r.out());
        assertEquals("", r.err());
        List<List<String>> rows = Rfc4180.parse(Files.readString(csv));
        assertEquals(List.of("status", "server", "source"), rows.get(0).subList(0, 3));
        List<List<String>> got = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            got.add(List.of(row.get(0), row.get(1), Path.of(row.get(2)).getFileName().toString()));
        }
        assertEquals(EXPECTED_ROWS, got);

        Map<String, Map<String, String>> byName = byName(rows);
        assertEquals("ra2.ch.008", byName.get("node-06").get("failed"));
        assertEquals("", byName.get("node-01").get("failed"));
        assertTrue(byName.get("broken").get("reason").contains("broken.tar.gz"), byName.get("broken").toString());
        assertTrue(byName.get("node-07").get("reason").startsWith("architecture aarch64 (from /proc/cpuinfo)"),
                byName.get("node-07").toString());
        assertTrue(byName.get("bsd").get("reason").startsWith("neither /proc nor /sys"), byName.get("bsd").toString());

        Map<String, String> n1 = byName.get("node-01");
        assertEquals("Acme", n1.get("vendor"));
        assertEquals("Telco-2U", n1.get("model"));
        assertEquals("SN-01", n1.get("serial"));
        assertEquals(FleetFixtures.GOLD_6230N, n1.get("cpu_model"));
        assertEquals(List.of("2", "20", "2"), List.of(n1.get("sockets"), n1.get("cores_per_socket"),
                n1.get("threads_per_core")));
        assertEquals("64 GiB", n1.get("memory"));
        assertEquals("8 of 16 DIMMs", n1.get("dimms"));
        assertEquals("4 ports: 4 x 25 Gb/s", n1.get("nic_ports"));
        assertEquals("8 of 256 VFs", n1.get("sriov_vfs"));
        assertEquals("8 slots: 8 x Gen3 x8", n1.get("pcie_slots"));
        assertEquals("1 x 3.84 TB SSD", n1.get("disks"));
        // what a damaged snapshot or a BSD host does not have is unknown, never 0
        assertEquals("?", byName.get("broken").get("sockets"));
        assertEquals("?", byName.get("bsd").get("memory"));
        assertEquals("?", byName.get("bsd").get("nic_ports"));

        // outliers: each passes, but differs from the majority
        assertEquals("CPU model: " + FleetFixtures.GOLD_6252N + " (majority: " + FleetFixtures.GOLD_6230N + ")",
                byName.get("node-04").get("outliers"));
        assertEquals("DIMMs populated: 4 (majority: 8)", byName.get("node-05").get("outliers"));
        assertEquals("Sockets x cores x threads: 1 x 20 x 2 (majority: 2 x 20 x 2)",
                byName.get("node-06").get("outliers"));
        for (String same : List.of("node-01", "node-02", "node-03", "rack2", "node-07", "bsd")) {
            assertEquals("", byName.get(same).get("outliers"), same);
        }

        assertTrue(r.out().contains("ra2.ch.008 Physical CPU Quantity: failed on 1 of 7"), r.out());
        assertTrue(r.out().contains("1 DOES NOT MEET, 1 DAMAGED, 1 NOT LINUX, 1 NOT X86-64, 6 MEETS"), r.out());
        assertTrue(r.out().contains("Not snapshots or host trees, skipped: notes.txt"), r.out());
    }

    @Test
    void htmlAndJunitReportsHoldEveryServer() throws Exception {
        Path html = tmp.resolve("fleet.html");
        Path junit = tmp.resolve("fleet.xml");
        Cli r = Cli.run("accept", "--dir", delivery.toString(), "--html", html.toString(), "--junit",
                junit.toString(), "--jobs", "3");
        assertEquals(1, r.exit(), r.err());

        Document page = Xml.parse(Files.readString(html));
        List<Element> summaryRows = Xml.select(page, "tr", "class", "server-row");
        assertEquals(EXPECTED_ROWS.size(), summaryRows.size());
        for (int i = 0; i < summaryRows.size(); i++) {
            assertEquals(EXPECTED_ROWS.get(i).get(0), summaryRows.get(i).getAttribute("data-status"));
            assertTrue(summaryRows.get(i).getTextContent().startsWith(EXPECTED_ROWS.get(i).get(1)),
                    summaryRows.get(i).getTextContent());
        }
        assertEquals(EXPECTED_ROWS.size(), Xml.select(page, "section", "class", "server newpage").size());
        assertEquals(3, Xml.select(page, "tr", "class", "outlier-row").size());

        Document xml = Xml.parse(Files.readString(junit));
        NodeList suites = xml.getElementsByTagName("testsuite");
        assertEquals(EXPECTED_ROWS.size(), suites.getLength());
        int catalog = io.ra2check.report.RequirementCatalog.builtIn().perNode().size();
        Map<String, Element> suiteByStatus = new HashMap<>();
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            String status = Xml.property(s, "status");
            suiteByStatus.put(status, s);
            int cases = s.getElementsByTagName("testcase").getLength();
            int expected = switch (status) {
                case "DAMAGED" -> 1;
                case "NOT_LINUX", "NOT_X86_64" -> catalog + 1;
                default -> catalog;
            };
            assertEquals(expected, cases, status);
            assertEquals(String.valueOf(cases), s.getAttribute("tests"));
        }
        assertEquals(1, suiteByStatus.get("DAMAGED").getElementsByTagName("error").getLength());
        assertEquals(1, suiteByStatus.get("DOES_NOT_MEET").getElementsByTagName("failure").getLength());
        assertEquals(0, suiteByStatus.get("MEETS").getElementsByTagName("failure").getLength());
    }

    @Test
    void aDeliveryThatMeetsTheProfileExitsZero() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("good"));
        for (int i = 1; i <= 3; i++) {
            archive(server(tmp.resolve("good-work").resolve("" + i), "good-" + i, "G" + i),
                    d.resolve("good-" + i + ".tar.gz"));
        }
        Cli r = Cli.run("accept", d.resolve("good-1.tar.gz").toString(), d.resolve("good-2.tar.gz").toString(),
                d.resolve("good-3.tar.gz").toString(), "--profile", "network-intensive");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("3 MEETS"), r.out());
        assertFalse(r.out().contains("Outliers"), r.out());
    }

    @Test
    void markupInASnapshotIsShownAsTextInTheReports() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("hostile"));
        String name = "<img src=x onerror=alert(1)>";
        HostTree t = server(tmp.resolve("hostile-work"), name, "\"><script>alert(2)</script>");
        t.write("/etc/os-release", "ID=ubuntu\nPRETTY_NAME=\"</style><script>alert(3)</script>\"\n");
        archive(t, d.resolve("evil.tar.gz"));
        Path html = tmp.resolve("hostile.html");
        Path csv = tmp.resolve("hostile.csv");
        Cli r = Cli.run("accept", "--dir", d.toString(), "--html", html.toString(), "--csv", csv.toString());
        assertEquals(0, r.exit(), r.err() + r.out()); // strange names do not change what the hardware is
        String page = Files.readString(html);
        Document doc = io.ra2check.agent.testing.HtmlSafety.assertSafePage(page);
        String text = doc.getDocumentElement().getTextContent();
        assertTrue(text.contains(name), "the host name is shown as it is");
        assertTrue(text.contains("</style><script>alert(3)</script>"), "os-release is shown as it is");
        assertTrue(text.contains("\"><script>alert(2)</script>"), "the serial is shown as it is");
        assertFalse(page.contains("<script"));
        assertEquals(name, Rfc4180.parse(Files.readString(csv)).get(1).get(1));
    }

    @Test
    void theSameSnapshotGivenTwiceIsCheckedOnce() {
        String a = delivery.resolve("node-01.tar.gz").toString();
        Cli r = Cli.run("accept", a, a, "--dir", delivery.toString());
        assertTrue(r.out().contains(EXPECTED_ROWS.size() + " servers checked"), r.out());
    }

    @Test
    void badArgumentsGiveOneLineAndExitTwo() throws Exception {
        assertBad(Cli.run("accept"), "no servers to check");
        assertBad(Cli.run("accept", "--dir", delivery.resolve("notes.txt").toString()), "not a directory");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("README"), "nothing here");
        assertBad(Cli.run("accept", "--dir", empty.toString()), "no snapshot archives");
        assertBad(Cli.run("accept", tmp.resolve("nope.tar.gz").toString()), "no such file or directory");
        assertBad(Cli.run("accept", delivery.toString()), "use --dir");
        assertBad(Cli.run("accept", "--dir", delivery.toString(), "--html", tmp.resolve("no/such/r.html").toString()),
                "--html");
        assertBad(Cli.run("accept", "--dir", delivery.toString(), "--csv", tmp.toString()), "is a directory");
        assertBad(Cli.run("accept", "--dir", delivery.toString(), "--profile", "gold"), "unknown profile 'gold'");
        assertBad(Cli.run("accept", "--dir", delivery.toString(), "--jobs", "0"), "--jobs");
        assertBad(Cli.run("accept", "--dir", delivery.toString(), "--ignore", "ra2.ch.999"), "ra2.ch.999");
    }

    private static Map<String, Map<String, String>> byName(List<List<String>> rows) {
        Map<String, Map<String, String>> m = new HashMap<>();
        List<String> header = rows.get(0);
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(header.size(), row.size(), row.toString());
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                fields.put(header.get(i), row.get(i));
            }
            m.put(row.get(1), fields);
        }
        return m;
    }

    private static void assertBad(Cli r, String expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.oneLineError(expected), "stderr was: " + r.err());
    }
}
