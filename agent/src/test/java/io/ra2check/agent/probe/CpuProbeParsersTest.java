package io.ra2check.agent.probe;

import io.ra2check.agent.facts.CpuFacts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuProbeParsersTest {
    @Test
    void parsesAnX86CpuinfoAndReadsOnlyTheFirstProcessorsFlags() {
        CpuProbe.Cpuinfo c = CpuProbe.parseCpuinfo("""
                processor\t: 0
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz
                flags\t\t: fpu vme ht lm hypervisor

                processor\t: 1
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz
                flags\t\t: fpu vme ht lm hypervisor avx512f

                """);
        assertEquals("Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", c.modelName());
        assertEquals(2, c.processors());
        assertEquals("x86_64", c.architecture());
        assertTrue(c.flags().contains("hypervisor"));
        assertTrue(!c.flags().contains("avx512f"));
    }

    @Test
    void recognisesArm64() {
        CpuProbe.Cpuinfo c = CpuProbe.parseCpuinfo("""
                processor\t: 0
                BogoMIPS\t: 50.00
                Features\t: fp asimd evtstrm aes
                CPU implementer\t: 0x41
                CPU architecture: 8
                """);
        assertEquals("aarch64", c.architecture());
        assertNull(c.modelName());
    }

    @Test
    void garbageGivesNothingRatherThanAnException() {
        CpuProbe.Cpuinfo c = CpuProbe.parseCpuinfo("\u0000\u0001 not cpuinfo at all\n:::\n");
        assertNull(c.modelName());
        assertNull(c.architecture());
        assertEquals(0, c.processors());
    }

    @Test
    void cpuListsAndMasks() {
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), CpuList.parse("0-3,8,10-11\n"));
        assertEquals(List.of(), CpuList.parse(""));
        assertEquals(List.of(0, 2, 4), CpuList.parse("0-4:2"));
        assertEquals("0-3,8,10-11", CpuList.format(List.of(0, 1, 2, 3, 8, 10, 11)));
        assertEquals(List.of(0, 32), CpuList.parseMask("0000,00000001,00000001"));
        assertEquals(List.of(0, 4, 8, 12), CpuList.parseMask("1111"));
    }

    @Test
    void hostileCpuListsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("0-4000000000"));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("5-1"));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("a-b"));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parseMask("zz"));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parseMask("ffffffff,".repeat(3000)));
    }

    @Test
    void aggregatesCoresPerPackageFromThreadSiblings() {
        CpuFacts.Topology t = CpuProbe.aggregate(List.of(
                new CpuProbe.CpuPlace(0, 0, "0,2", 2), new CpuProbe.CpuPlace(2, 0, "0,2", 2),
                new CpuProbe.CpuPlace(1, 1, "1,3", 2), new CpuProbe.CpuPlace(3, 1, "1,3", 2)), List.of());
        assertEquals(2, t.sockets());
        assertEquals(1, t.minCoresPerSocket());
        assertEquals(2, t.threadsPerCore());
        assertEquals(4, t.logicalCpus());
    }

    @Test
    void countsThreadsWhereSiblingListsAreMissing() {
        CpuFacts.Topology t = CpuProbe.aggregate(List.of(
                new CpuProbe.CpuPlace(0, 0, "0/0", 0), new CpuProbe.CpuPlace(1, 0, "0/0", 0),
                new CpuProbe.CpuPlace(2, 0, "0/1", 0), new CpuProbe.CpuPlace(3, 0, "0/1", 0)), List.of());
        assertEquals(1, t.sockets());
        assertEquals(2, t.minCoresPerSocket());
        assertEquals(2, t.threadsPerCore());
    }

    private static String hv(String... sourceValue) {
        List<io.ra2check.agent.facts.Hypervisors.Identity> ids = new java.util.ArrayList<>();
        for (int i = 0; i < sourceValue.length; i += 2) {
            ids.add(new io.ra2check.agent.facts.Hypervisors.Identity(sourceValue[i], sourceValue[i + 1]));
        }
        var n = io.ra2check.agent.facts.Hypervisors.named(ids);
        return n == null ? null : n.hypervisor();
    }

    @Test
    void namesHypervisorsFromEveryIdentityString() {
        assertEquals("QEMU", hv("sys_vendor", "QEMU", "product_name", "Standard PC (Q35 + ICH9, 2009)"));
        assertEquals("QEMU", hv("sys_vendor", "", "product_name", "Standard PC (i440FX + PIIX, 1996)"));
        assertEquals("VMware", hv("sys_vendor", "VMware, Inc.", "product_name", "VMware Virtual Platform"));
        assertEquals("VMware", hv("SMBIOS type 1 product", "VMware7,1"));
        assertEquals("Hyper-V", hv("sys_vendor", "Microsoft Corporation", "product_name", "Virtual Machine"));
        assertNull(hv("sys_vendor", "Microsoft Corporation", "product_name", "Surface Pro"));
        assertEquals("KVM", hv("sys_vendor", "Red Hat", "product_name", "KVM"));
        assertEquals("OpenStack (KVM)", hv("sys_vendor", "OpenStack Foundation", "product_name", "OpenStack Nova"));
        assertEquals("Xen", hv("bios_vendor", "Xen"));
        assertEquals("VirtualBox", hv("sys_vendor", "innotek GmbH", "product_name", "VirtualBox"));
        assertEquals("Parallels", hv("sys_vendor", "Parallels Software International Inc."));
        assertEquals("Bochs", hv("bios_vendor", "Bochs"));
        assertEquals("Google Compute Engine", hv("sys_vendor", "Google", "product_name", "Google Compute Engine"));
        assertEquals("Amazon EC2", hv("sys_vendor", "Amazon EC2", "product_name", "m5.large"));
        assertNull(hv("sys_vendor", "Amazon EC2", "product_name", "i3.metal", "bios_vendor", "Amazon EC2"),
                "an EC2 .metal instance is bare metal");
        assertNull(hv("sys_vendor", "Xenon Systems", "product_name", "NITRO"), "Xenon is not Xen");
        assertNull(hv("sys_vendor", "Dell Inc.", "product_name", "PowerEdge R740xd", "bios_vendor", "Dell Inc."));
        assertNull(hv());
    }

    @Test
    void virtualizationNamesTheSignalThatDecided() {
        var vmware = CpuProbe.decideVirtualization(false, null, List.of(new io.ra2check.agent.facts.Hypervisors
                .Identity("/sys/class/dmi/id/sys_vendor", "VMware, Inc.")), List.of()).get();
        assertTrue(vmware.virtualMachine(), "an identity naming a hypervisor wins over an unset flag");
        assertEquals("/sys/class/dmi/id/sys_vendor 'VMware, Inc.' names VMware", vmware.decidedBy());
        var metal = CpuProbe.decideVirtualization(false, null, List.of(), List.of()).get();
        assertFalse(metal.virtualMachine());
        assertEquals("cpuinfo hypervisor flag not set", metal.decidedBy());
        assertTrue(CpuProbe.decideVirtualization(true, null, List.of(), List.of()).get().virtualMachine());
        assertEquals("Xen", CpuProbe.decideVirtualization(null, "xen", List.of(), List.of()).get().hypervisor());
        assertFalse(CpuProbe.decideVirtualization(null, null, List.of(), List.of()).known());
    }
}
