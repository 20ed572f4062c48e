package io.ra2check.collector.meta;

import io.ra2check.collector.check.cluster.ClusterCheck;
import io.ra2check.collector.check.cluster.ClusterChecks;
import io.ra2check.collector.check.cluster.ClusterView;
import io.ra2check.report.Finding;
import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Verdict;
import io.ra2check.report.Verdicts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges the cluster as a whole: every catalog requirement with disposition collector that is not per node, from one
 * {@link ClusterView}. Pure. A requirement the catalog gives the collector without a check here is UNKNOWN ("update
 * the collector"), never left out.
 */
public final class ClusterJudge {
    private final RequirementCatalog catalog;
    private final Map<String, ClusterCheck> checks = new LinkedHashMap<>();

    public ClusterJudge(RequirementCatalog catalog) {
        this.catalog = catalog;
        for (ClusterCheck c : ClusterChecks.all()) {
            checks.put(c.id(), c);
        }
    }

    /** The IDs judged for the cluster, in catalog order. */
    public List<String> ids() {
        return catalog.select(null, Requirement.Disposition.COLLECTOR).stream().filter(r -> !r.perNode())
                .map(Requirement::id).toList();
    }

    /** Verdicts with the catalog's levels; their status is for {@code profile}, {@link Verdict#statusFor} gives others. */
    public List<Verdict> judge(ClusterView view, Profile profile) {
        List<Verdict> out = new ArrayList<>();
        for (String id : ids()) {
            Requirement r = catalog.get(id);
            ClusterCheck check = checks.get(id);
            Finding f;
            if (check == null) {
                f = Finding.unknown(r.title(), "this collector version cannot judge " + id + ": update the collector",
                        List.of());
            } else {
                try {
                    f = check.evaluate(view, r);
                } catch (RuntimeException e) {
                    f = Finding.unknown(r.title(), "internal error in the collector's check: " + e, List.of());
                }
            }
            out.add(Verdicts.of(r, f, r.levels(), null, false, profile, Verdict.BY_COLLECTOR));
        }
        return out;
    }
}
