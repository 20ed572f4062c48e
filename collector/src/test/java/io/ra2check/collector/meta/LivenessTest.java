package io.ra2check.collector.meta;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.report.Profile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LivenessTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    /** Agents every 10 minutes, stale after 3 missed: refreshed every 30 minutes, stale after 60 of silence. */
    private final Liveness liveness = new Liveness(Duration.ofMinutes(10), 3);

    private static NodeFacts node(Map<String, String> annotations) {
        return io.ra2check.collector.kube.NodeFactsReader.from(new NodeBuilder().withNewMetadata().withName("n").withAnnotations(annotations)
                .addToLabels("anuket.io/profile/basic", "true").endMetadata().build(), "pool");
    }

    private static Judgement judgement() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Keys.profileLabel(Profile.BASIC), "true");
        labels.put(Keys.profileLabel(Profile.NETWORK_INTENSIVE), null);
        return new Judgement(Profile.BASIC, List.of(), List.of(), Map.of(), null, Map.of(), List.of(), labels,
                Map.of(Keys.STATUS, "PASS"));
    }

    @Test
    void aReportRecordsLastSeenOnlyWhenTheRecordedOneIsDue() {
        Judgement first = liveness.onReport(judgement(), node(Map.of()), T0.plusMillis(1500));
        assertEquals("2026-12-07T10:00:01Z", first.annotations().get(Keys.LAST_SEEN), "truncated to the second");
        NodeFacts seen = node(Map.of(Keys.LAST_SEEN, "2026-12-07T10:00:01Z"));
        assertEquals("2026-12-07T10:00:01Z", liveness.onReport(judgement(), seen, T0.plus(Duration.ofMinutes(29)))
                .annotations().get(Keys.LAST_SEEN), "kept for 30 minutes: unchanged reports write nothing");
        assertEquals("2026-12-07T10:30:01Z", liveness.onReport(judgement(), seen, T0.plus(Duration.ofSeconds(1801)))
                .annotations().get(Keys.LAST_SEEN));
        assertNull(liveness.onReport(judgement(), node(Map.of(Keys.STALE, "true")), T0).annotations()
                .get(Keys.STALE), "a report ends staleness");
        assertEquals("true", liveness.onReport(judgement(), node(Map.of(Keys.STALE, "true")), T0).labels()
                .get("anuket.io/profile/basic"));
    }

    @Test
    void staleOnlyAfterTheThresholdAndTheRefreshPeriodHavePassed() {
        NodeFacts n = node(Map.of(Keys.LAST_SEEN, T0.toString()));
        Instant since = T0.minus(Duration.ofDays(1));
        assertFalse(liveness.isStale(n, T0.plus(Duration.ofMinutes(60)), since),
                "the last report may have come up to 30 minutes after last-seen: 60 minutes are not yet 3 missed");
        assertTrue(liveness.isStale(n, T0.plus(Duration.ofMinutes(60)).plusSeconds(1), since));
        Judgement stale = liveness.onReconcile(judgement(), n, T0.plus(Duration.ofMinutes(61)), since);
        assertEquals("true", stale.annotations().get(Keys.STALE));
        assertEquals(T0.toString(), stale.annotations().get(Keys.LAST_SEEN), "kept as it was");
        assertTrue(stale.labels().containsKey("anuket.io/profile/basic"));
        assertNull(stale.labels().get("anuket.io/profile/basic"), "the label is withdrawn");
        assertEquals("PASS", stale.annotations().get(Keys.STATUS), "the last verdicts stay");
        Judgement live = liveness.onReconcile(judgement(), n, T0.plus(Duration.ofMinutes(10)), since);
        assertNull(live.annotations().get(Keys.STALE));
        assertEquals("true", live.labels().get("anuket.io/profile/basic"));
    }

    @Test
    void withoutLastSeenSilenceCountsFromWhenTheLeaderStartedWatching() {
        NodeFacts n = node(Map.of());
        assertFalse(liveness.isStale(n, T0.plus(Duration.ofMinutes(59)), T0));
        assertTrue(liveness.isStale(n, T0.plus(Duration.ofMinutes(61)), T0));
        assertNull(liveness.onReconcile(judgement(), n, T0, T0).annotations().get(Keys.LAST_SEEN),
                "the leader never invents a report");
    }

    @Test
    void anUnreadableOrFutureLastSeenIsNotBelieved() {
        for (String bad : new String[] {"yesterday", "", "2026-12-07T10:00:00", "9".repeat(100)}) {
            assertTrue(Liveness.lastSeen(Map.of(Keys.LAST_SEEN, bad), T0).isEmpty(), bad);
        }
        Instant future = T0.plus(Duration.ofDays(365));
        assertTrue(Liveness.lastSeen(Map.of(Keys.LAST_SEEN, future.toString()), T0).isEmpty());
        // a kubelet dating its own node into the future does not keep it alive forever
        NodeFacts n = node(Map.of(Keys.LAST_SEEN, future.toString()));
        assertTrue(liveness.isStale(n, T0.plus(Duration.ofMinutes(61)), T0));
        assertEquals(T0.toString(), liveness.onReport(judgement(), n, T0).annotations().get(Keys.LAST_SEEN));
    }

    @Test
    void disabledChangesNothing() {
        Liveness off = new Liveness(Duration.ofMinutes(10), 0);
        assertFalse(off.enabled());
        NodeFacts n = node(Map.of(Keys.LAST_SEEN, T0.toString()));
        assertFalse(off.isStale(n, T0.plus(Duration.ofDays(30)), T0));
        assertEquals(judgement(), off.onReport(judgement(), n, T0));
        assertEquals(judgement(), off.onReconcile(judgement(), n, T0.plus(Duration.ofDays(30)), T0));
    }
}
