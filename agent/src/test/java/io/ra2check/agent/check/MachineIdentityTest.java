package io.ra2check.agent.check;

import io.ra2check.agent.testing.HostTree;
import io.ra2check.agent.testing.SmbiosBuilder;
import io.ra2check.report.Outcome;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bare metal or VM from every identity the host gives (cpuinfo flag, /sys/hypervisor, DMI and SMBIOS strings), and
 * sockets counted only when firmware says they are enabled.
 */
class MachineIdentityTest {
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

    private static String evidence(Verdict v) {
        return v.evidence().toString();
    }

    /**
     * A VMware guest as older VMware BIOSes describe it: no "virtual machine" characteristic bit, no hypervisor flag
     * in this capture's cpuinfo, no /sys/class/dmi/id; 128 type 4 records of which 2 are enabled.
     */
    private void vmwareGuest() {
        tree.cpus(2, 6, 1, false);
        tree.delete("/sys/class/dmi");
        SmbiosBuilder b = new SmbiosBuilder().bios("Phoenix Technologies LTD", "6.00", false)
                .system("VMware, Inc.", "VMware Virtual Platform", "VMware-56 4d 8a 3e");
        for (int i = 0; i < 128; i++) {
            b.processor("CPU #" + String.format("%03d", i), i < 2 ? 0x41 : 0x43, 6, 6,
                    "Intel(R) Xeon(R) Gold 6230N CPU @ 2.30GHz");
        }
        tree.smbios(b.end());
    }

    @Test
    void aVmwareGuestWithoutTheVirtualMachineBitIsAVm() {
        vmwareGuest();
        Verdict ratio = verdict("ra2.ch.005");
        assertEquals(Status.MANUAL, ratio.status(), ratio.actual() + " " + ratio.reason());
        assertTrue(evidence(ratio).contains("SMBIOS type 1 manufacturer 'VMware, Inc.' names VMware"),
                evidence(ratio));
        Verdict vcpus = verdict("ra2.ch.011");
        assertEquals(Outcome.FAIL, vcpus.outcome(), vcpus.actual());
        assertEquals(Status.MANUAL, verdict("ra2.ch.008").status(), "physical requirements are the host's");
        assertEquals(Status.MANUAL, verdict("ra2.ch.016").status());
    }

    @Test
    void hyperVIsNamedByItsVendorAndProduct() {
        tree.write("/sys/class/dmi/id/sys_vendor", "Microsoft Corporation\n");
        tree.write("/sys/class/dmi/id/product_name", "Virtual Machine\n");
        Verdict v = verdict("ra2.ch.005");
        assertEquals(Status.MANUAL, v.status(), v.actual());
        assertTrue(evidence(v).contains("names Hyper-V"), evidence(v));
    }

    @Test
    void aBoardOrBiosVendorNamingAHypervisorIsEnough() {
        tree.write("/sys/class/dmi/id/bios_vendor", "Xen\n");
        assertEquals(Status.MANUAL, verdict("ra2.ch.005").status());
    }

    @Test
    void aPhysicalServerStaysBareMetalAndSaysWhy() {
        Verdict v = verdict("ra2.ch.005");
        assertEquals(Status.SKIP, v.status(), v.actual() + " " + v.reason());
        assertTrue(evidence(v).contains("cpuinfo hypervisor flag not set"), evidence(v));
    }

    @Test
    void onlyEnabledSocketsCount() {
        SmbiosBuilder b = new SmbiosBuilder().bios("Acme BIOS", "1.2.3", false).system("Acme", "Telco-2U", "SN-1")
                .processor("CPU1", 0x41, 20, 40, "Xeon").processor("CPU2", 0x43, 20, 40, "Xeon")
                .processor("CPU3", 0x43, 20, 40, "Xeon");
        tree.smbios(b.end());
        Verdict v = verdict("ra2.ch.008");
        assertEquals(Outcome.FAIL, v.outcome(), v.actual());
        assertTrue(v.actual().startsWith("1 of 3 sockets populated and enabled"), v.actual());
        assertTrue(v.actual().contains("2 populated but not enabled (Populated, Disabled By BIOS"), v.actual());
    }

    @Test
    void disabledRecordsBesideEnoughEnabledSocketsPass() {
        SmbiosBuilder b = new SmbiosBuilder().bios("Acme BIOS", "1.2.3", false).system("Acme", "Telco-2U", "SN-1")
                .processor("CPU1", 0x41, 20, 40, "Xeon").processor("CPU2", 0x41, 20, 40, "Xeon")
                .processor("CPU3", 0x43, 20, 40, "Xeon").processor("CPU4", false, 0, 0, null);
        tree.smbios(b.end());
        Verdict v = verdict("ra2.ch.008");
        assertEquals(Outcome.PASS, v.outcome(), v.actual());
        assertTrue(v.actual().startsWith("2 of 4 sockets populated and enabled"), v.actual());
    }

    @Test
    void aPopulatedSocketOfUnknownStatusThatDecidesIsUnknown() {
        SmbiosBuilder b = new SmbiosBuilder().bios("Acme BIOS", "1.2.3", false).system("Acme", "Telco-2U", "SN-1")
                .processor("CPU1", 0x41, 20, 40, "Xeon").processor("CPU2", 0x40, 20, 40, "Xeon");
        tree.smbios(b.end());
        assertEquals(Outcome.UNKNOWN, verdict("ra2.ch.008").outcome(), verdict("ra2.ch.008").actual());
    }
}
