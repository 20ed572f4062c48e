package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

/**
 * ra2.k8s.019: no beta version of a built-in API is served beyond the allowed ones (betas existing in 1.24 without a
 * GA version, and the RA2 chapter 6 mandatory groups, listed in the catalog's allowedBetaApis).
 */
public final class BetaApisCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.k8s.019";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        return ServedApis.beyondAllowed(c, "beta", r.stringListThreshold("builtInGroups"),
                r.stringListThreshold("allowedBetaApis"));
    }
}
