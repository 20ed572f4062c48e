package io.ra2check.collector.it;

import io.ra2check.collector.Collector;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.Outcome;
import io.ra2check.testkit.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web page in headless Chromium: it loads, shows the node x requirement matrix, filters, and shows a node's
 * detail. Skipped when Chromium is not installed, except on CI (CI=true), where that is a failure.
 */
class WebPageTest {
    private static String rows() {
        return "Array.from(document.querySelectorAll('#matrix tbody tr')).map(r => r.dataset.node).join(',')";
    }

    private static String select(String id, String value) {
        return "(() => { const s = document.getElementById('" + id + "'); s.value = '" + value + "';"
                + " s.dispatchEvent(new Event('change')); return true; })()";
    }

    @Test
    void theMatrixLoadsFiltersAndOpensANode(@TempDir Path work) throws Exception {
        Chromium chromium = Chromium.require(work);
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("node-a");
            f.cluster.createNode("node-b");
            // the silent node apart: a and b form a pool below the quorum, whose ra2.os.004 waits for nobody
            f.cluster.createNodeInPool("node-c", "other");
            Collector c = f.startLeader(Fixture.config("a"));
            Http http = f.http(c);
            assertEquals(200, http.report("node-a", f.cluster.agentToken("node-a"), TestReports.report("node-a")
                    .json()).statusCode());
            assertEquals(200, http.report("node-b", f.cluster.agentToken("node-b"), TestReports.report("node-b")
                    .outcome("ra2.ch.004", Outcome.FAIL).json()).statusCode());
            String origin = "http://127.0.0.1:" + c.port();
            try (Chromium.DevTools page = chromium.devTools()) {
                page.navigate(origin + "/");
                page.waitFor("three rows", rows() + " === 'node-a,node-b,node-c'", Duration.ofSeconds(30));
                int columns = page.eval("document.querySelectorAll('#matrix thead th.req').length").asInt();
                assertEquals(TestReports.CATALOG.perNode().size(), columns);
                // the rest of the chapter, each with who decides it
                int coverageRows = page.eval("document.querySelectorAll('#coverage tbody tr').length").asInt();
                assertEquals(TestReports.CATALOG.all().size() - TestReports.CATALOG.perNode().size(), coverageRows);
                assertEquals("external", page.eval("document.querySelector('#coverage tr[data-req=\"ra2.k8s.001\"]')"
                        + ".dataset.disposition").asText());
                assertEquals("FAIL", page.eval("document.querySelector('tr[data-node=\"node-b\"] "
                        + "td[data-req=\"ra2.ch.004\"]').dataset.status").asText());
                assertEquals("rgb(198, 40, 40)", page.eval("getComputedStyle(document.querySelector("
                        + "'tr[data-node=\"node-b\"] td[data-req=\"ra2.ch.004\"]')).backgroundColor").asText(),
                        "a failing cell is red");
                assertEquals("rgb(46, 125, 50)", page.eval("getComputedStyle(document.querySelector("
                        + "'tr[data-node=\"node-a\"] td[data-req=\"ra2.ch.006\"]')).backgroundColor").asText(),
                        "a passing cell is green");
                assertEquals("none", page.eval("document.querySelector('tr[data-node=\"node-c\"]')"
                        + ".dataset.status").asText());

                // no namespace selected: the section says how to select some, and shows no rows
                page.waitFor("the workloads note", "document.getElementById('workloads-summary').textContent"
                        + ".startsWith('No workload namespace is selected')", Duration.ofSeconds(10));
                assertEquals(0, page.eval("document.querySelectorAll('#workloads tbody tr').length").asInt());

                page.eval(select("status-filter", "FAIL"));
                page.waitFor("only the failing node", rows() + " === 'node-b'", Duration.ofSeconds(5));
                page.eval(select("status-filter", ""));
                page.eval(select("profile-filter", "basic"));
                page.waitFor("only the node meeting basic", rows() + " === 'node-a'", Duration.ofSeconds(5));
                page.eval(select("profile-filter", "neither"));
                page.waitFor("the nodes meeting neither profile", rows() + " === 'node-b,node-c'",
                        Duration.ofSeconds(5));
                assertTrue(page.eval("document.getElementById('shown-count').textContent").asText()
                        .equals("showing 2 of 3 nodes"));
                page.eval(select("profile-filter", ""));

                page.eval("document.querySelector('tr[data-node=\"node-b\"] a').click()");
                page.waitFor("node-b's detail", "!document.getElementById('detail').hidden && document.querySelector("
                        + "'#detail-verdicts tr[data-req=\"ra2.ch.004\"]') !== null", Duration.ofSeconds(10));
                String row = "document.querySelector('#detail-verdicts tr[data-req=\"ra2.ch.004\"]')";
                assertEquals("FAIL", page.eval(row + ".dataset.status").asText());
                String text = page.eval(row + ".textContent").asText();
                assertTrue(text.contains("expected of ra2.ch.004") && text.contains("actual of ra2.ch.004")
                        && text.contains("/sys/test/ra2.ch.004") && text.contains("Enable Hyper-Threading"), text);
                assertTrue(page.eval("document.querySelector('#detail-verdicts tr[data-req=\"ra2.ch.006\"]')"
                        + ".textContent").asText().contains("judged by collector"));

                assertEquals(java.util.List.of(), page.exceptions(), "JavaScript exceptions");
                for (String url : page.requests()) {
                    assertTrue(url.startsWith(origin + "/"), "request outside the collector: " + url);
                }
            }
        }
    }

    @Test
    void theWorkloadsSectionShowsEachNamespacesRulesWithTheFailingObjects(@TempDir Path work) throws Exception {
        Chromium chromium = Chromium.require(work);
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("node-a");
            try (io.fabric8.kubernetes.client.KubernetesClient client = f.cluster.newClient()) {
                WorkloadsApiTest.createWorkloads(client);
            }
            Collector c = f.startLeader(Fixture.config("a").withWorkloadNamespaces(java.util.List.of("shop",
                    "tools")));
            String origin = "http://127.0.0.1:" + c.port();
            String row = "document.querySelector('#workloads tr[data-namespace=\"tools\"][data-rule=\"ra2.app.041\"]')";
            try (Chromium.DevTools page = chromium.devTools()) {
                page.navigate(origin + "/");
                // the collector judges at start; the page shows it at load or at the next refresh
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (page.eval(row + " === null").asBoolean() && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    page.eval("document.getElementById('refresh').click()");
                }
                assertEquals("FAIL", page.eval(row + ".dataset.status").asText());
                String text = page.eval(row + ".textContent").asText();
                assertTrue(text.startsWith("tools") && text.contains("ra2.app.041") && text.contains("FAIL")
                        && text.contains("Deployment tools/debug"), text);
                assertEquals("rgb(198, 40, 40)", page.eval("getComputedStyle(" + row + ".cells[2]).backgroundColor")
                        .asText(), "a failing rule is red");
                String shop = "document.querySelector('#workloads tr[data-namespace=\"shop\"][data-rule=\"ra2.app.041\"]')";
                assertEquals("PASS", page.eval(shop + ".dataset.status").asText());
                // every rule once per namespace, a namespace's failures first
                assertEquals(2 * io.ra2check.workload.WorkloadCheck.rules().size(), page.eval(
                        "document.querySelectorAll('#workloads tbody tr').length").asInt());
                assertEquals("FAIL", page.eval("document.querySelector('#workloads tr[data-namespace=\"tools\"]')"
                        + ".dataset.status").asText());
                String summary = page.eval("document.getElementById('workloads-summary').textContent").asText();
                assertTrue(summary.matches("shop: 1 object, \\d+ rules failing; tools: 1 object, \\d+ rules failing "
                        + "\\(read 20.*\\)\\."), summary);
                assertEquals(java.util.List.of(), page.exceptions(), "JavaScript exceptions");
            }
        }
    }

    @Test
    void aReplicaThatLostTheApiServerSaysWhyInsteadOfAnOldMatrix(@TempDir Path work) throws Exception {
        Chromium chromium = Chromium.require(work);
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("node-a");
            Collector c = f.startLeader(Fixture.config("a"));
            String origin = "http://127.0.0.1:" + c.port();
            try (Chromium.DevTools page = chromium.devTools()) {
                page.navigate(origin + "/");
                page.waitFor("the matrix", rows() + " === 'node-a'", Duration.ofSeconds(30));
                assertTrue(page.eval("document.getElementById('not-ready').hidden").asBoolean(), "ready: no banner");
                f.cluster.stop();
                String banner = "document.getElementById('not-ready')";
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (page.eval(banner + ".hidden").asBoolean() && System.nanoTime() < deadline) {
                    page.eval("document.getElementById('refresh').click()");
                    Thread.sleep(500);
                }
                String text = page.eval(banner + ".textContent").asText();
                assertTrue(text.startsWith("Not ready: ") && text.contains("watch not connected"), text);
                assertTrue(text.endsWith("What is shown may be incomplete or out of date."), text);
                assertEquals(java.util.List.of(), page.exceptions(), "JavaScript exceptions");
            }
        }
    }

    @Test
    void behindReadAuthenticationThePageAsksForATokenAndUsesIt(@TempDir Path work) throws Exception {
        Chromium chromium = Chromium.require(work);
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("node-a");
            Collector c = f.startLeader(Fixture.config("a").withTrust(io.ra2check.collector.CollectorConfig.Trust
                    .defaults().withReadAuth(true)));
            assertEquals(200, f.http(c).report("node-a", f.cluster.agentToken("node-a"), TestReports
                    .report("node-a").json()).statusCode());
            String reader = "system:serviceaccount:ops:dashboard";
            f.cluster.allow(reader, "get", "ra2check.io", "reports", "ra2check");
            try (Chromium.DevTools page = chromium.devTools()) {
                page.navigate("http://127.0.0.1:" + c.port() + "/");
                page.waitFor("the token form", "!document.getElementById('auth').hidden", Duration.ofSeconds(30));
                assertEquals(0, page.eval("document.querySelectorAll('#matrix tbody tr').length").asInt(),
                        "no data without a token");
                page.eval("document.getElementById('token').value = '" + f.cluster.userToken(reader) + "';"
                        + "document.querySelector('#auth button').click()");
                page.waitFor("the matrix with the token", rows() + " === 'node-a'", Duration.ofSeconds(10));
                assertTrue(page.eval("document.getElementById('auth').hidden").asBoolean());
                assertEquals("", page.eval("document.getElementById('token').value").asText(), "not left in the form");
                assertEquals(java.util.List.of(), page.exceptions(), "JavaScript exceptions");
            }
        }
    }
}
