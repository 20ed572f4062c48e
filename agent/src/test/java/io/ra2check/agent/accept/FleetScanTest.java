package io.ra2check.agent.accept;

import io.ra2check.agent.NodeScan;
import io.ra2check.agent.Version;
import io.ra2check.agent.check.CheckOptions;
import io.ra2check.agent.testing.HostTree;
import io.ra2check.report.Profile;
import io.ra2check.report.RequirementCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetScanTest {
    @TempDir
    Path dir;

    private static FleetScan scanner(Clock clock, int threads) {
        return new FleetScan(new NodeScan(RequirementCatalog.builtIn(), CheckOptions.none(), null, Version.get(), clock),
                Profile.BASIC, threads, Version.get());
    }

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void resultsComeBackInTheOrderGivenWhateverOrderTheyRan() throws Exception {
        List<ServerSource> sources = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            HostTree t = FleetFixtures.server(dir.resolve("t" + i), "n" + i, "S" + i);
            if (i == 4) {
                // the biggest archive, so it is started first
                byte[] noise = new byte[300_000];
                new java.util.Random(1).nextBytes(noise);
                t.writeBytes("/var/lib/kubelet/padding", noise);
            }
            Path a = FleetFixtures.archive(t, dir.resolve("n" + i + ".tar.gz"));
            sources.add(new ServerSource(a.toString(), a, "n" + i));
        }
        sources.add(new ServerSource("missing", dir.resolve("missing.tar.gz"), "missing"));
        List<ServerResult> results = scanner(FIXED, 2).run(sources);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), results.stream().map(ServerResult::ordinal).toList());
        assertEquals(List.of("n1", "n2", "n3", "n4", "n5", "missing"), results.stream().map(ServerResult::name)
                .toList());
        assertEquals(ServerStatus.MEETS, results.get(3).status());
        assertEquals(ServerStatus.DAMAGED, results.get(5).status());
        assertTrue(results.get(5).reason().contains("does not exist"), results.get(5).reason());
        assertNull(results.get(5).report());
    }

    @Test
    void aFailureInsideRa2checkIsThatServersRowNotTheEndOfTheRun() {
        HostTree t = FleetFixtures.server(dir.resolve("t"), "n1", "S1");
        ServerSource s = new ServerSource("t", t.root(), "t");
        Clock broken = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throw new IllegalStateException("clock unplugged");
            }
        };
        ServerResult r = scanner(broken, 1).check(7, s);
        assertEquals(ServerStatus.ERROR, r.status());
        assertEquals(7, r.ordinal());
        assertEquals("t", r.name());
        assertTrue(r.reason().startsWith("checking failed inside ra2check (java.lang.IllegalStateException: clock "
                + "unplugged)"), r.reason());
        assertNull(r.report());
    }

    @Test
    void withoutACapturedHostNameTheServerIsNamedAfterItsSource() throws Exception {
        HostTree t = FleetFixtures.server(dir.resolve("case/rootfs"), "x", "S1");
        t.delete("/proc/sys/kernel/hostname").delete("/etc/hostname");
        ServerResult r = scanner(FIXED, 1).check(1, SourceDiscovery.ofArgument(dir.resolve("case").toString()));
        assertEquals("case", r.name());
        assertEquals("case", r.report().node());
        assertEquals(ServerStatus.MEETS, r.status());
        HostTree named = FleetFixtures.server(dir.resolve("named"), "Rack7-Node12", "S2");
        ServerResult n = scanner(FIXED, 1).check(2, new ServerSource("named", named.root(), "named"));
        assertEquals("rack7-node12", n.name(), "named as check names a node");
        assertTrue(Files.isDirectory(named.root()));
    }

    @Test
    void aHostWithoutProcOrSysIsNotLinuxAndAnArmHostIsNotX86() throws Exception {
        Path bsd = FleetFixtures.freebsd(dir.resolve("bsd.tar.gz"));
        ServerResult b = scanner(FIXED, 1).check(1, new ServerSource("bsd", bsd, "bsd"));
        assertEquals(ServerStatus.NOT_LINUX, b.status());
        assertEquals("bsd", b.name());
        HostTree arm = FleetFixtures.arm(FleetFixtures.server(dir.resolve("arm"), "arm1", "S"));
        ServerResult a = scanner(FIXED, 1).check(2, new ServerSource("arm", arm.root(), "arm"));
        assertEquals(ServerStatus.NOT_X86_64, a.status());
        assertTrue(a.reason().startsWith("architecture aarch64"), a.reason());
    }
}
