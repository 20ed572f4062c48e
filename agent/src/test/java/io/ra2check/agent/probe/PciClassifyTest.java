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
                num, physfn, vfDevice, List.of(), null);
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
}
