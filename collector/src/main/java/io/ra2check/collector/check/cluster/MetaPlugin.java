package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a multiplexer/meta-plugin is used, and which: the NetworkAttachmentDefinition API (k8s.cni.cncf.io, the
 * Network Plumbing WG's multi-network CRD), its objects with the plugin types of their configs, and a Multus
 * DaemonSet. Shared by ra2.ntw.006, 007, 009 and 015, which apply only where one is used.
 */
final class MetaPlugin {
    static final List<List<String>> MULTUS = List.of(List.of("multus"));

    /** A NetworkAttachmentDefinition as the reader describes it: its name and the plugin types of its config. */
    record Attachment(String name, List<String> types, List<String> ipam) {
        static Attachment parse(String described) {
            int open = described.lastIndexOf(" (");
            if (open < 0 || !described.endsWith(")")) {
                return new Attachment(described, List.of(), List.of());
            }
            List<String> types = new ArrayList<>();
            List<String> ipam = new ArrayList<>();
            for (String t : described.substring(open + 2, described.length() - 1).split(", ")) {
                (t.startsWith("ipam:") ? ipam : types).add(t.startsWith("ipam:") ? t.substring(5) : t);
            }
            return new Attachment(described.substring(0, open), types, ipam);
        }
    }

    /**
     * @param problem    a finding to return as it is (UNKNOWN: something was not read; NOT_APPLICABLE: no meta-plugin
     *                   is used), or null
     * @param multus     the Multus DaemonSets
     * @param attachments every NetworkAttachmentDefinition
     */
    record View(Finding problem, List<ClusterView.WorkloadInfo> multus, List<Attachment> attachments,
                List<Evidence> evidence) {
    }

    private MetaPlugin() {
    }

    static View of(ClusterView c, String expected) {
        if (!c.served().complete()) {
            return new View(Finding.unknown(expected, "API discovery could not be read: " + c.served().unknownReason(),
                    List.of()), List.of(), List.of(), List.of());
        }
        if (!c.workloads().complete()) {
            return new View(Finding.unknown(expected, c.workloads().unknownReason(), List.of()), List.of(), List.of(),
                    List.of());
        }
        ClusterView.Listing<String> nads = c.custom("NetworkAttachmentDefinition");
        if (!nads.complete()) {
            return new View(Finding.unknown(expected, nads.unknownReason(), List.of()), List.of(), List.of(),
                    List.of());
        }
        List<ClusterView.WorkloadInfo> multus = DeviceResources.daemonSets(c, MULTUS);
        List<Attachment> attachments = nads.items().stream().map(Attachment::parse).toList();
        boolean served = c.served().items().stream().anyMatch(gv -> gv.startsWith("k8s.cni.cncf.io/"));
        List<Evidence> evidence = List.of(Evidence.of("meta-plugin DaemonSets", DeviceResources.names(multus)),
                Evidence.of("NetworkAttachmentDefinitions", nads.items().isEmpty() ? "(none)"
                        : String.join(", ", nads.items().subList(0, Math.min(8, nads.items().size())))
                        + (nads.items().size() > 8 ? " and " + (nads.items().size() - 8) + " more" : "")));
        if (multus.isEmpty() && attachments.isEmpty()) {
            return new View(Finding.notApplicable(expected, "no meta-plugin is used: no Multus DaemonSet"
                    + (served ? " and no NetworkAttachmentDefinition" : ", no NetworkAttachmentDefinition API"),
                    evidence), multus, attachments, evidence);
        }
        return new View(null, multus, attachments, evidence);
    }
}
