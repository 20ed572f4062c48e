package io.ra2check.agent.facts;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The kubelet's configuration: config file (and drop-ins) with command-line flags applied over it, and the SMT
 * siblings of the CPUs it reserves (which decide whether a reservation takes whole cores).
 */
public record KubeletFacts(Fact<Config> config, Fact<ThreadSiblings> threadSiblings) {

    /**
     * @param sources               files and command line the settings came from, in the order applied
     * @param cpuManagerPolicy      {@code none} when not set (the kubelet's default)
     * @param topologyManagerPolicy {@code none} when not set
     * @param reservedSystemCpus    reservedSystemCPUs / --reserved-cpus, null when not set
     * @param featureGates          explicitly set gates only (absent = the kubelet's default)
     */
    public record Config(List<String> sources, String cpuManagerPolicy, String topologyManagerPolicy,
                         String reservedSystemCpus, Map<String, Boolean> featureGates,
                         Map<String, String> systemReserved, Map<String, String> kubeReserved) {
    }

    /**
     * The host's thread_siblings_list of each reserved CPU and of CPU 0 (the pair to suggest when too few are
     * reserved).
     *
     * @param byCpu  CPU -> the CPUs sharing its core (itself included), for the CPUs whose list could be read
     * @param unread CPUs whose list could not be read, with why
     */
    public record ThreadSiblings(SortedMap<Integer, List<Integer>> byCpu, Map<Integer, String> unread) {
        public ThreadSiblings {
            byCpu = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byCpu));
            unread = Map.copyOf(unread);
        }
    }
}
