package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;

/**
 * ra2.ntw.005 ("may"): a multiplexer/meta-plugin is used, shown by the NetworkAttachmentDefinition API (the
 * k8s.cni.cncf.io group of the multi-network spec that Multus implements) and NetworkAttachmentDefinitions.
 */
public final class MultusCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.ntw.005";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        return AddOn.judge(c, "a meta-plugin (Multus) with NetworkAttachmentDefinitions", "a meta-plugin",
                "k8s.cni.cncf.io", List.of("NetworkAttachmentDefinition"), "no NetworkAttachmentDefinition is defined");
    }
}
