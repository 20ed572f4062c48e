package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

/**
 * ra2.ntw.006: a meta-plugin in use integrates with the control plane through CNI. Multus is a CNI plugin (the
 * runtime calls it as the pod network's plugin and it delegates); NetworkAttachmentDefinitions served by a
 * meta-plugin ra2check does not recognise: UNKNOWN.
 */
public final class MetaPluginCniCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.ntw.006";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "a meta-plugin that is a CNI plugin";
        MetaPlugin.View v = MetaPlugin.of(c, expected);
        if (v.problem() != null) {
            return v.problem();
        }
        if (!v.multus().isEmpty()) {
            return Finding.pass(expected, "Multus, a CNI plugin: " + DeviceResources.names(v.multus()), v.evidence());
        }
        return Finding.unknown(expected, v.attachments().size() + " NetworkAttachmentDefinition(s), but no DaemonSet "
                + "ra2check knows as a meta-plugin (Multus): which plugin serves them is not visible", v.evidence());
    }
}
