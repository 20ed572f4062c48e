package io.ra2check.collector.check.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What device plugins advertise: the extended resources of the nodes' {@code status.allocatable}
 * ({@code vendor-domain/name}), and which of them are accelerators by their vendors' published names.
 */
public final class DeviceResources {
    /** A qualified resource name; the kubernetes.io domains are the kubelet's own resources, not a plugin's. */
    private static final Pattern QUALIFIED = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/[A-Za-z0-9]"
            + "([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    /**
     * Accelerator resources as their device plugins name them: Intel's FPGA, QAT, DLB, DSA, IAA, GPU and vRAN (FEC)
     * plugins, Xilinx/AMD FPGAs and GPUs, NVIDIA GPUs, Habana Gaudi.
     */
    private static final Pattern ACCELERATOR = Pattern.compile("(fpga\\.intel\\.com/.*|qat\\.intel\\.com/.*"
            + "|dlb\\.intel\\.com/.*|dsa\\.intel\\.com/.*|iaa\\.intel\\.com/.*|gpu\\.intel\\.com/.*"
            + "|intel\\.com/intel_fec_.*|intel\\.com/.*(acc100|acc200|fec).*|xilinx\\.com/.*|amd\\.com/(gpu|xilinx).*"
            + "|nvidia\\.com/(gpu|mig-.*)|habana\\.ai/.*)");

    private DeviceResources() {
    }

    /** Whether an allocatable resource name is an extended resource a device plugin (or an operator) advertises. */
    public static boolean extended(String name) {
        if (name == null || name.length() > 316 || !QUALIFIED.matcher(name).matches()) {
            return false;
        }
        String domain = name.substring(0, name.indexOf('/'));
        return !domain.equals("kubernetes.io") && !domain.endsWith(".kubernetes.io");
    }

    public static boolean accelerator(String name) {
        return ACCELERATOR.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /** "name=count on node, ..." for the extended resources with a count above 0, by resource then node. */
    static Map<String, List<String>> advertised(List<ClusterView.NodeInfo> nodes) {
        Map<String, List<String>> out = new TreeMap<>();
        for (ClusterView.NodeInfo n : nodes) {
            n.allocatable().forEach((resource, count) -> {
                if (extended(resource) && count != null && count > 0) {
                    out.computeIfAbsent(resource, k -> new ArrayList<>()).add(n.name() + "=" + count);
                }
            });
        }
        return out;
    }

    /** At most 8 resources with at most 4 nodes each, and how many more. */
    static String describe(Map<String, List<String>> advertised) {
        if (advertised.isEmpty()) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (Map.Entry<String, List<String>> e : advertised.entrySet()) {
            if (shown++ == 8) {
                b.append("; and ").append(advertised.size() - 8).append(" more resources");
                break;
            }
            List<String> nodes = e.getValue();
            b.append(b.length() == 0 ? "" : "; ").append(e.getKey()).append(": ")
                    .append(String.join(", ", nodes.subList(0, Math.min(4, nodes.size()))))
                    .append(nodes.size() > 4 ? " and " + (nodes.size() - 4) + " more nodes" : "");
        }
        return b.toString();
    }

    /** The DaemonSets whose name or an image contains every one of {@code words} (lower case). */
    static List<ClusterView.WorkloadInfo> daemonSets(ClusterView c, List<List<String>> anyOfWords) {
        List<ClusterView.WorkloadInfo> out = new ArrayList<>();
        for (ClusterView.WorkloadInfo w : c.workloads().items()) {
            if (!w.kind().equals("DaemonSet")) {
                continue;
            }
            String text = (w.name() + " " + String.join(" ", w.images())).toLowerCase(Locale.ROOT);
            if (anyOfWords.stream().anyMatch(words -> words.stream().allMatch(text::contains))) {
                out.add(w);
            }
        }
        return out;
    }

    static String names(List<ClusterView.WorkloadInfo> ds) {
        return ds.isEmpty() ? "(none)" : String.join(", ", ds.stream().map(w -> w.namespace() + "/" + w.name()
                + " (" + w.ready() + " ready)").toList());
    }
}
