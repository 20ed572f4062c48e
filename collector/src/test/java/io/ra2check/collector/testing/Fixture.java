package io.ra2check.collector.testing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ra2check.collector.Collector;
import io.ra2check.collector.CollectorConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fake cluster and the collectors started against it, closed together. */
public final class Fixture implements AutoCloseable {
    public final FakeCluster cluster = new FakeCluster();
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final List<Collector> collectors = new ArrayList<>();

    public static CollectorConfig config(String identity) {
        return CollectorConfig.defaults("ra2check", identity);
    }

    /** Starts a collector with its own client and waits until it is ready. */
    public Collector start(CollectorConfig config) {
        return start(config, java.time.Clock.systemUTC());
    }

    /** Starts a collector whose judging and staleness run on {@code clock}, and waits until it is ready. */
    public Collector start(CollectorConfig config, java.time.Clock clock) {
        KubernetesClient client = cluster.newClient();
        clients.add(client);
        try {
            Collector c = Collector.start(config, client, clock);
            collectors.add(c);
            assertTrue(c.awaitReady(Duration.ofSeconds(15)), () -> "not ready: " + c.notReady());
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a single collector and waits until it leads. */
    public Collector startLeader(CollectorConfig config) {
        return startLeader(config, java.time.Clock.systemUTC());
    }

    public Collector startLeader(CollectorConfig config, java.time.Clock clock) {
        Collector c = start(config, clock);
        Eventually.await("collector leads", Duration.ofSeconds(15), c::isLeader);
        return c;
    }

    public Http http(Collector c) {
        return new Http(c.port());
    }

    /** The node's labels and annotations, for "nothing changed" comparisons. */
    public Map<String, Map<String, String>> metadata(String node) {
        Node n = cluster.node(node);
        Map<String, Map<String, String>> m = new HashMap<>();
        m.put("labels", n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels());
        m.put("annotations", n.getMetadata().getAnnotations() == null ? Map.of()
                : n.getMetadata().getAnnotations());
        return m;
    }

    /** Runs {@code action} and checks that it wrote nothing: no PATCH reached the API server, the node is as it was. */
    public void assertNothingWritten(String node, Runnable action) {
        Map<String, Map<String, String>> before = metadata(node);
        int patches = cluster.nodePatches();
        action.run();
        assertEquals(patches, cluster.nodePatches(), "PATCH requests sent");
        assertEquals(before, metadata(node), "node metadata");
    }

    public void stop(Collector c) {
        c.close();
        collectors.remove(c);
    }

    @Override
    public void close() {
        for (Collector c : collectors) {
            c.close();
        }
        for (KubernetesClient k : clients) {
            k.close();
        }
        cluster.close();
    }
}
