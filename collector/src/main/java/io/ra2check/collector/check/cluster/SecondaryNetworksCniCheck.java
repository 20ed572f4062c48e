package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;

/**
 * ra2.ntw.009: the additional connection points are managed by CNI plugins: every NetworkAttachmentDefinition's
 * config names one. One without a readable config (Multus then reads a file of that name on the node) cannot show it:
 * UNKNOWN naming it.
 */
public final class SecondaryNetworksCniCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.ntw.009";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "every additional network managed by a CNI plugin";
        MetaPlugin.View v = MetaPlugin.of(c, expected);
        if (v.problem() != null) {
            return v.problem();
        }
        if (v.attachments().isEmpty()) {
            return Finding.notApplicable(expected, "no NetworkAttachmentDefinition: no additional connection point is "
                    + "defined", v.evidence());
        }
        List<String> unread = v.attachments().stream().filter(a -> a.types().isEmpty())
                .map(MetaPlugin.Attachment::name).toList();
        if (!unread.isEmpty()) {
            return Finding.unknown(expected, "no plugin could be read from the config of " + String.join(", ",
                    unread.subList(0, Math.min(8, unread.size()))) + (unread.size() > 8 ? " and "
                    + (unread.size() - 8) + " more" : "") + " (no spec.config, or not JSON: Multus then reads a file "
                    + "of that name on each node)", v.evidence());
        }
        return Finding.pass(expected, "all " + v.attachments().size() + " NetworkAttachmentDefinition(s) name a "
                + "CNI plugin", v.evidence());
    }
}
