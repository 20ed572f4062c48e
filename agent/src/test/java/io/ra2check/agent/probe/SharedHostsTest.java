package io.ra2check.agent.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.ra2check.agent.Version;
import io.ra2check.agent.facts.CpuFacts;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.HugepageFacts;
import io.ra2check.agent.facts.InstalledMemory;
import io.ra2check.agent.facts.NetworkFacts;
import io.ra2check.agent.facts.PciFacts;
import io.ra2check.agent.facts.SmbiosFacts;
import io.ra2check.agent.host.HostRoots;
import io.ra2check.agent.testing.HostTree;
import io.ra2check.agent.testing.SharedHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probes against real servers captured by other projects (../shared/hosts): each case's documented truth
 * (facts.json and README.txt) must come out of the facts. Skipped where the folder is absent.
 */
class SharedHostsTest {
    static final String SUPERMICRO_HWLOC = "supermicro-sys4029gp-2s-silver4108-x722-sriov-mlx5-hugepages";
    static final String R740 = "dell-r740xd-2s-gold6130-smt-off-ixgbe-x550-i40e";
    static final String R610 = "dell-r610-2s-xeon-l5640-igb-i350-vfs-ghw";
    static final String LSCPU64 = "lscpu-4s-xeon-x7550-ht-64cpu-3numa";
    static final String NFD = "nfd-pci-sysfs-qat-c62x-vfs-x722-sriov";
    static final String R630_SMBIOS = "smbios-dell-r630-1of2-sockets-e5-2630v3";
    static final String SUPERMICRO_SMBIOS = "smbios-supermicro-sys1027r-x9drw-2s-e5-2650v2";

    private static HostFacts facts(String name) throws Exception {
        return HostTree.scanner(io.ra2check.agent.check.CheckOptions.none())
                .facts(HostRoots.open(SharedHosts.rootfs(name).toString(), false, null, Version.get()));
    }

    /** sockets, cores per socket, threads per core, SMT, logical CPUs, NUMA nodes and CPU model vs facts.json. */
    @ParameterizedTest
    @ValueSource(strings = {SUPERMICRO_HWLOC, R740, R610, LSCPU64})
    void cpuTopologyMatchesTheDocumentedTruth(String name) throws Exception {
        JsonNode truth = SharedHosts.truth(name);
        CpuFacts cpu = facts(name).cpu();
        CpuFacts.Topology t = cpu.topology().get();
        assertEquals(truth.get("sockets").asInt(), t.sockets(), "sockets");
        for (int cores : t.coresBySocket().values()) {
            assertEquals(truth.get("cores_per_socket").asInt(), cores, "cores per socket");
        }
        assertEquals(truth.get("threads_per_core").asInt(), t.threadsPerCore(), "threads per core");
        assertEquals(truth.get("logical_cpus").asInt(), t.logicalCpus(), "logical CPUs");
        assertEquals(truth.get("smt").asBoolean(), cpu.smt().get().active(), "SMT");
        assertEquals(truth.get("numa_nodes").asInt(), cpu.numaNodes().get().size(), "NUMA nodes");
        assertEquals(truth.get("cpu_model").asText().replaceAll("\\s+", " "),
                cpu.modelName().get().replaceAll("\\s+", " "));
        assertFalse(cpu.virtualization().get().virtualMachine(), "bare metal");
    }

    @Test
    void smtOffInFirmwareIsOffDespiteTheHtFlag() throws Exception {
        CpuFacts cpu = facts(R740).cpu();
        assertTrue(cpu.htFlag().get(), "the capture's cpuinfo has the ht flag");
        assertFalse(cpu.smt().get().active());
    }

    @Test
    void fourSocketsOnThreeNumaNodes() throws Exception {
        CpuFacts cpu = facts(LSCPU64).cpu();
        assertEquals(List.of(0, 2, 3), cpu.numaNodes().get().stream().map(CpuFacts.NumaNode::id).toList());
        assertEquals(4, cpu.topology().get().sockets());
        assertEquals("64-79", cpu.cpus().get().offline());
    }

