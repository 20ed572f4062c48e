package io.ra2check.collector.check;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ra2.ch.018: Node Feature Discovery runs and labels the node. Labels alone prove little: anyone may set
 * {@code feature.node.kubernetes.io/*} labels by hand, and they stay after NFD is removed. So the node must carry
 * labels of NFD's core sources (cpu and kernel, which label every Linux node by default), an nfd-worker must run on
 * it and an nfd-master in the cluster (the worker detects, the master labels).
 */
public final class NfdLabelsCheck implements NodeCheck {
    @Override
    public String id() {
        return "ra2.ch.018";
    }

    @Override
    public Finding evaluate(NodeContext c, Requirement requirement) {
        return nodeFeatureDiscovery(c.node(), c.pods());
    }

    public static Finding nodeFeatureDiscovery(NodeFacts n, PodView pods) {
        String expected = "NFD running and labelling the node: " + NodeFacts.NFD_LABEL_PREFIX + "cpu-* and "
                + NodeFacts.NFD_LABEL_PREFIX + "kernel-* labels, an nfd-worker pod on the node, an nfd-master pod";
        NfdLabels l = n.nfd();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of(Quantities.src(n, "metadata.labels " + NodeFacts.NFD_LABEL_PREFIX + "*"), l.count()));
        evidence.add(Evidence.of(Quantities.src(n, "NFD sources labelled"), String.join(",", l.sources())));
        if (l.count() == 0) {
            return Finding.fail(expected, "no " + NodeFacts.NFD_LABEL_PREFIX + "* labels", evidence);
        }
        Set<String> missing = l.missingCore();
        if (!missing.isEmpty()) {
            return Finding.fail(expected, l.count() + " " + NodeFacts.NFD_LABEL_PREFIX + "* labels, none from NFD's "
                    + String.join(" and ", missing) + " source (set by hand, or NFD configured to drop core labels)",
                    evidence);
        }
        if (pods.unknownReason() != null) {
            return Finding.unknown(expected, "labels of NFD's core sources present; whether NFD runs is not known: "
                    + pods.unknownReason(), evidence);
        }
        NfdPods d = pods.nfd();
        evidence.add(Evidence.of("pods: running nfd-worker on node " + n.name(), String.join(",", d.workersOnNode())));
        evidence.add(Evidence.of("pods: running nfd-master", String.join(",", d.masters())));
        if (d.workersOnNode().isEmpty()) {
            return Finding.fail(expected, "labels present, but no nfd-worker pod runs and is ready on the node: the "
                    + "labels are not kept current", evidence);
        }
        if (d.masters().isEmpty()) {
            return Finding.fail(expected, "nfd-worker runs on the node, but no nfd-master pod runs and is ready: no "
                    + "one applies its features to the node's labels", evidence);
        }
        return Finding.pass(expected, l.count() + " labels from " + String.join(",", l.sources()) + "; nfd-worker "
                + d.workersOnNode().get(0) + ", nfd-master " + d.masters().get(0), evidence);
    }
}
