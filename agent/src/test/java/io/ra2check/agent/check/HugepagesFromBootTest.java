package io.ra2check.agent.check;

import io.ra2check.agent.testing.HostTree;
import io.ra2check.report.Outcome;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ra2.ch.001 when the kernel lacks the 1 GiB size (the fix follows from the CPU flag), and when
 * /sys/kernel/mm/hugepages was not captured (decided from /proc/meminfo and the kernel command line).
 */
class HugepagesFromBootTest {
    @TempDir
    Path dir;
    HostTree tree;

    @BeforeEach
    void compliantNode() {
        tree = HostTree.compliant(dir);
    }

    private Verdict verdict() {
        return tree.verdict("ra2.ch.001");
    }

    private void noPdpe1gb() {
        tree.write("/proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Xeon\n"
                + "flags\t\t: fpu vme de pse tsc msr pae ht lm\n\n");
    }

    /** A captured tree (no snapshot manifest) without /sys/kernel/mm/hugepages. */
    private void sysfsNotCaptured() {
        tree.delete("/ra2check-snapshot.json").delete("/sys/kernel/mm/hugepages")
                .delete("/sys/devices/system/node/node0/hugepages");
    }

    @Test
    void aCpuWithPdpe1gbNeedsTheKernelCommandLine() {
        tree.delete("/sys/kernel/mm/hugepages/hugepages-1048576kB")
                .delete("/sys/devices/system/node/node0/hugepages/hugepages-1048576kB");
        Verdict v = verdict();
        assertEquals(Outcome.FAIL, v.outcome());
        assertTrue(v.actual().contains("the CPU has pdpe1gb") && v.actual().contains("hugepagesz=1G hugepages=<N>"),
                v.actual());
    }

    @Test
    void aCpuWithoutPdpe1gbSaysSo() {
        tree.delete("/sys/kernel/mm/hugepages/hugepages-1048576kB")
                .delete("/sys/devices/system/node/node0/hugepages/hugepages-1048576kB");
        noPdpe1gb();
        Verdict v = verdict();
        assertEquals(Outcome.FAIL, v.outcome());
        assertTrue(v.actual().contains("lacks pdpe1gb"), v.actual());
    }

    @Test
    void withoutSysfsMeminfoAndTheCommandLineProveBothSizes() {
        sysfsNotCaptured();
        tree.write("/proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/sda1 default_hugepagesz=2M hugepagesz=1G "
                + "hugepages=8\n");
        Verdict v = verdict();
        assertEquals(Outcome.PASS, v.outcome(), v.actual() + " " + v.reason());
        assertTrue(v.actual().contains("1048576 kB is on the kernel command line"), v.actual());
    }

    @Test
    void withoutSysfsAndWithoutTheCommandLineThe1GSizeIsUnknown() {
        sysfsNotCaptured();
        Verdict v = verdict();
        assertEquals(Outcome.UNKNOWN, v.outcome(), v.actual());
        assertTrue(v.reason().contains("1048576 kB") && v.reason().contains("not captured"), v.reason());
    }

    @Test
    void aCommandLine1GSizeWithoutPdpe1gbProvesNothing() {
        sysfsNotCaptured();
        noPdpe1gb();
        tree.write("/proc/cmdline", "hugepagesz=1G hugepages=8\n");
        assertEquals(Outcome.UNKNOWN, verdict().outcome());
    }

    @Test
    void aKernelWithoutHugePagesShowsItInMeminfo() {
        sysfsNotCaptured();
        tree.write("/proc/meminfo", "MemTotal:       65536000 kB\nMemFree:        60000000 kB\n");
        Verdict v = verdict();
        assertEquals(Outcome.FAIL, v.outcome(), v.actual() + " " + v.reason());
    }

    @Test
    void withoutSysfsOrMeminfoItIsUnknown() {
        sysfsNotCaptured();
        tree.delete("/proc/meminfo").delete("/proc/cmdline");
        assertEquals(Outcome.UNKNOWN, verdict().outcome());
    }

    @Test
    void commandLineSizes() {
        assertEquals(List.of(1048576L, 2048L), KernelCmdline.hugepageSizesKiB(
                "ro default_hugepagesz=1G hugepagesz=1G hugepages=16 hugepagesz=2M hugepages=1024"));
        assertEquals(List.of(2048L), KernelCmdline.hugepageSizesKiB("hugepagesz=2097152"));
        assertEquals(List.of(), KernelCmdline.hugepageSizesKiB("hugepages=16 nohugepagesz=1G hugepagesz=x"));
        assertEquals(1048576L, KernelCmdline.sizeKiB("1g"));
        assertNull(KernelCmdline.sizeKiB("0"));
        assertNull(KernelCmdline.sizeKiB("-1G"));
        assertNull(KernelCmdline.sizeKiB("99999999999999999999G"));
        assertNull(KernelCmdline.sizeKiB("100"), "not a whole KiB");
    }
}
