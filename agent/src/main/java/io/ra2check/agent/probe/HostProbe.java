package io.ra2check.agent.probe;

import io.ra2check.agent.facts.CpuFacts;
import io.ra2check.agent.facts.DiskFacts;
import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.FilesystemFacts;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.HugepageFacts;
import io.ra2check.agent.facts.KubeletFacts;
import io.ra2check.agent.facts.MemoryFacts;
import io.ra2check.agent.facts.NetworkFacts;
import io.ra2check.agent.facts.OsFacts;
import io.ra2check.agent.facts.PciFacts;
import io.ra2check.agent.facts.SmbiosFacts;
import io.ra2check.agent.host.HostRoot;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Runs every probe over one host root: the "probes -> facts" step of the pipeline. */
public final class HostProbe {
    private final List<String> runtimeStoragePaths;
    private final Path kubeletConfigOverride;

    /**
     * @param runtimeStoragePaths   where container runtimes keep their storage (ra2.ch.010's thresholds)
     * @param kubeletConfigOverride a kubelet config on this machine to use instead of the host's, or null
     */
    public HostProbe(List<String> runtimeStoragePaths, Path kubeletConfigOverride) {
        this.runtimeStoragePaths = List.copyOf(runtimeStoragePaths);
        this.kubeletConfigOverride = kubeletConfigOverride;
    }

    public HostFacts probe(HostRoot root) {
        Map<String, Long> micros = new LinkedHashMap<>();
        // kernel calls first: on a live host they run on their own thread while the sysfs probes read files
        KernelCalls kernel = KernelCalls.start(root);
        CpuFacts cpu = timed(micros, "cpu", () -> new CpuProbe().probe(root));
        Fact<Map<String, Long>> meminfo = timed(micros, "meminfo", () -> Meminfo.read(root.fs()));
        MemoryFacts memory = timed(micros, "memory", () -> new MemoryProbe().probe(root, meminfo));
        HugepageFacts hugepages = timed(micros, "hugepages", () -> new HugepageProbe().probe(root, meminfo));
        SmbiosFacts smbios = timed(micros, "smbios", () -> new SmbiosProbe().probe(root));
        PciFacts pci = timed(micros, "pci", () -> new PciProbe().probe(root));
        DiskFacts disks = timed(micros, "disks", () -> new DiskProbe().probe(root));
        FilesystemFacts filesystem = timed(micros, "filesystem",
                () -> new FilesystemProbe(runtimeStoragePaths).probe(root));
        OsFacts os = timed(micros, "os", () -> new OsProbe().probe(root));
        KubeletFacts kubelet = timed(micros, "kubelet", () -> new KubeletProbe(kubeletConfigOverride).probe(root));
        // last: it waits for the kernel calls, which have had every other probe's time to finish
        NetworkFacts network = timed(micros, "network", () -> new NetworkProbe().probe(root, pci,
                kernel.result()));
        return new HostFacts(root.location(), root.kind().wireName(), cpu, memory, hugepages, smbios, pci, network,
                disks, filesystem, os, kubelet, java.util.Collections.unmodifiableMap(micros));
    }

    private static <T> T timed(Map<String, Long> micros, String name, Supplier<T> probe) {
        long t0 = System.nanoTime();
        T result = probe.get();
        micros.put(name, (System.nanoTime() - t0) / 1000);
        return result;
    }
}
