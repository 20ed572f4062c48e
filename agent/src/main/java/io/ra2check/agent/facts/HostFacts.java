package io.ra2check.agent.facts;

import java.util.Map;

/**
 * Everything the probes read from one host: the input of every check.
 *
 * @param root         the host root's location and kind
 * @param probeMicros  how long each probe took, in microseconds, in the order they ran
 */
public record HostFacts(String root, String rootKind, CpuFacts cpu, MemoryFacts memory, HugepageFacts hugepages,
                        SmbiosFacts smbios, PciFacts pci, NetworkFacts network, DiskFacts disks,
                        FilesystemFacts filesystem, OsFacts os, KubeletFacts kubelet, Map<String, Long> probeMicros) {
}