    @Test
    void possibleCpusBeyondPresentOnesAreNotCountedAsOffline() throws Exception {
        CpuFacts cpu = facts(SUPERMICRO_HWLOC).cpu();
        assertEquals("0-111", cpu.cpus().get().possible());
        assertEquals(32, cpu.cpus().get().onlineCount());
        assertEquals(List.of(), cpu.topology().get().presentButOffline());
    }

    @ParameterizedTest
    @ValueSource(strings = {SUPERMICRO_HWLOC, R740, R610})
    void memTotalMatches(String name) throws Exception {
        assertEquals(SharedHosts.truth(name).get("mem_total_kB").asLong() * 1024,
                facts(name).memory().memTotalBytes().get());
    }

    @ParameterizedTest
    @ValueSource(strings = {SUPERMICRO_HWLOC, R740, R610})
    void hugepagesMatch(String name) throws Exception {
        JsonNode truth = SharedHosts.truth(name).get("hugepages");
        HostFacts f = facts(name);
        List<HugepageFacts.Pool> pools = f.hugepages().pools().get();
        assertEquals(List.of(2048L, 1048576L), pools.stream().map(HugepageFacts.Pool::sizeKiB).toList());
        assertEquals(truth.get("default_kB").asLong(), f.hugepages().defaultSizeKiB().get());
        for (HugepageFacts.Pool p : pools) {
            JsonNode c = truth.get("configured").get(String.valueOf(p.sizeKiB()));
            assertEquals(c.get("total").asLong(), p.total(), "total of " + p.sizeKiB());
            if (c.has("per_node")) {
                c.get("per_node").fields().forEachRemaining(e ->
                        assertEquals(e.getValue().asLong(), p.totalByNode().get(Integer.parseInt(e.getKey()))));
            }
        }
    }

    /** NIC ports vs facts.json: PCI address, vendor:device, driver, SR-IOV files, NUMA; VFs are not ports. */
    @ParameterizedTest
    @ValueSource(strings = {SUPERMICRO_HWLOC, R740, R610, NFD})
    void nicPortsMatch(String name) throws Exception {
        JsonNode truth = SharedHosts.truth(name);
        List<NetworkFacts.Port> ports = facts(name).network().ports().get();
        Map<String, NetworkFacts.Port> byPci = new java.util.HashMap<>();
        ports.forEach(p -> byPci.put(p.pciAddress(), p));
        int expectedPorts = 0;
        for (JsonNode nic : truth.get("nics")) {
            String pci = nic.get("pci").asText();
            boolean vf = nic.path("note").asText().equals("VF");
            boolean ethernet = !nic.path("note").asText().contains("InfiniBand");
            if (vf || !ethernet) {
                assertFalse(byPci.containsKey(pci), pci + " is not a physical Ethernet port");
                continue;
            }
            expectedPorts++;
            NetworkFacts.Port p = byPci.get(pci);
            assertTrue(p != null, pci + " missing");
            assertEquals(nic.get("vendor_device").asText(), p.vendorDevice(), pci);
            if (!nic.get("driver").isNull()) {
                assertEquals(nic.get("driver").asText(), p.driver(), pci);
            }
            assertEquals(nic.get("sriov_totalvfs").isNull() ? null : nic.get("sriov_totalvfs").asInt(),
                    p.sriovTotalVfs(), pci);
            assertEquals(nic.get("sriov_numvfs").isNull() ? null : nic.get("sriov_numvfs").asInt(),
                    p.sriovNumVfs(), pci);
            if (!nic.get("ifname").isNull() && !nic.get("ifname").asText().contains("inferred")) {
                assertEquals(nic.get("ifname").asText(), p.name(), pci);
                assertEquals(nic.get("speed_mbps").isNull() ? null : nic.get("speed_mbps").asLong(), p.speedMbps(),
                        pci + " current speed (an empty speed file is unknown, never 0)");
            }
            if (!nic.get("numa_node").isNull() && !name.equals(R610)) {
                assertEquals(nic.get("numa_node").asInt(), p.numaNode(), pci);
            }
        }
        assertEquals(expectedPorts, ports.size());
    }

