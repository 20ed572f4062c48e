package io.ra2check.agent.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.host.SnapshotManifest;
import io.ra2check.nativeprobes.InterfaceReport;
import io.ra2check.nativeprobes.NativeNetworkProbe;
import io.ra2check.nativeprobes.NativeNetworkReport;
import io.ra2check.report.Evidence;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The ethtool and netlink facts of the host's interfaces: asked of the kernel on a live or mounted host (on a thread
 * of their own, while the sysfs probes run: loading JNA is most of their cost on a cold JVM), read from the manifest
 * of a snapshot, unknown for other captured trees.
 */
public final class KernelCalls {
    static final String CLASS_NET = "/sys/class/net";
    private final HostRoot root;
    private final CompletableFuture<NativeNetworkReport> live;

    private KernelCalls(HostRoot root, CompletableFuture<NativeNetworkReport> live) {
        this.root = root;
        this.live = live;
    }

    /** Starts the kernel calls when the root is a live host; otherwise prepares to read what was recorded. */
    public static KernelCalls start(HostRoot root) {
        if (!root.liveKernel()) {
            return new KernelCalls(root, null);
        }
        List<String> names = ProbeSupport.listOrEmpty(root.fs(), CLASS_NET);
        CompletableFuture<NativeNetworkReport> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(NativeNetworkProbe.probe(names));
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        }, "ra2check-kernel-calls");
        t.setDaemon(true);
        t.start();
        return new KernelCalls(root, f);
    }

    /** The result: waits for the live calls, decodes the snapshot's record, or says why there is none. */
    public Fact<NativeNetworkReport> result() {
        if (live != null) {
            NativeNetworkReport r;
            try {
                r = live.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Fact.unknown("interrupted while asking the kernel");
            } catch (ExecutionException e) {
                return Fact.unknown("the kernel calls failed: " + e.getCause());
            }
            if (root.kind() == HostRoot.Kind.MOUNTED) {
                String other = otherNamespace(root.fs(), r);
                if (other != null) {
                    return Fact.unknown("the kernel calls see another network namespace than the mounted host ("
                            + other + "): run in the host's network namespace (hostNetwork: true)");
                }
            }
            return Fact.of(r, evidence(r, "kernel"));
        }
        SnapshotManifest m = root.manifest();
        if (m != null && m.nativeNetwork() != null) {
            try {
                // databind only here: building a mapper costs start-up time a live check does not need to pay
                ObjectMapper json = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
                NativeNetworkReport r = json.treeToValue(m.nativeNetwork(), NativeNetworkReport.class);
                return Fact.of(r, evidence(r, "recorded in the snapshot"));
            } catch (java.io.IOException | IllegalArgumentException e) {
                return Fact.unknown("the snapshot's record of the kernel calls is unreadable");
            }
        }
        return Fact.unknown(m != null ? "the snapshot holds no kernel calls (taken without them)"
                : "kernel calls (ethtool, netlink) only describe a live host; a " + root.kind().wireName()
                + " root gives what sysfs says");
    }

    private static Evidence evidence(NativeNetworkReport r, String from) {
        return new Evidence("ethtool ioctls + netlink netdev family (" + from + ")", r.interfaces().size()
                + " interfaces, netdev family " + (r.netdevFamilyAvailable() ? "available"
                : "not available: " + r.netdevFamilyUnavailableReason()));
    }

    /** Null when every answered interface has the ifindex the mounted host's sysfs gives it, else the first mismatch. */
    static String otherNamespace(HostFs fs, NativeNetworkReport r) {
        for (InterfaceReport i : r.interfaces()) {
            if (i.ifindex() == null) {
                continue;
            }
            ProbeSupport.Line l = ProbeSupport.line(fs, CLASS_NET + "/" + i.ifname() + "/ifindex");
            Integer sysfs = ProbeSupport.intOrNull(l);
            if (sysfs == null || !sysfs.equals(i.ifindex())) {
                return i.ifname() + " is ifindex " + i.ifindex() + " here, " + (sysfs == null ? "absent"
                        : String.valueOf(sysfs)) + " on the host";
            }
        }
        return null;
    }

    /** The record of one interface, or null. */
    static InterfaceReport find(Fact<NativeNetworkReport> calls, String ifname) {
        if (!calls.known() || ifname == null) {
            return null;
        }
        for (InterfaceReport i : calls.get().interfaces()) {
            if (i.ifname().equals(ifname)) {
                return i;
            }
        }
        return null;
    }
}
