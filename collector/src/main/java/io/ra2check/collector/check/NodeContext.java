package io.ra2check.collector.check;

import io.ra2check.report.Compliance;
import io.ra2check.report.Profile;
import io.ra2check.report.Verdict;

import java.util.Map;

/**
 * What a collector check may look at for one node.
 *
 * @param agentVerdicts           the agent's verdicts by ID (the agent's half of a requirement both decide)
 * @param fingerprint             the node's compact fingerprint, or null when its report has none
 * @param countUnsetCpuLimits     for ra2.ch.006: a container without a CPU limit makes the limits sum unbounded
 * @param manageLabels            the collector sets and removes the {@code anuket.io/profile/*} labels
 * @param poolQuorum              for ra2.os.004: the fewest reporting nodes a pool needs before its majority counts
 * @param complianceWithoutLabels the node's compliance with each profile, ra2.k8s.011 left out: known only when
 *                                ra2.k8s.011 is judged (last), null before
 */
public record NodeContext(NodeFacts node, Map<String, Verdict> agentVerdicts, String fingerprint, PodView pods,
                          ControlPlane controlPlane, PoolView pool, boolean countUnsetCpuLimits, boolean manageLabels,
                          int poolQuorum, Map<Profile, Compliance> complianceWithoutLabels) {
    public NodeContext {
        agentVerdicts = Map.copyOf(agentVerdicts);
    }

    /** The agent's verdict on {@code id}, or null when its report has none. */
    public Verdict agentVerdict(String id) {
        return agentVerdicts.get(id);
    }

    public NodeContext withCompliance(Map<Profile, Compliance> compliance) {
        return new NodeContext(node, agentVerdicts, fingerprint, pods, controlPlane, pool, countUnsetCpuLimits,
                manageLabels, poolQuorum, compliance);
    }
}
