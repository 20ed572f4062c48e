package io.ra2check.collector.check;

import java.util.List;

/**
 * The CPU the pods on one node claim, summed.
 *
 * @param unlimitedContainers app and sidecar containers that set no CPU limit
 * @param unlimitedPods       a few of the pods with such containers ({@code namespace/name}), for the evidence
 */
public record CpuTotals(int pods, long requestMillis, long limitMillis, int unlimitedContainers,
                        List<String> unlimitedPods) {
    public CpuTotals {
        unlimitedPods = List.copyOf(unlimitedPods);
    }

    public static CpuTotals of(Iterable<PodCpu> pods) {
        int n = 0;
        long req = 0;
        long lim = 0;
        int unlimited = 0;
        List<String> sample = new java.util.ArrayList<>();
        for (PodCpu p : pods) {
            n++;
            req += p.requestMillis();
            lim += p.limitMillis();
            unlimited += p.unlimited();
            if (p.unlimited() > 0 && sample.size() < 3) {
                sample.add(p.key());
            }
        }
        java.util.Collections.sort(sample);
        return new CpuTotals(n, req, lim, unlimited, sample);
    }
}
