package io.ra2check.agent.facts;

import java.util.List;

/**
 * Where containers would be unpacked, and how big that filesystem is.
 *
 * @param runtimeStorage the filesystem holding the container runtime's storage
 * @param measuredPath   the path statvfs was asked about (null when none was chosen)
 * @param candidates     every path examined, with what was found there
 */
public record FilesystemFacts(Fact<Storage> runtimeStorage, String measuredPath, List<String> candidates) {

    /**
     * @param path          the path whose filesystem was measured
     * @param forPath       the runtime storage path it stands for (same as {@code path} when that exists)
     * @param runtime       containerd / cri-o / docker / kubelet, or null when no runtime storage exists yet
     */
    public record Storage(String path, String forPath, String runtime, long totalBytes, long availableBytes) {
    }
}
