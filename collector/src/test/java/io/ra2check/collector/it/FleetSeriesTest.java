package io.ra2check.collector.it;

import io.ra2check.collector.Collector;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fleet's results on /metrics, from the Nodes the collector wrote, through a real collector and mock API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetSeriesTest {
    private Fixture f;
    private Http http;

    @BeforeAll
    void start() {
        f = new Fixture();
        f.cluster.createNode("a1");
        f.cluster.createNode("a2");
        f.cluster.createNode("silent");
        Collector c = f.startLeader(Fixture.config("a"));
        http = f.http(c);
        assertEquals(2, http.report("a1", f.cluster.agentToken("a1"), TestReports.report("a1").json()).statusCode()
                / 100);
        assertEquals(2, http.report("a2", f.cluster.agentToken("a2"), TestReports.report("a2")
                .outcome("ra2.ch.013", Outcome.FAIL).outcome("ra2.ch.003", Outcome.UNKNOWN).json()).statusCode() / 100);
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void aFailingRequirementIsASeriesOfItsNode() {
        String m = scrapeWhen("ra2check_requirement_status{node=\"a2\",requirement=\"ra2.ch.013\",status=\"FAIL\"} 1.0");
        assertTrue(m.contains("ra2check_requirement_status{node=\"a2\",requirement=\"ra2.ch.003\",status=\"UNKNOWN\"} 1.0"),
                m);
        assertFalse(m.contains("ra2check_requirement_status{node=\"a1\""), "a1 fails nothing: no series of its own\n" + m);
        assertFalse(m.contains("status=\"PASS\"} 1.0\nra2check_requirement_status"), m);
        assertFalse(m.contains("node=\"silent\",requirement"), "a node without a report has no status\n" + m);
    }

    @Test
    void theFleetsCountsCoverEveryStatus() {
        String m = scrapeWhen("ra2check_requirement_nodes{requirement=\"ra2.ch.013\",status=\"FAIL\"} 1.0");
        assertTrue(m.contains("ra2check_requirement_nodes{requirement=\"ra2.ch.013\",status=\"PASS\"} 1.0"), m);
        assertTrue(m.contains("ra2check_requirement_nodes{requirement=\"ra2.ch.004\",status=\"PASS\"} 2.0"), m);
    }

    @Test
    void profileLabelsAreSeriesAndCounts() {
        String m = scrapeWhen("ra2check_node_profile{node=\"a1\",profile=\"basic\"} 1.0");
        assertTrue(m.contains("ra2check_node_profile{node=\"a2\",profile=\"basic\"} 0.0"), m);
        assertTrue(m.contains("ra2check_node_profile{node=\"silent\",profile=\"basic\"} 0.0"), m);
        assertTrue(m.contains("ra2check_profile_nodes{profile=\"basic\"} 1.0"), m);
    }

    /** Scrapes until the line appears: the informer's copy of a written Node arrives shortly after the write. */
    private String scrapeWhen(String line) {
        String m = "";
        for (int i = 0; i < 100; i++) {
            m = http.get("/metrics").body();
            if (m.contains(line)) {
                return m;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(line + " not in\n" + m);
    }
}
