package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.KubeletFacts;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** The requirements on the kubelet's configuration (ra2.k8s.006 - 010), one small check each. */
public final class KubeletChecks {
    private KubeletChecks() {
    }

    /** A check of the kubelet configuration: UNKNOWN when it could not be read, else the rule decides. */
    private record KubeletCheck(String id, String expected, BiFunction<KubeletFacts.Config, Requirement, Finding> rule)
            implements Check {
        @Override
        public Finding evaluate(HostFacts facts, Requirement req) {
            var config = facts.kubelet().config();
            if (!config.known()) {
                return Finding.unknown(expected, config.unknownReason(), config.evidence());
            }
            return rule.apply(config.get(), req);
        }
    }

    public static List<Check> all() {
        return List.of(numa(), devicePlugins(), reservedCpus(), cpuPinning(), dualStackGate());
    }

    private static boolean gateOff(KubeletFacts.Config c, String gate) {
        return Boolean.FALSE.equals(c.featureGates().get(gate));
    }

    /** ra2.k8s.006: TopologyManager and CPUManager on, single-numa-node and static policies. */
    static Check numa() {
        String expected = "topologyManagerPolicy single-numa-node, cpuManagerPolicy static, TopologyManager and "
                + "CPUManager gates on";
        return new KubeletCheck("ra2.k8s.006", expected, (c, req) -> {
            String topo = req.stringThreshold("topologyManagerPolicy");
            String cpu = req.stringThreshold("cpuManagerPolicy");
            List<String> wrong = new ArrayList<>();
            if (!topo.equals(c.topologyManagerPolicy())) {
                wrong.add("topologyManagerPolicy " + c.topologyManagerPolicy());
            }
            if (!cpu.equals(c.cpuManagerPolicy())) {
                wrong.add("cpuManagerPolicy " + c.cpuManagerPolicy());
            }
            for (String gate : List.of("TopologyManager", "CPUManager")) {
                if (gateOff(c, gate)) {
                    wrong.add(gate + "=false");
                }
            }
            String actual = wrong.isEmpty() ? "topologyManagerPolicy " + topo + ", cpuManagerPolicy " + cpu
                    : String.join(", ", wrong);
            return Finding.of(wrong.isEmpty(), expected.replace("single-numa-node", topo).replace("static", cpu),
                    actual, evidence(c));
        });
    }

    /** ra2.k8s.007: DevicePlugins not disabled (on by default since v1.10). */
    static Check devicePlugins() {
        String expected = "DevicePlugins feature gate enabled";
        return new KubeletCheck("ra2.k8s.007", expected, (c, req) -> Finding.of(!gateOff(c, "DevicePlugins"), expected,
                gateOff(c, "DevicePlugins") ? "DevicePlugins=false" : c.featureGates().containsKey("DevicePlugins")
                        ? "DevicePlugins=true" : "DevicePlugins at its default (on)", evidence(c)));
    }

    /** ra2.k8s.008: see {@link ReservedCpusCheck}. */
    static Check reservedCpus() {
        return new ReservedCpusCheck();
    }

    /** ra2.k8s.009: cpuManagerPolicy static. */
    static Check cpuPinning() {
        return new KubeletCheck("ra2.k8s.009", "cpuManagerPolicy static", (c, req) -> {
            String want = req.stringThreshold("cpuManagerPolicy");
            return Finding.of(want.equals(c.cpuManagerPolicy()), "cpuManagerPolicy " + want,
                    "cpuManagerPolicy " + c.cpuManagerPolicy(), evidence(c));
        });
    }

    /** ra2.k8s.010: IPv6DualStack not disabled (on by default since v1.21). */
    static Check dualStackGate() {
        String expected = "IPv6DualStack feature gate enabled";
        return new KubeletCheck("ra2.k8s.010", expected, (c, req) -> Finding.of(!gateOff(c, "IPv6DualStack"), expected,
                gateOff(c, "IPv6DualStack") ? "IPv6DualStack=false" : c.featureGates().containsKey("IPv6DualStack")
                        ? "IPv6DualStack=true" : "IPv6DualStack at its default (on since v1.21)", evidence(c)));
    }

    static List<io.ra2check.report.Evidence> evidence(KubeletFacts.Config c) {
        List<io.ra2check.report.Evidence> ev = new ArrayList<>();
        for (String s : c.sources()) {
            ev.add(new io.ra2check.report.Evidence(s, "cpuManagerPolicy=" + c.cpuManagerPolicy()
                    + " topologyManagerPolicy=" + c.topologyManagerPolicy() + " reservedSystemCPUs="
                    + c.reservedSystemCpus() + " featureGates=" + c.featureGates()));
        }
        return ev;
    }
}