    @Test
    void eightInstantiatedVfsWithoutSriovFilesAreVfsNotPorts() throws Exception {
        HostFacts f = facts(R610);
        assertEquals(6, f.network().ports().get().size());
        assertEquals(8, f.network().virtualFunctions().get());
        List<PciFacts.Device> vfs = f.pci().devices().get().stream()
                .filter(d -> d.role() == PciFacts.SriovRole.VF).toList();
        assertEquals(8, vfs.size());
        assertTrue(vfs.stream().allMatch(d -> "igbvf".equals(d.driver())));
    }

    @Test
    void numVfsOfAnAcceleratorAreNotNetworkVfs() throws Exception {
        HostFacts f = facts(NFD);
        PciFacts.Device qat = f.pci().devices().get().stream().filter(d -> d.address().equals("0000:3b:00.0"))
                .findFirst().orElseThrow();
        assertEquals(16, qat.sriovNumVfs());
        assertEquals(PciFacts.SriovRole.PF, qat.role());
        assertEquals(0, f.network().virtualFunctions().get());
        PciFacts.Device noIds = f.pci().devices().get().stream().filter(d -> d.address().equals("0000:00:1f.2"))
                .findFirst().orElseThrow();
        assertNull(noIds.vendor(), "0000:00:1f.2 has only a class file");
    }

    @Test
    void infinibandFunctionsAreNotEthernetPorts() throws Exception {
        HostFacts f = facts(SUPERMICRO_HWLOC);
        PciFacts.Device ib = f.pci().devices().get().stream().filter(d -> d.address().equals("0000:1a:00.0"))
                .findFirst().orElseThrow();
        assertEquals("mlx5_core", ib.driver());
        assertFalse(ib.isEthernet());
        assertEquals(0x0207, ib.classCode() >> 8);
    }

    @Test
    void kernelReleaseOfTheHwlocCapture() throws Exception {
        assertEquals(SharedHosts.truth(SUPERMICRO_HWLOC).get("kernel").asText(),
                facts(SUPERMICRO_HWLOC).os().kernelRelease().get());
    }

    @Test
    void disksOfTheR610ExcludeZramDmAndOptical() throws Exception {
        var disks = facts(R610).disks().disks().get();
        assertEquals(List.of("sda"), disks.stream().map(d -> d.name()).toList());
        assertEquals(975699968L * 512, disks.get(0).sizeBytes());
        assertTrue(disks.get(0).rotational());
    }

    /** SMBIOS processors, DIMMs and slots vs facts.json (and dmidecode's decode in truth/). */
    @ParameterizedTest
    @ValueSource(strings = {R630_SMBIOS, SUPERMICRO_SMBIOS})
    void smbiosMatches(String name) throws Exception {
        JsonNode truth = SharedHosts.truth(name);
        HostFacts f = facts(name);
        SmbiosFacts.Table t = f.smbios().table().get();
        assertEquals(truth.get("smbios_version_inferred").asText(), t.version());
        assertFalse(t.truncated());
        assertEquals(truth.get("socket_records").asInt(), t.processors().size());
        List<SmbiosFacts.Processor> populated = t.processors().stream().filter(SmbiosFacts.Processor::populated)
                .toList();
        assertEquals(truth.get("sockets_populated").asInt(), populated.size());
        for (SmbiosFacts.Processor p : populated) {
            assertEquals(truth.get("cores_per_socket").asInt(), p.coreCount());
            assertEquals(truth.get("threads_per_socket").asInt(), p.threadCount());
        }
        assertEquals(truth.get("dimms_populated").asInt(),
                (int) t.memoryDevices().stream().filter(SmbiosFacts.MemoryDevice::populated).count());
        InstalledMemory m = InstalledMemory.of(f.memory(), f.smbios()).get();
        assertEquals(truth.get("mem_installed_GB").asLong() << 30, m.bytes());
        assertEquals("smbios", m.source());
        assertEquals(truth.get("type9_slots").asInt(), t.slots().size());
        if (truth.has("dimm_slots")) {
            assertEquals(truth.get("dimm_slots").asInt(), t.memorySlots());
        }
    }

