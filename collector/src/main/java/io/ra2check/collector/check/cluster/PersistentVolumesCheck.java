package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;

/**
 * ra2.stg.004 ("may"): Persistent Volumes can be provisioned, shown by a StorageClass with a dynamic provisioner
 * (kubernetes.io/no-provisioner classes only bind volumes created by hand).
 */
public final class PersistentVolumesCheck implements ClusterCheck {
    static final String NO_PROVISIONER = "kubernetes.io/no-provisioner";

    @Override
    public String id() {
        return "ra2.stg.004";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "a StorageClass that provisions Persistent Volumes";
        if (!c.storageClasses().complete()) {
            return Finding.unknown(expected, c.storageClasses().unknownReason(), List.of());
        }
        List<String> dynamic = c.storageClasses().items().stream()
                .filter(s -> s.provisioner() != null && !s.provisioner().equals(NO_PROVISIONER))
                .map(s -> s.name() + " (" + s.provisioner() + ")").toList();
        List<Evidence> evidence = List.of(Evidence.of("StorageClasses with a provisioner", dynamic.isEmpty()
                ? "(none)" : String.join(", ", dynamic)));
        return dynamic.isEmpty() ? Finding.fail(expected, "no StorageClass provisions volumes", evidence)
                : Finding.pass(expected, String.join(", ", dynamic), evidence);
    }
}
