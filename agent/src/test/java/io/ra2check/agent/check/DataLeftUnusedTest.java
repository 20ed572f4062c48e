package io.ra2check.agent.check;

import io.ra2check.agent.testing.HostTree;
import io.ra2check.report.Outcome;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verdicts decided from the data a capture has, where the usual file is missing. */
class DataLeftUnusedTest {
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

    private void vm(int vcpus) {
        tree.cpus(1, vcpus, 1, true);
        tree.delete("/sys/devices/system/cpu/online");
    }

    @Test
    void vcpusComeFromCpuinfoWhenTheOnlineListIsMissing() {
        vm(16);
        Verdict v = verdict("ra2.ch.011");
        assertEquals(Outcome.PASS, v.outcome(), v.actual() + " " + v.reason());
        assertTrue(v.actual().startsWith("16 vCPUs online (0-15)"), v.actual());
        vm(12);
        v = verdict("ra2.ch.011");
        assertEquals(Outcome.FAIL, v.outcome(), v.actual() + " " + v.reason());
        assertTrue(v.evidence().toString().contains("processors 0-11 (the online CPUs"), v.evidence().toString());
    }

    @Test
    void vcpusComeFromTheCpuDirectoriesWithoutCpuinfo() {
        vm(16);
        tree.delete("/proc/cpuinfo").write("/sys/class/dmi/id/sys_vendor", "QEMU\n");
        Verdict v = verdict("ra2.ch.011");
        assertEquals(Outcome.PASS, v.outcome(), v.actual() + " " + v.reason());
        vm(12);
        tree.delete("/proc/cpuinfo");
        v = verdict("ra2.ch.011");
        assertEquals(Outcome.UNKNOWN, v.outcome(), "cpuN directories not captured may be online CPUs too");
    }

    /** Bare metal or VM cannot be told: no cpuinfo, no DMI identity, no SMBIOS table. */
    private void machineUnknown() {
        tree.delete("/proc/cpuinfo").delete("/sys/class/dmi").delete("/sys/firmware/dmi");
    }

    @Test
    void aPhysicalFunctionWithVfsIsTheEvidenceOfAnSriovNic() {
        machineUnknown();
        Verdict v = verdict("ra2.ch.002");
        assertEquals(Outcome.PASS, v.outcome(), v.actual() + " " + v.reason());
        assertTrue(v.actual().contains("up to 64 VFs"), v.actual());
        assertEquals(Outcome.UNKNOWN, verdict("ra2.ch.013").outcome(), "the port count stays the physical host's");
    }

    @Test
    void withoutAPhysicalFunctionAnUnknownMachineStaysUnknown() {
        machineUnknown();
        for (int i = 0; i < 4; i++) {
            tree.write("/sys/bus/pci/devices/" + HostTree.NIC_BASE + i + "/sriov_totalvfs", "0\n");
        }
        assertEquals(Outcome.UNKNOWN, verdict("ra2.ch.002").outcome());
    }
}
