package io.ra2check.collector.it;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.ra2check.collector.Collector;
import io.ra2check.collector.CollectorConfig;
import io.ra2check.collector.meta.Keys;
import io.ra2check.collector.testing.Eventually;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two collectors, one Lease: one leads the cluster-wide work; when it stops, the other takes over. */
class LeaderElectionTest {
    private static CollectorConfig quick(String identity) {
        return Fixture.config(identity).withLease(Duration.ofSeconds(2), Duration.ofMillis(1500),
                Duration.ofMillis(250));
    }

    private static String holder(Fixture f) {
        Lease l = f.cluster.client().leases().inNamespace("ra2check").withName("ra2check-collector").get();
        return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
    }

    private static void addStaleKey(Fixture f, String node) {
        f.cluster.editNode(node, n -> {
            n.getMetadata().getAnnotations().put("ra2check.io/stale", "x");
            return n;
        });
    }

    private static boolean hasStaleKey(Fixture f, String node) {
        return f.metadata(node).get("annotations").containsKey("ra2check.io/stale");
    }

    @Test
    void theLeaderHandsOverWhenItStops() {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            // w2 never reports: its own pool, so that w1's ra2.os.004 has nobody to wait for
            f.cluster.createNode(io.ra2check.collector.testing.FakeCluster.goodNode("w2").editMetadata()
                    .addToLabels("node.kubernetes.io/instance-type", "other").endMetadata().build());
            Collector a = f.start(quick("collector-a"));
            Collector b = f.start(quick("collector-b"));
            Eventually.await("one leader", Duration.ofSeconds(10), () -> a.isLeader() ^ b.isLeader());
            Collector leader = a.isLeader() ? a : b;
            Collector follower = leader == a ? b : a;
            assertEquals(leader.identity(), holder(f));
            assertFalse(follower.isLeader());

            // any replica accepts reports
            Http toFollower = f.http(follower);
            assertEquals(200, toFollower.report("w1", f.cluster.agentToken("w1"), TestReports.report("w1").json())
                    .statusCode());
            assertEquals("PASS", f.metadata("w1").get("annotations").get(Keys.STATUS));
            assertTrue(f.http(follower).get("/metrics").body().contains("ra2check_collector_leader 0.0"));
            assertTrue(f.http(leader).get("/metrics").body().contains("ra2check_collector_leader 1.0"));

            // the leader does the cluster-wide work: a stale collector key is removed
            addStaleKey(f, "w2");
            Eventually.await("the leader removed the stale key", Duration.ofSeconds(10), () -> !hasStaleKey(f, "w2"));

            f.stop(leader);
            Eventually.await("the follower took over", Duration.ofSeconds(10), follower::isLeader);
            assertEquals(follower.identity(), holder(f));
            addStaleKey(f, "w2");
            Eventually.await("the new leader removed the stale key", Duration.ofSeconds(10),
                    () -> !hasStaleKey(f, "w2"));
            assertNotEquals(leader.identity(), follower.identity());
        }
    }

    @Test
    void aLeaderThatDiedWithoutReleasingIsReplacedWhenItsLeaseExpires() {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            // the Lease of a leader that crashed: last renewed so that it runs out about 5 s from now (a candidate
            // counts its own lease duration, 2 s here, from the last renewal)
            java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(3);
            f.cluster.client().leases().inNamespace("ra2check").resource(new io.fabric8.kubernetes.api.model
                    .coordination.v1.LeaseBuilder().withNewMetadata().withNamespace("ra2check")
                    .withName("ra2check-collector").endMetadata().withNewSpec().withHolderIdentity("crashed")
                    .withLeaseDurationSeconds(3).withAcquireTime(now).withRenewTime(now).withLeaseTransitions(0)
                    .endSpec().build()).create();
            long t0 = System.nanoTime();
            Collector c = f.start(quick("successor"));
            assertFalse(c.isLeader(), "the lease has not expired yet");
            Eventually.await("the successor took over", Duration.ofSeconds(15), c::isLeader);
            assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(4000).toNanos(), "it waited for the lease");
            assertEquals("successor", holder(f));
        }
    }
}
