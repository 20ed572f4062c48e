package io.ra2check.agent.facts;

import java.util.List;
import java.util.Map;

/** The kubelet's configuration: config file (and drop-ins) with command-line flags applied over it. */
public record KubeletFacts(Fact<Config> config) {

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
}
