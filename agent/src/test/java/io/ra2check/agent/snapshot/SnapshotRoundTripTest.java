package io.ra2check.agent.snapshot;

import io.ra2check.agent.NodeScan;
import io.ra2check.agent.Version;
import io.ra2check.agent.check.CheckOptions;
import io.ra2check.agent.host.ArchiveLimits;
import io.ra2check.agent.host.ArchiveMember;
import io.ra2check.agent.host.ArchiveReader;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.host.HostRoots;
import io.ra2check.agent.testing.HostTree;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotRoundTripTest {
    @TempDir
    Path dir;

    private static NodeScan scanner() {
        return HostTree.scanner(CheckOptions.none());
    }

    private static String describe(List<Verdict> vs) {
        StringBuilder sb = new StringBuilder();
        for (Verdict v : vs) {
            sb.append(v.id()).append(' ').append(v.outcome()).append(' ').append(v.status()).append(' ')
                    .append(v.actual()).append(" | ").append(v.reason()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aSnapshotOfThisHostChecksLikeThisHost() throws Exception {
        Path out = dir.resolve("host.tar.gz");
        new SnapshotWriter(scanner(), Version.get()).write("/", out, false, Instant.now());
        for (Profile p : Profile.values()) {
            NodeReport live = scanner().scan(HostRoot.live(Version.get()), p, "n").report();
            HostRoot snap = HostRoots.open(out.toString(), false, null, Version.get());
            assertEquals(HostRoot.Kind.SNAPSHOT, snap.kind());
            NodeReport fromSnapshot = scanner().scan(snap, p, "n").report();
            assertEquals(describe(live.verdicts()), describe(fromSnapshot.verdicts()));
            assertEquals(live.inventory(), fromSnapshot.inventory());
            assertEquals(live.fingerprint(), fromSnapshot.fingerprint());
        }
    }

    @Test
    void aSnapshotOfAFixtureKeepsEveryVerdictAndLeavesSecretsBehind() throws Exception {
        HostTree tree = HostTree.compliant(dir.resolve("host"));
        tree.write("/sys/class/dmi/id/product_serial", "SECRET-SERIAL\n");
        tree.kubelet("cpuManagerPolicy: static\ntopologyManagerPolicy: single-numa-node\nreservedSystemCPUs: \"0,40\"\n"
                + "staticPodURLHeader: {Authorization: [\"Bearer TOPSECRET\"]}\n");
        tree.writeBytes("/proc/4242/cmdline", ("/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0"
                + "--bootstrap-token\0TOKEN123\0").getBytes(StandardCharsets.UTF_8));
        tree.write("/proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro hugepagesz=1G hugepages=8 "
                + "ignition.config.url=https://mcs:22623/config/worker?token=IGNITION-TOKEN\n");
        // a mounted live root: the snapshot is taken through the same recording path the agent uses
        Path out = dir.resolve("fixture.tar.gz");
        SnapshotWriter.Result r = new SnapshotWriter(scanner(), Version.get()).write(tree.root().toString(), out,
                false, Instant.now());
        assertTrue(r.entries() > 50);
        String content = dump(out);
        assertFalse(content.contains("SECRET-SERIAL"));
        assertFalse(content.contains("SN-0001"), "serial in the SMBIOS table");
        assertFalse(content.contains("TOPSECRET"));
        assertFalse(content.contains("TOKEN123"));
        assertFalse(content.contains("IGNITION-TOKEN"), "the kernel command line keeps names, not values");
        assertTrue(content.contains("hugepagesz=1G hugepages=8 ignition.config.url=*"), content);
        assertFalse(content.contains("proc/1/comm"), "other processes stay behind");
        HostRoot snap = HostRoots.open(out.toString(), false, null, Version.get());
        NodeReport fromSnapshot = scanner().scan(snap, Profile.NETWORK_INTENSIVE, "n").report();
        HostRoot mounted = HostRoots.open(tree.root().toString(), true, null, Version.get());
        NodeReport direct = scanner().scan(mounted, Profile.NETWORK_INTENSIVE, "n").report();
        // the fixture's filesystem size comes from its own manifest only when read as a snapshot; compare the rest
        assertEquals(describe(direct.verdicts().stream().filter(v -> !v.id().equals("ra2.ch.010")).toList()),
                describe(fromSnapshot.verdicts().stream().filter(v -> !v.id().equals("ra2.ch.010")).toList()));
        assertEquals("static", fromSnapshot.verdict("ra2.k8s.009").orElseThrow().actual().replace(
                "cpuManagerPolicy ", ""));
    }

    @Test
    void aBrokenKubeletConfigIsNotCopiedAndReadsAsUnknown() throws Exception {
        HostTree tree = HostTree.compliant(dir.resolve("host"));
        tree.kubelet("cpuManagerPolicy: static\n  bad: [indent\nbootstrapToken: BROKEN-SECRET\n");
        Path out = dir.resolve("broken-kubelet.tar.gz");
        new SnapshotWriter(scanner(), Version.get()).write(tree.root().toString(), out, false, Instant.now());
        String content = dump(out);
        assertFalse(content.contains("BROKEN-SECRET"), "a broken kubelet config is not copied");
        assertFalse(content.contains("var/lib/kubelet/config.yaml\n"), "nor is its name kept as a file");
        HostRoot snap = HostRoots.open(out.toString(), false, null, Version.get());
        NodeReport fromSnapshot = scanner().scan(snap, Profile.NETWORK_INTENSIVE, "n").report();
        Verdict cpuManager = fromSnapshot.verdict("ra2.k8s.009").orElseThrow();
        assertEquals("UNKNOWN", cpuManager.outcome().name(), describe(List.of(cpuManager)));
        assertTrue(cpuManager.reason().contains("not kept in the snapshot"), cpuManager.reason());
    }

    private static String dump(Path tarGz) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz))) {
            StringBuilder sb = new StringBuilder();
            for (ArchiveMember e : ArchiveReader.read(in, ArchiveLimits.DEFAULT)) {
                sb.append(e.path()).append('\n').append(new String(e.content(), StandardCharsets.ISO_8859_1))
                        .append('\n');
            }
            return sb.toString();
        }
    }
}
