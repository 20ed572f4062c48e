package io.ra2check.agent.probe;

import io.ra2check.agent.facts.NetworkFacts;
import io.ra2check.agent.testing.HostTree;
import io.ra2check.nativeprobes.DriverInfo;
import io.ra2check.nativeprobes.Duplex;
import io.ra2check.nativeprobes.InterfaceReport;
import io.ra2check.nativeprobes.LinkSettings;
import io.ra2check.nativeprobes.LinkSettingsSource;
import io.ra2check.nativeprobes.NativeNetworkReport;
import io.ra2check.nativeprobes.PortType;
import io.ra2check.nativeprobes.XdpFeatures;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel calls' answers (here as a snapshot records them) merged into the ports and used by the checks. */
class KernelCallsTest {
    @TempDir
    Path dir;
    HostTree tree;

    @BeforeEach
    void tree() {
        tree = HostTree.compliant(dir);
    }

    private static InterfaceReport port(String name, int maxMbps, Integer currentMbps, boolean zeroCopy) {
        List<String> modes = maxMbps >= 25000 ? List.of("10000baseSR/Full", "25000baseSR/Full")
                : List.of("1000baseT/Full", "10000baseT/Full");
        return new InterfaceReport(name, 10, new DriverInfo("i40e", "6.1.0", "9.20 0x8000d95e 1.3353.0",
                "0000:3b:00.0"), null, new LinkSettings(LinkSettingsSource.GLINKSETTINGS, currentMbps, Duplex.FULL,
                PortType.FIBRE, true, modes, modes, maxMbps), null,
                new XdpFeatures(zeroCopy ? List.of("basic", "redirect", "xsk-zerocopy") : List.of("basic", "redirect"),
                        zeroCopy ? 11 : 3, zeroCopy ? 1 : null), null);
    }

    private void record(int maxMbps, Integer currentMbps, boolean zeroCopy) {
        List<InterfaceReport> ports = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ports.add(port("ens1f" + i, maxMbps, currentMbps, zeroCopy));
        }
        tree.kernelCalls(new NativeNetworkReport(ports, true, null, 900));
    }

    @Test
    void firmwareMaxSpeedAndXdpComeFromTheKernel() {
        record(25000, 10000, true);
        for (int i = 0; i < 4; i++) {
            tree.nic(HostTree.NIC_BASE + i, "0x1234", "i40e", "ens1f" + i, "10000", 64, 2);
        }
        NetworkFacts.Port p = tree.facts().network().ports().get().get(0);
        assertEquals("9.20 0x8000d95e 1.3353.0", p.firmware());
        assertEquals(10000L, p.speedMbps());
        assertEquals(25000L, p.maxSpeedMbps());
        assertTrue(p.maxSpeedSource().startsWith("ethtool link modes"));
        assertTrue(p.xdpZeroCopy());
        // a 25 GbE port negotiated at 10 Gb/s is a 25 GbE port
        Verdict v = tree.verdict("ra2.ch.015");
        assertEquals(Outcome.PASS, v.outcome(), v.actual());
        assertTrue(v.evidence().stream().anyMatch(e -> e.value().contains("max supported, ethtool link modes")));
    }

    @Test
    void theKernelsMaximumBeatsTheModelTable() {
        // the table says XXV710 = 25 GbE; the kernel says this one's modes stop at 10 GbE
        record(10000, 10000, true);
        for (int i = 0; i < 4; i++) {
            tree.nic(HostTree.NIC_BASE + i, "0x158b", "i40e", "ens1f" + i, "10000", 64, 2);
        }
        assertEquals(Outcome.FAIL, tree.verdict("ra2.ch.015").outcome());
    }

    @Test
    void theKernelsXdpAnswerBeatsTheDriverAllowlist() {
        record(25000, 25000, false);
        Verdict v = tree.report(Profile.NETWORK_INTENSIVE, Set.of("afxdp")).verdict("ra2.ch.019").orElseThrow();
        assertEquals(Outcome.FAIL, v.outcome(), "i40e is on the allowlist, but this kernel says no zero-copy");
        assertTrue(v.evidence().stream().anyMatch(e -> e.value().contains("xsk-zerocopy no")));
    }

    @Test
    void withoutKernelCallsTheTextSaysWhy() {
        NetworkFacts n = tree.facts().network();
        assertFalse(n.kernelCalls().known());
        assertTrue(n.kernelCalls().unknownReason().contains("holds no kernel calls"), n.kernelCalls().unknownReason());
        assertNull(n.ports().get().get(0).firmware());
    }

    @Test
    void answersFromAnotherNetworkNamespaceAreRefused() {
        tree.write("/sys/class/net/ens1f0/ifindex", "7\n");
        NativeNetworkReport here = new NativeNetworkReport(List.of(port("ens1f0", 25000, 25000, true)), true, null,
                1);
        String why = KernelCalls.otherNamespace(tree.open().fs(), here);
        assertEquals("ens1f0 is ifindex 10 here, 7 on the host", why);
        tree.write("/sys/class/net/ens1f0/ifindex", "10\n");
        assertNull(KernelCalls.otherNamespace(tree.open().fs(), here));
    }
}
