package io.ra2check.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ra2check.agent.accept.FleetFixtures;
import io.ra2check.testkit.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.ra2check.agent.accept.FleetFixtures.archive;
import static io.ra2check.agent.accept.FleetFixtures.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML reports in a real browser: headless Chromium loads them without a script error, console message or
 * failed or outside request; the summary holds a row per server; a screenshot is taken; and Chromium prints them to an
 * A4 PDF with every server on its own pages. The screenshot and PDFs stay in target/browser for a person to look at.
 * Skipped without Chromium, except under CI=true.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlInBrowserTest {
    static final int SERVERS = 5;
    Path out;
    Path fleetHtml;
    Path nodeHtml;
    Chromium chromium;

    @BeforeAll
    void reports() throws Exception {
        out = Files.createDirectories(Path.of("target", "browser").toAbsolutePath());
        Path work = Files.createDirectories(out.resolve("work"));
        Chromium.deleteTree(work);
        Files.createDirectories(work);
        Path delivery = Files.createDirectories(work.resolve("delivery"));
        archive(server(work.resolve("t1"), "rack1-node01", "SN-1"), delivery.resolve("rack1-node01.tar.gz"));
        archive(server(work.resolve("t2"), "rack1-node02", "SN-2"), delivery.resolve("rack1-node02.tar.gz"));
        archive(FleetFixtures.otherCpu(server(work.resolve("t3"), "rack1-node03", "SN-3"), "SN-3"),
                delivery.resolve("rack1-node03.tar.gz"));
        archive(FleetFixtures.oneSocket(server(work.resolve("t4"), "rack1-node04", "SN-4"), "SN-4"),
                delivery.resolve("rack1-node04.tar.gz"));
        FleetFixtures.truncated(archive(server(work.resolve("t5"), "x", "SN-5"), work.resolve("t5.tar.gz")),
                delivery.resolve("rack1-node05.tar.gz"));
        fleetHtml = out.resolve("fleet.html");
        Cli r = Cli.run("accept", "--dir", delivery.toString(), "--profile", "network-intensive", "--html",
                fleetHtml.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains(SERVERS + " servers"), r.out());
        nodeHtml = out.resolve("node.html");
        Cli c = Cli.run("check", "--root", work.resolve("t1").toString(), "--output", "html", "--out",
                nodeHtml.toString());
        assertEquals(0, c.exit(), c.err());
    }

    /** Per test, so that each is reported as skipped (or, under CI=true, failed) when Chromium is missing. */
    @BeforeEach
    void chromium() {
        chromium = Chromium.require(out.resolve("work"));
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (out != null) {
            Chromium.deleteTree(out.resolve("work"));
        }
    }

    @Test
    void thePagesLoadWithoutErrorsOrOutsideRequestsAndTheSummaryHasARowPerServer() throws Exception {
        try (Chromium.DevTools dt = chromium.devTools()) {
            for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
                dt.send(domain + ".enable", Map.of());
            }

            // first prove the listener sees what it must: a page with a script error and a request that fails
            Path broken = out.resolve("work").resolve("broken.html");
            Files.writeString(broken, "<!DOCTYPE html><title>x</title><img src=\"http://127.0.0.1:9/x.png\">"
                    + "<script>console.error('oops'); throw new Error('boom')</script>");
            load(dt, broken);
            assertFalse(dt.events("Runtime.exceptionThrown").isEmpty(), "the control page's error is seen");
            assertFalse(dt.events("Network.loadingFailed").isEmpty(), "the control page's failed request is seen");
            assertFalse(consoleErrors(dt).isEmpty(), "the control page's console error is seen");

            for (Path page : List.of(fleetHtml, nodeHtml)) {
                dt.clearEvents();
                String url = load(dt, page);
                assertEquals(List.of(), dt.events("Runtime.exceptionThrown"), page + ": script errors");
                assertEquals(List.of(), dt.events("Network.loadingFailed"), page + ": failed loads");
                assertEquals(List.of(), consoleErrors(dt), page + ": console or log messages");
                List<String> requested = new ArrayList<>();
                for (JsonNode e : dt.events("Network.requestWillBeSent")) {
                    requested.add(e.path("params").path("request").path("url").asText());
                }
                assertEquals(List.of(url), requested, page + ": the page itself is the only thing loaded");
                assertEquals("", evaluate(dt, "document.querySelectorAll('script, link, img, iframe, object').length"
                        + " === 0 ? '' : 'embedded resources'"));
            }

            load(dt, fleetHtml);
            assertEquals(String.valueOf(SERVERS), evaluate(dt,
                    "String(document.querySelectorAll('#summary-table tbody tr').length)"));
            assertEquals(String.valueOf(SERVERS), evaluate(dt,
                    "String(document.querySelectorAll('#summary-table tbody tr.server-row').length)"));
            assertEquals(String.valueOf(SERVERS), evaluate(dt,
                    "String(document.querySelectorAll('section.server').length)"));
            // printed, every server starts a new page
            dt.send("Emulation.setEmulatedMedia", Map.of("media", "print"));
            assertEquals("page", evaluate(dt,
                    "getComputedStyle(document.querySelector('section.server.newpage')).breakBefore"));
        }
    }

    @Test
    void aScreenshotIsTaken() throws Exception {
        Path png = out.resolve("fleet.png");
        Files.deleteIfExists(png);
        Chromium.Run r = chromium.run("--window-size=1280,2200", "--hide-scrollbars", "--screenshot=" + png,
                fleetHtml.toUri().toString());
        assertEquals(0, r.exit(), r.stderr());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(2200, img.getHeight());
        assertTrue(colours(img) > 8, "the screenshot shows the page, not a blank");
    }

    @Test
    void theFleetReportPrintsToA4WithEveryServerOnItsOwnPages() throws Exception {
        Path pdf = out.resolve("fleet.pdf");
        Files.deleteIfExists(pdf);
        Chromium.Run r = chromium.run("--no-pdf-header-footer", "--print-to-pdf=" + pdf, fleetHtml.toUri().toString());
        assertEquals(0, r.exit(), r.stderr());
        byte[] b = Files.readAllBytes(pdf);
        assertEquals("%PDF", new String(b, 0, 4, StandardCharsets.ISO_8859_1));
        int pages = Chromium.pdfPages(b);
        assertTrue(pages >= SERVERS + 1, "the summary, then a page break before each of the " + SERVERS
                + " servers: " + pages + " pages");
        assertTrue(Pattern.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+59[45](\\.\\d+)?\\s+84[12](\\.\\d+)?\\s*]")
                .matcher(new String(b, StandardCharsets.ISO_8859_1)).find(), "A4 pages");
    }

    @Test
    void theSingleNodePagePrintsToo() throws Exception {
        Path pdf = out.resolve("node.pdf");
        Files.deleteIfExists(pdf);
        Chromium.Run r = chromium.run("--no-pdf-header-footer", "--print-to-pdf=" + pdf, nodeHtml.toUri().toString());
        assertEquals(0, r.exit(), r.stderr());
        byte[] b = Files.readAllBytes(pdf);
        assertEquals("%PDF", new String(b, 0, 4, StandardCharsets.ISO_8859_1));
        assertTrue(Chromium.pdfPages(b) >= 1);
    }

    /** Loads a file and waits for its load event; returns its URL. */
    private static String load(Chromium.DevTools dt, Path file) throws Exception {
        dt.clearEvents();
        String url = file.toUri().toString();
        dt.send("Page.navigate", Map.of("url", url));
        dt.await("Page.loadEventFired");
        // late console messages and failed loads of the page arrive after its load event
        Thread.sleep(300);
        return url;
    }

    private static List<JsonNode> consoleErrors(Chromium.DevTools dt) {
        List<JsonNode> out = new ArrayList<>(dt.events("Runtime.consoleAPICalled"));
        out.addAll(dt.events("Log.entryAdded"));
        return out;
    }

    private static String evaluate(Chromium.DevTools dt, String expression) throws Exception {
        JsonNode r = dt.send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        assertFalse(r.has("exceptionDetails"), expression + ": " + r);
        return r.path("result").path("value").asText();
    }

    private static int colours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
