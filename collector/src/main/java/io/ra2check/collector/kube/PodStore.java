package io.ra2check.collector.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.ra2check.collector.check.CpuTotals;
import io.ra2check.collector.check.NfdPods;
import io.ra2check.collector.check.PodCpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The pod informer's store, keeping per pod only what the checks need (its node and CPU claim for ra2.ch.006, whether
 * it is a running NFD daemon for ra2.ch.018), indexed by node.
 * A cluster of 5,000 nodes may run 150,000 pods: full Pod objects would take gigabytes, these a few tens of MB.
 */
public final class PodStore implements ItemStore<Pod> {
    /** A pod as kept: its key and version for the informer and its claim (null when it claims nothing on a node). */
    private record Entry(String key, String resourceVersion, PodCpu cpu, NfdPods.Role nfd) {
    }

    private final ConcurrentHashMap<String, Entry> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Map<String, PodCpu>> byNode = new ConcurrentHashMap<>();
    /** Running nfd-worker pods by node, and running nfd-master pods: a handful of keys in any cluster. */
    private final ConcurrentHashMap<String, java.util.Set<String>> nfdWorkers = new ConcurrentHashMap<>();
    private final java.util.Set<String> nfdMasters = ConcurrentHashMap.newKeySet();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** {@code listener} is told the node name whenever the CPU claimed on that node changes. */
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }

    public CpuTotals totals(String node) {
        Map<String, PodCpu> pods = byNode.get(node);
        return CpuTotals.of(pods == null ? List.of() : new ArrayList<>(pods.values()));
    }

    /** The NFD daemons running for {@code node}: its nfd-worker pods and the cluster's nfd-master pods. */
    public NfdPods nfd(String node) {
        java.util.Set<String> w = nfdWorkers.get(node);
        return new NfdPods(w == null ? List.of() : new ArrayList<>(new java.util.TreeSet<>(w)),
                new ArrayList<>(new java.util.TreeSet<>(nfdMasters)));
    }

    @Override
    public String getKey(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    @Override
    public Pod put(String key, Pod pod) {
        PodCpu cpu = PodCpu.from(pod, key).orElse(null);
        NfdPods.Role role = cpu == null ? null : NfdPods.roleOf(pod);
        Entry now = new Entry(key, pod.getMetadata().getResourceVersion(), cpu, role);
        Entry before;
        synchronized (byNode) {
            before = byKey.put(key, now);
            unindex(key, before);
            if (cpu != null) {
                byNode.computeIfAbsent(cpu.nodeName(), k -> new ConcurrentHashMap<>()).put(key, cpu);
                if (role == NfdPods.Role.WORKER) {
                    nfdWorkers.computeIfAbsent(cpu.nodeName(), k -> ConcurrentHashMap.newKeySet()).add(key);
                } else if (role == NfdPods.Role.MASTER) {
                    nfdMasters.add(key);
                }
            }
        }
        PodCpu old = before == null ? null : before.cpu();
        // a change of nfd-master is seen by every node at the leader's next resync; a worker's by its node at once
        if (!Objects.equals(old, cpu) || (before != null && before.nfd() != role)) {
            if (old != null) {
                notify(old.nodeName());
            }
            if (cpu != null && (old == null || !old.nodeName().equals(cpu.nodeName()))) {
                notify(cpu.nodeName());
            }
        }
        return before == null ? null : toPod(before);
    }

    @Override
    public Pod remove(String key) {
        Entry before;
        synchronized (byNode) {
            before = byKey.remove(key);
            unindex(key, before);
        }
        if (before == null) {
            return null;
        }
        if (before.cpu() != null) {
            notify(before.cpu().nodeName());
        }
        return toPod(before);
    }

    private void unindex(String key, Entry e) {
        if (e == null || e.cpu() == null) {
            return;
        }
        if (e.nfd() == NfdPods.Role.MASTER) {
            nfdMasters.remove(key);
        } else if (e.nfd() == NfdPods.Role.WORKER) {
            java.util.Set<String> w = nfdWorkers.get(e.cpu().nodeName());
            if (w != null) {
                w.remove(key);
                if (w.isEmpty()) {
                    nfdWorkers.remove(e.cpu().nodeName());
                }
            }
        }
        Map<String, PodCpu> m = byNode.get(e.cpu().nodeName());
        if (m != null) {
            m.remove(key);
            if (m.isEmpty()) {
                byNode.remove(e.cpu().nodeName());
            }
        }
    }

    private void notify(String node) {
        for (Consumer<String> l : listeners) {
            l.accept(node);
        }
    }

    @Override
    public Stream<String> keySet() {
        return new ArrayList<>(byKey.keySet()).stream();
    }

    @Override
    public Stream<Pod> values() {
        return new ArrayList<>(byKey.values()).stream().map(PodStore::toPod);
    }

    @Override
    public int size() {
        return byKey.size();
    }

    @Override
    public Pod get(String key) {
        Entry e = byKey.get(key);
        return e == null ? null : toPod(e);
    }

    @Override
    public boolean isFullState() {
        return false;
    }

    private static Pod toPod(Entry e) {
        int slash = e.key().indexOf('/');
        return new PodBuilder().withNewMetadata().withNamespace(e.key().substring(0, slash))
                .withName(e.key().substring(slash + 1)).withResourceVersion(e.resourceVersion()).endMetadata().build();
    }
}
