package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;

/** ra2.stg.007 ("should"): Storage Classes are defined; the evidence says which one is the default. */
public final class StorageClassesCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.stg.007";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "at least one StorageClass";
        if (!c.storageClasses().complete()) {
            return Finding.unknown(expected, c.storageClasses().unknownReason(), List.of());
        }
        List<String> names = c.storageClasses().items().stream().map(s -> s.name() + " (" + s.provisioner()
                + (s.isDefault() ? ", default" : "") + ")").toList();
        List<Evidence> evidence = List.of(Evidence.of("StorageClasses", names.isEmpty() ? "(none)"
                : String.join(", ", names)));
        if (names.isEmpty()) {
            return Finding.fail(expected, "no StorageClass", evidence);
        }
        boolean hasDefault = c.storageClasses().items().stream().anyMatch(ClusterView.StorageClassInfo::isDefault);
        return Finding.pass(expected, String.join(", ", names) + (hasDefault ? "" : "; none is the default"),
                evidence);
    }
}
