package io.ra2check.collector.check;

import java.util.Map;

/**
 * One pool of nodes as seen for ra2.os.004.
 *
 * @param nodes        how many nodes the pool has (reported or not)
 * @param fingerprints how many of the pool's nodes report each fingerprint (the node being judged included, with its
 *                     newest fingerprint)
 */
public record PoolView(String pool, int nodes, Map<String, Integer> fingerprints) {
    public PoolView {
        fingerprints = Map.copyOf(fingerprints);
    }

    public int reporting() {
        return fingerprints.values().stream().mapToInt(Integer::intValue).sum();
    }
}
