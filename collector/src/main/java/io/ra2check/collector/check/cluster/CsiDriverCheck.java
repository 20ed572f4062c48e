package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;

/** ra2.stg.006 ("may"): a CSI driver is installed, shown by its CSIDriver object. */
public final class CsiDriverCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.stg.006";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "a CSI driver (CSIDriver object)";
        ClusterView.Listing<String> drivers = c.custom("CSIDriver");
        if (!drivers.complete()) {
            return Finding.unknown(expected, drivers.unknownReason(), List.of());
        }
        List<Evidence> evidence = List.of(Evidence.of("CSIDrivers", drivers.items().isEmpty() ? "(none)"
                : String.join(", ", drivers.items())));
        return drivers.items().isEmpty() ? Finding.fail(expected, "no CSIDriver", evidence)
                : Finding.pass(expected, String.join(", ", drivers.items()), evidence);
    }
}
