package io.ra2check.collector.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.check.PoolView;
import io.ra2check.collector.meta.Keys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The node informer's store, keeping {@link NodeFacts} instead of Node objects (a few hundred bytes a node instead of
 * tens of kilobytes), with the pool index ra2.os.004 needs. The collector also puts the Node a successful patch
 * returns, so that its next comparison sees its own write before the watch event arrives.
 */
public final class NodeStore implements ItemStore<Node> {
    /** Told about every change of a node's facts; {@code before} is null for a new node, {@code after} for a gone one. */
    public interface Listener {
        void nodeChanged(NodeFacts before, NodeFacts after);
    }

    private final String poolLabel;
    private final ConcurrentHashMap<String, NodeFacts> byName = new ConcurrentHashMap<>();
    /** pool → member names; guarded by itself with {@link #fingerprintCounts}. */
    private final Map<String, Set<String>> poolMembers = new HashMap<>();
    /** pool → compact fingerprint → how many members carry it. */
    private final Map<String, Map<String, Integer>> fingerprintCounts = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public NodeStore(String poolLabel) {
        this.poolLabel = poolLabel;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    public Optional<NodeFacts> facts(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<NodeFacts> all() {
        return byName.values();
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** The members of a pool. */
    public List<String> poolMembers(String pool) {
        synchronized (poolMembers) {
            Set<String> m = poolMembers.get(pool);
            return m == null ? List.of() : new ArrayList<>(m);
        }
    }

    /**
     * The pool of {@code node} for ra2.os.004, counting {@code ownFingerprint} for the node in place of the one on its
     * annotations (a report being judged has not been written yet).
     */
    public PoolView poolView(NodeFacts node, String ownFingerprint) {
        synchronized (poolMembers) {
            Set<String> members = poolMembers.getOrDefault(node.pool(), Set.of());
            Map<String, Integer> counts = new HashMap<>(fingerprintCounts.getOrDefault(node.pool(), Map.of()));
            NodeFacts stored = byName.get(node.name());
            String storedFp = stored == null ? null : stored.ownedAnnotations().get(Keys.FINGERPRINT);
            if (storedFp != null && stored.pool().equals(node.pool())) {
                counts.computeIfPresent(storedFp, (k, v) -> v <= 1 ? null : v - 1);
            }
            if (ownFingerprint != null) {
                counts.merge(ownFingerprint, 1, Integer::sum);
            }
            int size = members.size() + (members.contains(node.name()) ? 0 : 1);
            return new PoolView(node.pool(), size, counts);
        }
    }

    /** Records the facts of a node and tells the listeners when something other than the resourceVersion changed. */
    public NodeFacts apply(NodeFacts now) {
        NodeFacts before;
        synchronized (poolMembers) {
            before = byName.put(now.name(), now);
            unindex(before);
            index(now);
        }
        if (before == null || !before.withoutVersion().equals(now.withoutVersion())) {
            for (Listener l : listeners) {
                l.nodeChanged(before, now);
            }
        }
        return before;
    }

    private void index(NodeFacts f) {
        poolMembers.computeIfAbsent(f.pool(), k -> new HashSet<>()).add(f.name());
        String fp = f.ownedAnnotations().get(Keys.FINGERPRINT);
        if (fp != null) {
            fingerprintCounts.computeIfAbsent(f.pool(), k -> new HashMap<>()).merge(fp, 1, Integer::sum);
        }
    }

    private void unindex(NodeFacts f) {
        if (f == null) {
            return;
        }
        Set<String> m = poolMembers.get(f.pool());
        if (m != null) {
            m.remove(f.name());
            if (m.isEmpty()) {
                poolMembers.remove(f.pool());
            }
        }
        String fp = f.ownedAnnotations().get(Keys.FINGERPRINT);
        Map<String, Integer> c = fingerprintCounts.get(f.pool());
        if (fp != null && c != null) {
            c.computeIfPresent(fp, (k, v) -> v <= 1 ? null : v - 1);
            if (c.isEmpty()) {
                fingerprintCounts.remove(f.pool());
            }
        }
    }

    // ------------------------------------------------------------------------------------- ItemStore (informer)

    @Override
    public String getKey(Node node) {
        return node.getMetadata().getName();
    }

    @Override
    public Node put(String key, Node node) {
        NodeFacts before = apply(NodeFactsReader.from(node, poolLabel));
        return before == null ? null : toNode(before);
    }

    @Override
    public Node remove(String key) {
        NodeFacts before;
        synchronized (poolMembers) {
            before = byName.remove(key);
            unindex(before);
        }
        if (before == null) {
            return null;
        }
        for (Listener l : listeners) {
            l.nodeChanged(before, null);
        }
        return toNode(before);
    }

    @Override
    public Stream<String> keySet() {
        return new ArrayList<>(byName.keySet()).stream();
    }

    @Override
    public Stream<Node> values() {
        return new ArrayList<>(byName.values()).stream().map(NodeStore::toNode);
    }

    @Override
    public int size() {
        return byName.size();
    }

    @Override
    public Node get(String key) {
        NodeFacts f = byName.get(key);
        return f == null ? null : toNode(f);
    }

    /** The store keeps facts, not objects: what the informer gets back is a reduced Node. */
    @Override
    public boolean isFullState() {
        return false;
    }

    private static Node toNode(NodeFacts f) {
        Map<String, String> labels = new HashMap<>(f.ownedLabels());
        Map<String, String> annotations = new HashMap<>(f.ownedAnnotations());
        return new NodeBuilder().withNewMetadata().withName(f.name()).withUid(f.uid())
                .withResourceVersion(f.resourceVersion()).withLabels(labels).withAnnotations(annotations)
                .endMetadata().build();
    }

    /** Nodes by the value of their {@code ra2check.io/status} annotation ("none" when they have not reported). */
    public Map<String, Integer> countByStatus() {
        Map<String, Integer> out = new HashMap<>();
        for (NodeFacts f : byName.values()) {
            String s = Objects.requireNonNullElse(f.ownedAnnotations().get(Keys.STATUS), "none");
            out.merge(s, 1, Integer::sum);
        }
        return out;
    }
}
