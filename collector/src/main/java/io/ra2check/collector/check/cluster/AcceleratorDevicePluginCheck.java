package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ra2.ntw.012: accelerators (FPGA, QAT, GPU, vRAN FEC...) used by workloads are advertised by a device plugin. An
 * advertised accelerator resource passes; none is MANUAL: the requirement applies only when workloads need such
 * hardware, which no API shows.
 */
public final class AcceleratorDevicePluginCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.ntw.012";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        String expected = "a device plugin advertising the FPGA/accelerator hardware workloads use";
        if (!c.nodes().complete()) {
            return Finding.unknown(expected, c.nodes().unknownReason(), List.of());
        }
        Map<String, List<String>> advertised = DeviceResources.advertised(c.nodes().items());
        Map<String, List<String>> accelerators = new TreeMap<>();
        advertised.forEach((k, v) -> {
            if (DeviceResources.accelerator(k)) {
                accelerators.put(k, v);
            }
        });
        List<Evidence> evidence = List.of(Evidence.of("accelerator resources", DeviceResources.describe(accelerators)),
                Evidence.of("all extended resources", DeviceResources.describe(advertised)));
        if (!accelerators.isEmpty()) {
            return Finding.pass(expected, "advertised: " + DeviceResources.describe(accelerators), evidence);
        }
        return Finding.manual(expected, "no node advertises an accelerator resource", "required only where "
                + "workloads use FPGA or other acceleration hardware: confirm none do, or install its device plugin",
                evidence);
    }
}
