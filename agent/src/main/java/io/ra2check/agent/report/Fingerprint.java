package io.ra2check.agent.report;

import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.KubeletFacts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The system software and configuration identity of a node, compared across the nodes of a pool for ra2.os.004
 * ("identical apart from IP addresses and hostnames"): nothing node-specific goes in.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static Map<String, String> of(HostFacts f) {
        Map<String, String> m = new TreeMap<>();
        if (f.os().osRelease().known()) {
            var r = f.os().osRelease().get();
            m.put("os", r.id() + (r.versionId() == null ? "" : " " + r.versionId()));
        }
        if (f.os().kernelRelease().known()) {
            m.put("kernel", f.os().kernelRelease().get());
        }
        if (f.os().cgroupVersion().known()) {
            m.put("cgroup", "v" + f.os().cgroupVersion().get());
        }
        if (f.cpu().smt().known()) {
            m.put("smt", f.cpu().smt().get().active() ? "on" : "off");
        }
        if (f.hugepages().pools().known()) {
            m.put("hugepages", f.hugepages().pools().get().stream()
                    .map(p -> p.sizeKiB() + "kB=" + (p.total() == null ? "?" : p.total()))
                    .collect(Collectors.joining(",")));
        }
        if (f.kubelet().config().known()) {
            m.put("kubelet", digest(kubeletIdentity(f.kubelet().config().get())));
        }
        if (f.os().kernelConfig().known()) {
            m.put("kernelConfig", digest(new TreeMap<>(f.os().kernelConfig().get().options()).toString()));
        }
        return m;
    }

    private static String kubeletIdentity(KubeletFacts.Config c) {
        return "cpuManagerPolicy=" + c.cpuManagerPolicy() + ";topologyManagerPolicy=" + c.topologyManagerPolicy()
                + ";reservedSystemCPUs=" + c.reservedSystemCpus() + ";featureGates=" + new TreeMap<>(c.featureGates())
                + ";systemReserved=" + new TreeMap<>(c.systemReserved()) + ";kubeReserved="
                + new TreeMap<>(c.kubeReserved());
    }

    static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