    @Test
    void r630SlotIsAGen3X8InAnX16Connector() throws Exception {
        SmbiosFacts.Table t = facts(R630_SMBIOS).smbios().table().get();
        SmbiosFacts.Slot s = t.slots().get(0);
        assertEquals("PCIe Slot 2", s.designation());
        assertEquals("x8 PCI Express 3 x16", s.type());
        assertEquals(3, s.generation());
        assertEquals(8, s.lanes());
        assertEquals(16, s.physicalLanes());
        assertTrue(s.inUse());
        assertEquals("0000:04:00.0", s.busAddress());
        assertEquals("Dell Inc.", t.system().manufacturer());
        assertEquals("PowerEdge R630", t.system().productName());
        assertEquals("2.3.4", t.bios().version());
        assertEquals(72, t.structureCount());
    }

    @Test
    void supermicroSlotsAreGen2X16() throws Exception {
        SmbiosFacts.Table t = facts(SUPERMICRO_SMBIOS).smbios().table().get();
        assertEquals(List.of("RSC-R1UW-2E16 SLOT1 PCI-E x16", "RSC-R1UW-2E16 SLOT2 PCI-E x16"),
                t.slots().stream().map(SmbiosFacts.Slot::designation).toList());
        for (SmbiosFacts.Slot s : t.slots()) {
            assertEquals(2, s.generation());
            assertEquals(16, s.lanes());
        }
        assertEquals("In Use", t.slots().get(0).usage());
        assertEquals("Available", t.slots().get(1).usage());
        assertEquals("0000:04:00.0", t.slots().get(0).busAddress());
        assertEquals("0000:07:00.0", t.slots().get(1).busAddress());
        assertEquals(149, t.structureCount());
    }

    private static io.ra2check.report.Verdict verdict(String name, String id) throws Exception {
        return HostTree.scanner(io.ra2check.agent.check.CheckOptions.none())
                .scan(HostRoots.open(SharedHosts.rootfs(name).toString(), false, null, Version.get()),
                        io.ra2check.report.Profile.NETWORK_INTENSIVE, name).report().verdict(id).orElseThrow();
    }

    @Test
    void theX722PhysicalFunctionDecidesSriovCapabilityWithoutCpuData() throws Exception {
        io.ra2check.report.Verdict v = verdict(NFD, "ra2.ch.002");
        assertEquals(io.ra2check.report.Outcome.PASS, v.outcome(), v.actual() + " " + v.reason());
        assertTrue(v.actual().contains("0000:3f:00.0 8086:37d2 up to 32 VFs"), v.actual());
    }

    @Test
    void theGhwCaptureWithoutCpuOnlineTakesTheOnlineCpusFromCpuinfo() throws Exception {
        CpuFacts cpu = facts(R610).cpu();
        assertEquals(SharedHosts.truth(R610).get("logical_cpus").asInt(), cpu.cpus().get().onlineCount());
        assertEquals("0-23", cpu.cpus().get().online());
        assertTrue(cpu.virtualization().get().decidedBy().startsWith("cpuinfo hypervisor flag not set"),
                cpu.virtualization().get().decidedBy());
    }

    @Test
    void everyPciFunctionOfTheGhwCaptureHasAClass() throws Exception {
        // the ghw snapshot keeps class files: nothing is left unclassified, so the port count is a number
        HostFacts f = facts(R610);
        assertEquals(List.of(), f.pci().unclassified());
        assertEquals(List.of(), f.network().unclassified());
    }
}
