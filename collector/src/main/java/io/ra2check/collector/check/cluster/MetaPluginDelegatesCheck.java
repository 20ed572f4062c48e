package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * ra2.ntw.007: the meta-plugin supports several CNI plugins. Multus delegates to whatever plugin a
 * NetworkAttachmentDefinition names (the evidence lists those in use); another meta-plugin: UNKNOWN.
 */
public final class MetaPluginDelegatesCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.ntw.007";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "a meta-plugin delegating to several CNI plugins";
        MetaPlugin.View v = MetaPlugin.of(c, expected);
        if (v.problem() != null) {
            return v.problem();
        }
        TreeSet<String> types = new TreeSet<>();
        v.attachments().forEach(a -> types.addAll(a.types()));
        List<Evidence> evidence = new ArrayList<>(v.evidence());
        evidence.add(Evidence.of("plugins the NetworkAttachmentDefinitions use", types.isEmpty() ? "(none read)"
                : String.join(", ", types)));
        if (!v.multus().isEmpty()) {
            return Finding.pass(expected, "Multus delegates to the plugin each NetworkAttachmentDefinition names"
                    + (types.isEmpty() ? "" : "; in use: " + String.join(", ", types)), evidence);
        }
        return Finding.unknown(expected, "the meta-plugin serving the NetworkAttachmentDefinitions is not one "
                + "ra2check knows: whether it delegates to several plugins is not visible", evidence);
    }
}
