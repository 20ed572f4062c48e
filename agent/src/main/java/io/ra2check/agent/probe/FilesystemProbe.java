package io.ra2check.agent.probe;

import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.FilesystemFacts;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.report.Evidence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Capacity of the filesystem that holds (or will hold) the container runtime's storage. Before a runtime is
 * installed, the filesystem of the nearest existing parent of the first candidate is the one it will land on.
 */
public final class FilesystemProbe {
    private final List<String> candidates;

    /** @param candidates runtime storage paths in order of preference (ra2.ch.010's runtimeStoragePaths) */
    public FilesystemProbe(List<String> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    public FilesystemFacts probe(HostRoot root) {
        HostFs fs = root.fs();
        List<String> examined = new ArrayList<>();
        String found = null;
        for (String c : candidates) {
            boolean exists = fs.isDirectory(c);
            examined.add(c + (exists ? ": present" : ": absent"));
            if (exists && found == null) {
                found = c;
            }
        }
        String measured = found;
        if (measured == null && !candidates.isEmpty()) {
            measured = nearestExistingParent(fs, candidates.get(0));
            examined.add(measured + ": measured instead (no runtime storage yet)");
        }
        if (measured == null) {
            return new FilesystemFacts(Fact.unknown("no runtime storage path configured"), null, examined);
        }
        try {
            HostFs.FsStats s = root.statvfs(measured);
            String forPath = found != null ? found : candidates.get(0);
            FilesystemFacts.Storage st = new FilesystemFacts.Storage(measured, forPath, runtimeOf(found),
                    s.totalBytes(), s.availableBytes());
            return new FilesystemFacts(Fact.of(st, new Evidence("statvfs(" + measured + ")",
                    s.totalBytes() + " bytes total, " + s.availableBytes() + " available")), measured, examined);
        } catch (IOException e) {
            return new FilesystemFacts(Fact.unknown("statvfs(" + measured + "): " + Fs.why(e)), measured, examined);
        }
    }

    private static String nearestExistingParent(HostFs fs, String path) {
        String p = path;
        while (!p.equals("/")) {
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "/" : p.substring(0, slash);
            if (fs.isDirectory(p)) {
                return p;
            }
        }
        return "/";
    }

    static String runtimeOf(String path) {
        if (path == null) {
            return null;
        }
        if (path.contains("containerd")) {
            return "containerd";
        }
        if (path.contains("/containers/")) {
            return "cri-o";
        }
        if (path.contains("docker")) {
            return "docker";
        }
        if (path.contains("kubelet")) {
            return "kubelet";
        }
        return null;
    }
}
