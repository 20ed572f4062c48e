package io.ra2check.collector.check;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;

/** ra2.ch.018: Node Feature Discovery advertises the node's capabilities as labels. */
public final class NfdLabelsCheck implements NodeCheck {
    @Override
    public String id() {
        return "ra2.ch.018";
    }

    @Override
    public Finding evaluate(NodeContext c, Requirement requirement) {
        return nodeFeatureDiscovery(c.node());
    }

    /** ra2.ch.018: Node Feature Discovery advertises the node's capabilities as labels. */
    public static Finding nodeFeatureDiscovery(NodeFacts n) {
        String expected = "Node Feature Discovery labels (" + NodeFacts.NFD_LABEL_PREFIX + "*) on the node";
        List<Evidence> evidence = List.of(Evidence.of(Quantities.src(n, "metadata.labels "
                + NodeFacts.NFD_LABEL_PREFIX + "*"), n.nfdLabels()));
        return n.nfdLabels() > 0
                ? Finding.pass(expected, n.nfdLabels() + " " + NodeFacts.NFD_LABEL_PREFIX + "* labels", evidence)
                : Finding.fail(expected, "no " + NodeFacts.NFD_LABEL_PREFIX + "* labels", evidence);
    }

}
