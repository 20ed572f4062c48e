package io.ra2check.collector.check;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ra2.os.004: the node's OS, kernel and kubelet configuration is the one its pool shares. */
public final class OsConsistencyCheck implements NodeCheck {
    @Override
    public String id() {
        return "ra2.os.004";
    }

    @Override
    public Finding evaluate(NodeContext c, Requirement requirement) {
        return osConsistency(c.fingerprint(), c.pool(), c.poolQuorum());
    }

    /**
     * ra2.os.004: the node's OS, kernel and kubelet configuration fingerprint is the pool's reference: the one more
     * than half of the pool's reporting nodes share, once at least {@code quorum} of them report. Only the node's own
     * fingerprint decides between PASS and FAIL for it: a node that differs from the reference fails itself, and the
     * others keep the reference as long as it holds more than half of the reports (in a pool whose nodes agree, any
     * one node can deviate without moving the others, from {@code quorum} 3 on). Where no reference can be named, no
     * node is failed for it: a pool smaller than the quorum is left to a person (MANUAL), and a pool still waiting
     * for reports or split without a majority is UNKNOWN.
     *
     * @param own    the node's compact fingerprint ({@link Fingerprints#encode}), or null when its report has none
     * @param quorum the fewest reporting nodes a pool needs before a majority is called (at least 2)
     */
    public static Finding osConsistency(String own, PoolView pool, int quorum) {
        String expected = "the same OS, kernel and kubelet configuration fingerprint as more than half of the "
                + "reporting nodes of pool '" + pool.pool() + "' (at least " + quorum + " reporting)";
        if (own == null) {
            return Finding.unknown(expected, "the report carries no fingerprint", List.of());
        }
        int reporting = pool.reporting();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of("pool " + pool.pool(), pool.nodes() + " node" + (pool.nodes() == 1 ? "" : "s")
                + ", " + reporting + " reporting, " + pool.fingerprints().size() + " distinct fingerprint"
                + (pool.fingerprints().size() == 1 ? "" : "s")));
        evidence.add(Evidence.of("fingerprint of this node", own));
        if (pool.nodes() < quorum) {
            return Finding.manual(expected, "pool '" + pool.pool() + "' has " + pool.nodes() + " node"
                            + (pool.nodes() == 1 ? "" : "s"),
                    "pool '" + pool.pool() + "' has " + pool.nodes() + (pool.nodes() == 1 ? " node" : " nodes")
                            + ", fewer than the quorum of " + quorum + " needed to call a majority: compare its "
                            + "nodes' configuration by hand (or put them in a larger pool)", evidence);
        }
        if (reporting < quorum) {
            return Finding.unknown(expected, reporting + " of the " + pool.nodes() + " nodes of pool '" + pool.pool()
                    + "' have reported; a majority needs at least " + quorum + " reports", evidence);
        }
        String reference = null;
        int referenceCount = 0;
        for (Map.Entry<String, Integer> e : pool.fingerprints().entrySet()) {
            if (2L * e.getValue() > reporting) {
                reference = e.getKey();
                referenceCount = e.getValue();
            }
        }
        if (reference == null) {
            return Finding.unknown(expected, "pool '" + pool.pool() + "' has no majority configuration: its "
                    + reporting + " reporting nodes are split over " + pool.fingerprints().size()
                    + " fingerprints, none shared by more than half; no node can be called the reference", evidence);
        }
        if (own.equals(reference)) {
            return Finding.pass(expected, referenceCount == reporting
                    ? "identical on all " + reporting + " reporting nodes of the pool"
                    : "shared by " + referenceCount + " of " + reporting
                    + " reporting nodes of the pool (the others differ)", evidence);
        }
        evidence.add(Evidence.of("reference fingerprint of the pool (" + referenceCount + " of " + reporting
                + " nodes)", reference));
        return Finding.fail(expected, "differs from the configuration " + referenceCount + " of " + reporting
                + " reporting nodes of the pool share, in: " + String.join(", ",
                Fingerprints.differingKeys(own, reference)), evidence);
    }

}
