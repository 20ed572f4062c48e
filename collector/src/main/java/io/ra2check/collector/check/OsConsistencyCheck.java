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
        return osConsistency(c.fingerprint(), c.pool());
    }

    /**
     * ra2.os.004: the node's OS, kernel and kubelet configuration fingerprint is the one most nodes of its pool share.
     * A node whose fingerprint differs from the pool's most common one fails; when no single fingerprint is the most
     * common, every node of the pool fails, since none can be told to be the reference.
     *
     * @param own the node's compact fingerprint ({@link Fingerprints#encode}), or null when its report has none
     */
    public static Finding osConsistency(String own, PoolView pool) {
        String expected = "the same OS, kernel and kubelet configuration fingerprint as the other nodes of pool '"
                + pool.pool() + "'";
        if (own == null) {
            return Finding.unknown(expected, "the report carries no fingerprint", List.of());
        }
        int reporting = pool.reporting();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of("pool " + pool.pool(), pool.nodes() + " nodes, " + reporting + " reporting, "
                + pool.fingerprints().size() + " distinct fingerprint" + (pool.fingerprints().size() == 1 ? "" : "s")));
        evidence.add(Evidence.of("fingerprint of this node", own));
        if (reporting <= 1) {
            if (pool.nodes() <= 1) {
                return Finding.pass(expected, "the only node of its pool", evidence);
            }
            return Finding.unknown(expected, "no other node of pool '" + pool.pool() + "' has reported yet (1 of "
                    + pool.nodes() + ")", evidence);
        }
        String top = null;
        int topCount = 0;
        boolean tie = false;
        for (Map.Entry<String, Integer> e : pool.fingerprints().entrySet()) {
            if (e.getValue() > topCount) {
                top = e.getKey();
                topCount = e.getValue();
                tie = false;
            } else if (e.getValue() == topCount) {
                tie = true;
            }
        }
        if (!tie && own.equals(top)) {
            return Finding.pass(expected, topCount == reporting
                    ? "identical on all " + reporting + " reporting nodes of the pool"
                    : "shared by " + topCount + " of " + reporting + " reporting nodes of the pool (the others differ)",
                    evidence);
        }
        if (tie) {
            return Finding.fail(expected, "the pool has no common configuration: its " + reporting
                    + " reporting nodes are split over " + pool.fingerprints().size()
                    + " fingerprints, none shared by more nodes than the others", evidence);
        }
        evidence.add(Evidence.of("most common fingerprint of the pool (" + topCount + " nodes)", top));
        return Finding.fail(expected, "differs from the configuration " + topCount + " of " + reporting
                + " reporting nodes of the pool share, in: " + String.join(", ", Fingerprints.differingKeys(own, top)),
                evidence);
    }

}
