package io.ra2check.agent.check;

import io.ra2check.agent.testing.HostTree;
import io.ra2check.report.Outcome;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reasons a person acts on say what was seen, not a guess at why. */
class ReasonsAreTrueTest {
    static final String DEV = "/sys/bus/pci/devices/";
    @TempDir
    Path dir;
    HostTree tree;

    @BeforeEach
    void compliantNode() {
        tree = HostTree.compliant(dir);
    }

    @Test
    void aPortThatIsUpWithoutASpeedIsNotLinkDown() {
        tree.write(DEV + HostTree.NIC_BASE + "0/net/ens1f0/speed", "-1\n");
        var port = tree.facts().network().ports().get().get(0);
        assertTrue(port.speedNote().contains("while the link is up: the driver does not report a speed"),
                port.speedNote());
        assertFalse(port.speedNote().contains("down"), port.speedNote());
        tree.write(DEV + HostTree.NIC_BASE + "0/net/ens1f0/operstate", "down\n");
        port = tree.facts().network().ports().get().get(0);
        assertTrue(port.speedNote().endsWith(": link down"), port.speedNote());
    }

    @Test
    void tooFewFastPortsSayTheCountIsWhatFails() {
        tree.delete(DEV + HostTree.NIC_BASE + "2").delete(DEV + HostTree.NIC_BASE + "3");
        for (int i = 4; i < 8; i++) {
            tree.delete(DEV + "0000:3b:02." + i);
        }
        Verdict v = tree.verdict("ra2.ch.015");
        assertEquals(Outcome.FAIL, v.outcome());
        assertTrue(v.actual().startsWith("2 of 2 ports at >= 25 Gb/s") && v.actual().contains(
                "only 2 ports, fewer than the 4 required"), v.actual());
    }

    @Test
    void aPortJudgedOnItsMaximumSaysItRunsSlowerNow() {
        // 8086:158b is an XXV710 (25 GbE) in the PCI ID table; this one negotiated 1 Gb/s
        tree.write(DEV + HostTree.NIC_BASE + "1/net/ens1f1/speed", "1000\n");
        Verdict v = tree.verdict("ra2.ch.015");
        assertEquals(Outcome.PASS, v.outcome(), v.actual());
        assertTrue(v.actual().contains("negotiated less now: [0000:3b:00.1 ens1f1 1 Gb/s of 25 Gb/s]"), v.actual());
    }

    @Test
    void aCapturedTreeDoesNotClaimNoKubeletIsRunning() {
        tree.delete("/proc/4242").delete("/var/lib/kubelet").delete("/ra2check-snapshot.json");
        Verdict v = tree.verdict("ra2.k8s.009");
        assertEquals(Outcome.UNKNOWN, v.outcome());
        assertFalse(v.reason().contains("is running"), v.reason());
        assertTrue(v.reason().contains("were not captured"), v.reason());
    }
}
