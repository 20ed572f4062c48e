package io.ra2check.agent.check;

import io.ra2check.agent.facts.PciFacts;
import io.ra2check.agent.testing.HostTree;
import io.ra2check.report.Outcome;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captures (ghw style) whose PCI function directories lack the {@code class} file, or whose
 * /sys/bus/pci/devices links partly dangle: a count built from such a listing is a number only when every element
 * could be read, and every other source of the class (modalias, uevent, /sys/class/net, the PF's virtfn links) is
 * used before giving up.
 */
class MissingPciDataTest {
    static final String DEV = "/sys/bus/pci/devices/";
    @TempDir
    Path dir;
    HostTree tree;

    @BeforeEach
    void compliantNode() {
        tree = HostTree.compliant(dir);
    }

    private Verdict verdict(String id) {
        return tree.verdict(id);
    }

    private void assertOutcome(Outcome expected, String id) {
        Verdict v = verdict(id);
        assertEquals(expected, v.outcome(), () -> id + ": " + v.actual() + " / " + v.reason() + " / " + v.evidence());
    }

    /** The NIC's class only in modalias, as ghw's snapshots keep it. */
    private void classOnlyInModalias(String address, String deviceId) {
        tree.delete(DEV + address + "/class");
        tree.write(DEV + address + "/modalias", "pci:v00008086d0000" + deviceId + "sv00008086sd00000001bc02sc00i00\n");
    }

    /** The listing's entry for a function is a link whose target was not captured. */
    private void dangle(String address) {
        tree.delete(DEV + address);
        tree.link(DEV + address, "../../../devices/pci0000:3a/0000:3a:00.0/" + address);
    }

    @Test
    void aClassFromModaliasOrUeventCountsThePort() {
        classOnlyInModalias(HostTree.NIC_BASE + "0", "158b");
        classOnlyInModalias(HostTree.NIC_BASE + "1", "158b");
        tree.delete(DEV + HostTree.NIC_BASE + "2/class");
        tree.write(DEV + HostTree.NIC_BASE + "2/uevent", "DRIVER=i40e\nPCI_CLASS=20000\nPCI_ID=8086:158B\n"
                + "PCI_SUBSYS_ID=8086:0001\nPCI_SLOT_NAME=0000:3b:00.2\n");
        assertOutcome(Outcome.PASS, "ra2.ch.013");
        assertEquals("4 ports", verdict("ra2.ch.013").actual());
        PciFacts.Device d = tree.facts().pci().devices().get().stream()
                .filter(x -> x.address().equals(HostTree.NIC_BASE + "2")).findFirst().orElseThrow();
        assertEquals("uevent PCI_CLASS", d.classSource());
        assertEquals("8086:158b", d.vendorDevice());
    }

    @Test
    void danglingPortLinksMakeTheCountsLowerBoundsNotZero() {
        for (int i = 0; i < 4; i++) {
            dangle(HostTree.NIC_BASE + i);
        }
        Verdict ports = verdict("ra2.ch.013");
        assertEquals(Outcome.UNKNOWN, ports.outcome(), ports.actual());
        assertTrue(ports.reason().contains("at least 0 ports") && ports.reason().contains("4 PCI functions of "
                + "unknown class"), ports.reason());
        assertOutcome(Outcome.UNKNOWN, "ra2.ch.015");
        assertOutcome(Outcome.UNKNOWN, "ra2.ch.014");
        assertOutcome(Outcome.UNKNOWN, "ra2.ch.002");
        // the 8 VFs still have their physfn links: they are counted, and the count already meets the minimum
        assertOutcome(Outcome.PASS, "ra2.ch.003");
    }

    @Test
    void aLowerBoundThatMeetsTheMinimumStillPasses() {
        tree.nic("0000:3c:00.0", "0x158b", "i40e", "ens2f0", "25000", 64, 0);
        dangle("0000:3c:00.0");
        assertOutcome(Outcome.PASS, "ra2.ch.013");
        assertOutcome(Outcome.PASS, "ra2.ch.015");
    }

    @Test
    void fewerPortsWithEveryFunctionReadIsStillAFail() {
        tree.delete(DEV + HostTree.NIC_BASE + "2").delete(DEV + HostTree.NIC_BASE + "3");
        for (int i = 4; i < 8; i++) {
            tree.delete(DEV + "0000:3b:02." + i);
        }
        assertOutcome(Outcome.FAIL, "ra2.ch.013");
        assertEquals("2 ports", verdict("ra2.ch.013").actual());
    }

    @Test
    void aNetdevLinkTellsTheClassOfAFunctionWhoseDirectoryDangles() {
        for (int i = 0; i < 4; i++) {
            dangle(HostTree.NIC_BASE + i);
            tree.write("/sys/class/net/ens1f" + i + "/type", "1\n");
            tree.link("/sys/class/net/ens1f" + i + "/device", "../../../bus/pci/devices/" + HostTree.NIC_BASE + i);
        }
        assertOutcome(Outcome.PASS, "ra2.ch.013");
    }

    @Test
    void virtfnLinksOfTheParentFunctionMakeDanglingVfsCount() {
        // a ConnectX-5 PF whose class is only in modalias, with 16 VFs whose listing entries dangle
        String pf = "0000:5e:00.0";
        tree.pciDevice(pf, "0x020000", "0x15b3", "0x1017", "mlx5_core");
        tree.delete(DEV + pf + "/class");
        tree.write(DEV + pf + "/modalias", "pci:v000015B3d00001017sv000015B3sd00000020bc02sc00i00\n");
        tree.write(DEV + pf + "/sriov_totalvfs", "16\n").write(DEV + pf + "/sriov_numvfs", "16\n");
        for (int i = 0; i < 8; i++) {
            tree.delete(DEV + "0000:3b:02." + i);
        }
        for (int i = 0; i < 4; i++) {
            tree.write(DEV + HostTree.NIC_BASE + i + "/sriov_numvfs", "0\n");
        }
        for (int i = 0; i < 16; i++) {
            String vf = "0000:5e:0" + (1 + i / 8) + "." + (i % 8);
            dangle(vf);
            tree.link(DEV + pf + "/virtfn" + i, "../" + vf);
        }
        assertOutcome(Outcome.PASS, "ra2.ch.003");
        assertTrue(verdict("ra2.ch.003").actual().startsWith("16 VFs"), verdict("ra2.ch.003").actual());
        assertOutcome(Outcome.PASS, "ra2.ch.013");
        assertEquals("5 ports", verdict("ra2.ch.013").actual(), "VFs are not ports");
    }

    @Test
    void fewVfsWhileFunctionsAreUnreadableIsUnknownNotFail() {
        for (int i = 0; i < 8; i++) {
            tree.delete(DEV + "0000:3b:02." + i);
        }
        for (int i = 0; i < 4; i++) {
            tree.write(DEV + HostTree.NIC_BASE + i + "/sriov_numvfs", "0\n");
        }
        assertOutcome(Outcome.FAIL, "ra2.ch.003");
        dangle("0000:3c:00.0");
        assertOutcome(Outcome.UNKNOWN, "ra2.ch.003");
    }
}
