package io.ra2check.agent.probe;

import io.ra2check.agent.facts.PciFacts;
import io.ra2check.agent.facts.PciFacts.SriovRole;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PciClassifyTest {
    private static PciProbe.Raw raw(String addr, String device, String driver, Integer total, Integer num,
                                    String physfn, String vfDevice) {
        return new PciProbe.Raw(addr, 0x020000, "8086", device, null, null, driver, 0, null, null, null, null, total,
                num, physfn, vfDevice, List.of(), null, "class", List.of(), null);
    }

    private static SriovRole role(List<PciFacts.Device> d, String addr) {
        return d.stream().filter(x -> x.address().equals(addr)).findFirst().orElseThrow().role();
    }

    @Test
    void onALiveHostAbsenceOfSriovFilesMeansNoCapability() {
        List<PciFacts.Device> d = PciProbe.classify(List.of(raw("a", "1521", "igb", null, null, null, null),
                raw("b", "158b", "i40e", 64, 0, null, null), raw("c", "154c", "iavf", null, null, "b", null)), true);
        assertEquals(SriovRole.NONE, role(d, "a"));
        assertEquals(SriovRole.PF, role(d, "b"));
        assertEquals(SriovRole.VF, role(d, "c"));
    }

    @Test
    void aCaptureWithoutAnySriovFilesLeavesTheRoleUnknown() {
        List<PciFacts.Device> d = PciProbe.classify(List.of(raw("a", "1521", "igb", null, null, null, null)), false);
        assertEquals(SriovRole.UNKNOWN, role(d, "a"));
    }

    @Test
    void vfsAreRecognisedInCapturesThatLostThePhysfnLink() {
        List<PciFacts.Device> d = PciProbe.classify(List.of(
                raw("a", "1520", "igbvf", null, null, null, null),
                raw("b", "37cd", null, null, null, null, null),
                raw("c", "9999", null, null, null, null, null),
                raw("pf", "1234", "x", 8, 0, null, "9999")), false);
        assertEquals(SriovRole.VF, role(d, "a"), "VF-only driver");
        assertEquals(SriovRole.VF, role(d, "b"), "VF device ID");
        assertEquals(SriovRole.VF, role(d, "c"), "the sriov_vf_device of a PF in the capture");
        assertEquals(SriovRole.PF, role(d, "pf"));
    }

    @Test
    void totalVfsZeroIsNotSriovCapable() {
        assertEquals(SriovRole.NONE, role(PciProbe.classify(List.of(raw("a", "1", "d", 0, 0, null, null)), true),
                "a"));
    }

    @Test
    void modaliasCarriesIdsAndClass() {
        PciProbe.Ids ids = PciProbe.parseModalias("pci:v00008086d00001521sv0000FFFFsd00000000bc02sc00i00");
        assertEquals("8086", ids.vendor());
        assertEquals("1521", ids.device());
        assertEquals("ffff", ids.subsystemVendor());
        assertEquals(0x020000, ids.classCode());
        assertEquals(0x0c0330, PciProbe.parseModalias("pci:v00008086d0000A36Dsv00001028sd0000085Cbc0Csc03i30")
                .classCode());
        assertEquals(PciProbe.Ids.NONE, PciProbe.parseModalias(null));
        assertEquals(PciProbe.Ids.NONE, PciProbe.parseModalias("acpi:PNP0A08:"));
        org.junit.jupiter.api.Assertions.assertNull(PciProbe.parseModalias("pci:v00008086d00001521sv0000FFFFsd0000")
                .classCode(), "a truncated modalias has no class");
        org.junit.jupiter.api.Assertions.assertNull(PciProbe.parseModalias("pci:v0000ZZZZd00001521").vendor());
    }

    @Test
    void ueventCarriesClassIdsAndDriver() {
        PciProbe.Ids ids = PciProbe.parseUevent("DRIVER=igb\nPCI_CLASS=20000\nPCI_ID=8086:1521\n"
                + "PCI_SUBSYS_ID=1028:1F60\nPCI_SLOT_NAME=0000:05:00.0\nMODALIAS=pci:v00008086d00001521\n");
        assertEquals(0x020000, ids.classCode());
        assertEquals("8086", ids.vendor());
        assertEquals("1521", ids.device());
        assertEquals("1028", ids.subsystemVendor());
        assertEquals("1f60", ids.subsystemDevice());
        assertEquals("igb", ids.driver());
        assertEquals(PciProbe.Ids.NONE, PciProbe.parseUevent(null));
        org.junit.jupiter.api.Assertions.assertNull(PciProbe.parseUevent("PCI_CLASS=zz\nPCI_ID=8086").classCode());
    }

    @Test
    void aFunctionOfUnknownClassTakesItFromItsNetdevOrItsPf() {
        PciProbe.Raw unread = new PciProbe.Raw("u", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, List.of(), null, null, List.of(), "link leads nowhere");
        PciProbe.Raw vf = new PciProbe.Raw("v", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, List.of(), null, null, List.of(), "link leads nowhere");
        PciProbe.Raw pf = new PciProbe.Raw("p", 0x020000, "15b3", "1017", null, null, "mlx5_core", 0, null, null,
                null, null, 16, 16, null, null, List.of(), null, "modalias", List.of("v"), null);
        PciProbe.Raw alone = new PciProbe.Raw("w", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, List.of(), null, null, List.of(), "link leads nowhere");
        List<PciFacts.Device> d = PciProbe.classify(List.of(unread, vf, pf, alone), List.of(
                new PciProbe.NetLink("eth0", "u", 1, false), new PciProbe.NetLink("wlan0", "w", 1, true)), false);
        PciFacts.Device u = d.get(0);
        assertEquals(0x020000, u.classCode());
        assertEquals(List.of("eth0"), u.netdevs());
        assertEquals(SriovRole.VF, d.get(1).role());
        assertEquals("p", d.get(1).physfn());
        assertEquals(0x020000, d.get(1).classCode());
        org.junit.jupiter.api.Assertions.assertNull(d.get(3).classCode(), "a wireless netdev says nothing of Ethernet");
        assertEquals(SriovRole.UNKNOWN, d.get(3).role());
    }

    @Test
    void pciAddresses() {
        org.junit.jupiter.api.Assertions.assertTrue(PciProbe.isPciAddress("0000:05:10.1"));
        org.junit.jupiter.api.Assertions.assertFalse(PciProbe.isPciAddress("virtio0"));
        org.junit.jupiter.api.Assertions.assertFalse(PciProbe.isPciAddress("0000:05:10.8"));
    }
}
