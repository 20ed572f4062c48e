package io.ra2check.agent.check;

import io.ra2check.agent.testing.HostTree;
import io.ra2check.agent.testing.SmbiosBuilder;
import io.ra2check.report.Compliance;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every node-scope requirement on its passing side (the compliant fixture) and its failing side (the fixture with
 * one thing broken), read through the real probes from a host tree on disk.
 */
class RequirementFixturesTest {
    @TempDir
    Path dir;
    HostTree tree;

    @BeforeEach
    void compliantNode() {
        tree = HostTree.compliant(dir);
    }

    private void assertOutcome(Outcome expected, String id) {
        Verdict v = tree.verdict(id);
        assertEquals(expected, v.outcome(), () -> id + ": " + v.actual() + " / " + v.reason() + " / " + v.evidence());
    }

    @Test
    void theCompliantFixtureMeetsBothProfiles() {
        NodeReport r = tree.report(Profile.NETWORK_INTENSIVE);
        for (Verdict v : r.verdicts()) {
            assertTrue(v.status() != Status.FAIL && v.status() != Status.UNKNOWN && v.status() != Status.WARN,
                    () -> v.id() + " " + v.status() + ": " + v.actual() + " " + v.reason());
        }
        assertEquals(Compliance.MEETS, r.summary().profiles().get(Profile.BASIC).compliance());
        assertEquals(Compliance.MEETS, r.summary().profiles().get(Profile.NETWORK_INTENSIVE).compliance());
    }

    @Nested
    class Ch001Hugepages {
        @Test
        void passesWithBothSizes() {
            assertOutcome(Outcome.PASS, "ra2.ch.001");
        }

        @Test
        void failsWithout1GPages() {
            tree.delete("/sys/kernel/mm/hugepages/hugepages-1048576kB");
            assertOutcome(Outcome.FAIL, "ra2.ch.001");
            assertTrue(tree.verdict("ra2.ch.001").actual().contains("not supported: 1048576 kB"));
        }

        @Test
        void failsWhenTheKernelHasNoHugepagesAtAll() {
            tree.delete("/sys/kernel/mm/hugepages").delete("/sys/devices/system/node/node0/hugepages");
            assertOutcome(Outcome.FAIL, "ra2.ch.001");
        }
    }

    @Nested
    class Ch002SriovCapableNics {
        @Test
        void passesWithTotalVfs() {
            assertOutcome(Outcome.PASS, "ra2.ch.002");
        }

        @Test
        void failsWhenNoPortHasTheCapability() {
            for (int i = 0; i < 4; i++) {
                tree.delete("/sys/bus/pci/devices/" + HostTree.NIC_BASE + i + "/sriov_totalvfs");
                tree.delete("/sys/bus/pci/devices/" + HostTree.NIC_BASE + i + "/sriov_numvfs");
            }
            assertOutcome(Outcome.FAIL, "ra2.ch.002");
        }

        @Test
        void failsForTheBasicProfileIsNotRequired() {
            tree.delete("/sys/bus/pci/devices/" + HostTree.NIC_BASE + "0/sriov_totalvfs");
            assertEquals(Status.SKIP, tree.verdict("ra2.ch.002", Profile.BASIC).status());
        }
    }

    @Nested
    class Ch003VirtualFunctions {
        @Test
        void passesWithVfs() {
            assertOutcome(Outcome.PASS, "ra2.ch.003");
            assertTrue(tree.verdict("ra2.ch.003").actual().startsWith("8 VFs"));
        }

        @Test
        void failsWithNumVfsZeroAndNoVfDevices() {
            for (int i = 0; i < 8; i++) {
                tree.delete("/sys/bus/pci/devices/0000:3b:02." + i);
            }
            for (int i = 0; i < 4; i++) {
                tree.write("/sys/bus/pci/devices/" + HostTree.NIC_BASE + i + "/sriov_numvfs", "0\n");
            }
            assertOutcome(Outcome.FAIL, "ra2.ch.003");
        }
    }

    @Nested
    class Ch004Smt {
        @Test
        void passesWhenActive() {
            assertOutcome(Outcome.PASS, "ra2.ch.004");
        }

        @Test
        void failsWhenDisabledInFirmwareEvenWithTheHtFlag() {
            tree.cpus(2, 20, 1, false).smt("0", "notsupported");
            assertOutcome(Outcome.FAIL, "ra2.ch.004");
            assertTrue(tree.verdict("ra2.ch.004").actual().contains("notsupported"));
        }

        @Test
        void fallsBackToTheTopologyOnKernelsWithoutSmtFiles() {
            tree.delete("/sys/devices/system/cpu/smt");
            assertOutcome(Outcome.PASS, "ra2.ch.004");
            tree.cpus(2, 20, 1, false);
            tree.delete("/sys/devices/system/cpu/smt");
            assertOutcome(Outcome.FAIL, "ra2.ch.004");
        }

        @Test
        void isManualInsideAVm() {
            tree.cpus(2, 20, 2, true);
            assertOutcome(Outcome.MANUAL, "ra2.ch.004");
        }
    }

    @Nested
    class Ch005AndCh011VirtualMachines {
        @Test
        void doNotApplyToBareMetal() {
            assertOutcome(Outcome.NOT_APPLICABLE, "ra2.ch.005");
            assertOutcome(Outcome.NOT_APPLICABLE, "ra2.ch.011");
        }

        @Test
        void vcpuCountPassesAndFailsOnAVm() {
            tree.cpus(2, 4, 2, true);
            assertOutcome(Outcome.PASS, "ra2.ch.011");
            assertOutcome(Outcome.MANUAL, "ra2.ch.005");
            tree.cpus(1, 4, 2, true);
            assertOutcome(Outcome.FAIL, "ra2.ch.011");
        }
    }

    @Nested
    class Ch007DualStack {
        @Test
        void passesWithBothFamilies() {
            assertOutcome(Outcome.PASS, "ra2.ch.007");
        }

        @Test
        void failsWithLinkLocalIpv6Only() {
            tree.addresses("10.0.0.5", null);
            assertOutcome(Outcome.FAIL, "ra2.ch.007");
        }

        @Test
        void failsWithoutIpv4() {
            tree.addresses(null, "20010db8000000000000000000000005");
            assertOutcome(Outcome.FAIL, "ra2.ch.007");
        }
    }

    @Nested
    class Ch008CpuQuantity {
        @Test
        void passesWithTwoTwentyCoreSockets() {
            assertOutcome(Outcome.PASS, "ra2.ch.008");
        }

        @Test
        void failsWhenFirmwareShowsOneSocketPopulated() {
            SmbiosBuilder b = new SmbiosBuilder().bios("Acme", "1", false).system("Acme", "1U", "S")
                    .processor("CPU1", true, 20, 40, "Xeon").processor("CPU2", false, 0, 0, "").end();
            tree.smbios(b);
            assertOutcome(Outcome.FAIL, "ra2.ch.008");
            assertTrue(tree.verdict("ra2.ch.008").actual().startsWith("1 of 2 sockets populated"));
        }

        @Test
        void usesTheTopologyWithoutSmbiosAndFailsOnTooFewCores() {
            tree.delete("/sys/firmware/dmi/tables");
            assertOutcome(Outcome.PASS, "ra2.ch.008");
            tree.cpus(2, 16, 2, false);
            assertOutcome(Outcome.FAIL, "ra2.ch.008");
        }
    }

    @Nested
    class Ch009Ssd {
        @Test
        void passesWithSsds() {
            assertOutcome(Outcome.PASS, "ra2.ch.009");
        }

        @Test
        void warnsWithARotationalDisk() {
            tree.disk("sda", 1_000_000_000_000L, true);
            assertOutcome(Outcome.FAIL, "ra2.ch.009");
            assertEquals(Status.WARN, tree.verdict("ra2.ch.009").status());
        }
    }

    @Nested
    class Ch010Filesystem {
        @Test
        void passesWith500Gb() {
            assertOutcome(Outcome.PASS, "ra2.ch.010");
        }

        @Test
        void failsWith300Gb() {
            tree.runtimeFilesystem("/var/lib/containerd", 300_000_000_000L);
            assertOutcome(Outcome.FAIL, "ra2.ch.010");
        }

        @Test
        void measuresTheParentWhenNoRuntimeIsInstalledYet() {
            tree.delete("/var/lib/containerd").delete("/var/lib/kubelet").mkdir("/var/lib/other")
                    .runtimeFilesystem("/var/lib", 400_000_000_000L);
            assertOutcome(Outcome.PASS, "ra2.ch.010");
            assertTrue(tree.verdict("ra2.ch.010").actual().contains("no runtime storage yet"));
        }
    }

    @Nested
    class Ch012Memory {
        @Test
        void passesWith64GiBOfDimms() {
            assertOutcome(Outcome.PASS, "ra2.ch.012");
        }

        @Test
        void failsWith16GiB() {
            SmbiosBuilder b = new SmbiosBuilder().bios("Acme", "1", false).memoryArray(2)
                    .memoryDevice("A", 16384).memoryDevice("B", 0).end();
            tree.smbios(b);
            assertOutcome(Outcome.FAIL, "ra2.ch.012");
        }

        @Test
        void aThirtyTwoGibServerSeenThroughMemTotalIsNotFailed() {
            tree.delete("/sys/firmware/dmi/tables").delete("/sys/devices/system/memory");
            tree.write("/proc/meminfo", "MemTotal:       32594000 kB\nHugepagesize:       2048 kB\n");
            Verdict v = tree.verdict("ra2.ch.012");
            assertEquals(Outcome.UNKNOWN, v.outcome(), v.actual());
            tree.write("/proc/meminfo", "MemTotal:       16297000 kB\nHugepagesize:       2048 kB\n");
            assertOutcome(Outcome.FAIL, "ra2.ch.012");
        }

        @Test
        void memoryBlocksCountInstalledRam() {
            tree.delete("/sys/firmware/dmi/tables");
            tree.write("/proc/meminfo", "MemTotal:       32594000 kB\nHugepagesize:       2048 kB\n");
            tree.delete("/sys/devices/system/memory");
            tree.write("/sys/devices/system/memory/block_size_bytes", "8000000\n");
            for (int i = 0; i < 256; i++) {
                tree.write("/sys/devices/system/memory/memory" + i + "/online", "1\n");
            }
            assertOutcome(Outcome.PASS, "ra2.ch.012");
        }
    }

    @Nested
    class Ch013NicPorts {
        @Test
        void passesWithFourPortsNotCountingVfs() {
            assertOutcome(Outcome.PASS, "ra2.ch.013");
            assertEquals("4 ports", tree.verdict("ra2.ch.013").actual());
        }

        @Test
        void failsWithThreePorts() {
            tree.delete("/sys/bus/pci/devices/" + HostTree.NIC_BASE + "3");
            assertOutcome(Outcome.FAIL, "ra2.ch.013");
        }

        @Test
        void countsPortsBoundToVfioWithoutANetdev() {
            tree.delete("/sys/bus/pci/devices/" + HostTree.NIC_BASE + "3");
            tree.nic(HostTree.NIC_BASE + "3", "0x158b", "vfio-pci", null, null, 64, 0);
            assertOutcome(Outcome.PASS, "ra2.ch.013");
        }
    }

    @Nested
    class Ch014Ch015NicSpeed {
        @Test
        void passWithFour25GbPorts() {
            assertEquals(Outcome.PASS, tree.verdict("ra2.ch.014", Profile.BASIC).outcome());
            assertOutcome(Outcome.PASS, "ra2.ch.015");
        }

        @Test
        void tenGbPortsPass014AndFail015() {
            for (int i = 0; i < 4; i++) {
                tree.nic(HostTree.NIC_BASE + i, "0x1572", "i40e", "ens1f" + i, "10000", 64, 2);
            }
            assertEquals(Outcome.PASS, tree.verdict("ra2.ch.014", Profile.BASIC).outcome());
            assertOutcome(Outcome.FAIL, "ra2.ch.015");
        }

        @Test
        void gigabitPortsFail014() {
            for (int i = 0; i < 4; i++) {
                tree.nic(HostTree.NIC_BASE + i, "0x1521", "igb", "eno" + i, "1000", 8, 2);
            }
            assertEquals(Outcome.FAIL, tree.verdict("ra2.ch.014", Profile.BASIC).outcome());
            assertEquals(Status.FAIL, tree.verdict("ra2.ch.014", Profile.BASIC).status());
        }

        @Test
        void aLinkDownPortOfUnknownModelIsUnknownNotZero() {
            for (int i = 0; i < 4; i++) {
                tree.nic(HostTree.NIC_BASE + i, "0x1234", "i40e", "ens1f" + i, i == 0 ? "" : "25000", 64, 2);
            }
            Verdict v = tree.verdict("ra2.ch.015");
            assertEquals(Outcome.UNKNOWN, v.outcome(), v.actual());
        }

        @Test
        void aPortOfAKnownModelIsJudgedOnItsMaximumWhenTheLinkIsDown() {
            tree.nic(HostTree.NIC_BASE + "0", "0x158b", "i40e", "ens1f0", "-1", 64, 2);
            assertOutcome(Outcome.PASS, "ra2.ch.015");
        }
    }

    @Nested
    class Ch016PcieSlots {
        @Test
        void passesWithEightGen3x8Slots() {
            assertOutcome(Outcome.PASS, "ra2.ch.016");
        }

        @Test
        void failsWithGen2Slots() {
            SmbiosBuilder b = new SmbiosBuilder().bios("Acme", "1", false);
            for (int i = 0; i < 8; i++) {
                b.slot("S" + i, 0xB0, 0x0D, 0x03, i);
            }
            tree.smbios(b.end());
            assertOutcome(Outcome.FAIL, "ra2.ch.016");
        }

        @Test
        void failsWithX4Slots() {
            SmbiosBuilder b = new SmbiosBuilder().bios("Acme", "1", false);
            for (int i = 0; i < 8; i++) {
                b.slot("S" + i, 0xB6, 0x0A, 0x03, i);
            }
            tree.smbios(b.end());
            assertOutcome(Outcome.FAIL, "ra2.ch.016");
        }

        @Test
        void isUnknownWithoutTheSmbiosTable() {
            tree.delete("/sys/firmware/dmi/tables");
            assertOutcome(Outcome.UNKNOWN, "ra2.ch.016");
        }
    }

    @Nested
    class Ch019AfXdp {
        @Test
        void appliesOnlyWhenDeclared() {
            assertEquals(Status.SKIP, tree.verdict("ra2.ch.019").status());
            Verdict v = tree.report(Profile.NETWORK_INTENSIVE, Set.of("afxdp")).verdict("ra2.ch.019").orElseThrow();
            assertEquals(Status.PASS, v.status(), v.actual());
        }

        @Test
        void failsWithADriverWithoutZeroCopy() {
            for (int i = 0; i < 4; i++) {
                tree.nic(HostTree.NIC_BASE + i, "0x1521", "igb", "eno" + i, "1000", 8, 0);
            }
            tree.kernel("6.1.0-18-amd64", "#1 SMP", true);
            Verdict v = tree.report(Profile.BASIC, Set.of("afxdp")).verdict("ra2.ch.019").orElseThrow();
            assertEquals(Status.FAIL, v.status(), v.actual());
        }

        @Test
        void failsOnAKernelBefore418() {
            tree.kernel("4.15.0-20-generic", "#21-Ubuntu SMP", true);
            Verdict v = tree.report(Profile.BASIC, Set.of("afxdp")).verdict("ra2.ch.019").orElseThrow();
            assertEquals(Status.FAIL, v.status(), v.actual());
        }
    }

    @Nested
    class Ch020Realtime {
        @Test
        void passesOnPreemptRtAndFailsOtherwise() {
            Verdict v = tree.report(Profile.BASIC, Set.of("realtime")).verdict("ra2.ch.020").orElseThrow();
            assertEquals(Status.FAIL, v.status());
            tree.write("/sys/kernel/realtime", "1\n");
            v = tree.report(Profile.BASIC, Set.of("realtime")).verdict("ra2.ch.020").orElseThrow();
            assertEquals(Status.PASS, v.status());
        }
    }

    @Nested
    class Os001Distribution {
        @Test
        void passesOnUbuntuAndFailsOnAnOsThatIsNeitherDebNorRpm() {
            assertOutcome(Outcome.PASS, "ra2.os.001");
            tree.write("/etc/os-release", "ID=flatcar\nID_LIKE=coreos\nVERSION_ID=3815.2.0\n");
            assertOutcome(Outcome.FAIL, "ra2.os.001");
        }

        @Test
        void recognisesRpmFamiliesThroughIdLike() {
            tree.write("/etc/os-release", "ID=rocky\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.3\"\n");
            assertOutcome(Outcome.PASS, "ra2.os.001");
        }
    }

    @Nested
    class Os002Kernel {
        @Test
        void passesOn61WithTheRequiredOptions() {
            assertOutcome(Outcome.PASS, "ra2.os.002");
        }

        @Test
        void failsOnAReleaseKubeadmRejects() {
            tree.kernel("4.18.0-553.el8_10.x86_64", "#1 SMP", true);
            assertOutcome(Outcome.FAIL, "ra2.os.002");
        }

        @Test
        void failsWhenARequiredOptionIsMissing() {
            tree.write("/boot/config-6.1.0-18-amd64", "CONFIG_NAMESPACES=y\nCONFIG_OVERLAY_FS=m\n");
            Verdict v = tree.verdict("ra2.os.002");
            assertEquals(Outcome.FAIL, v.outcome());
            assertTrue(v.actual().contains("NET_NS"), v.actual());
        }

        @Test
        void isUnknownWithoutAKernelConfig() {
            tree.delete("/boot");
            assertOutcome(Outcome.UNKNOWN, "ra2.os.002");
        }
    }

    @Nested
    class Kubelet {
        @Test
        void compliantConfigPassesEveryKubeletRequirement() {
            for (String id : new String[] {"ra2.k8s.006", "ra2.k8s.007", "ra2.k8s.008", "ra2.k8s.009",
                    "ra2.k8s.010"}) {
                assertOutcome(Outcome.PASS, id);
            }
        }

        @Test
        void defaultsFailNumaPinningAndReservations() {
            tree.kubelet("cgroupDriver: systemd\n");
            assertOutcome(Outcome.FAIL, "ra2.k8s.006");
            assertOutcome(Outcome.FAIL, "ra2.k8s.008");
            assertOutcome(Outcome.FAIL, "ra2.k8s.009");
            assertOutcome(Outcome.PASS, "ra2.k8s.007");
        }

        @Test
        void disabledGatesFail() {
            tree.kubelet("cpuManagerPolicy: static\ntopologyManagerPolicy: single-numa-node\nreservedSystemCPUs: 0,40\n"
                    + "featureGates:\n  DevicePlugins: false\n  IPv6DualStack: false\n  TopologyManager: false\n");
            assertOutcome(Outcome.FAIL, "ra2.k8s.006");
            assertOutcome(Outcome.FAIL, "ra2.k8s.007");
            assertOutcome(Outcome.FAIL, "ra2.k8s.010");
        }

        @Test
        void commandLineFlagsOverrideTheConfigFile() {
            tree.writeBytes("/proc/4242/cmdline", ("/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0"
                    + "--cpu-manager-policy\0none\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertOutcome(Outcome.FAIL, "ra2.k8s.009");
        }

        @Test
        void isUnknownBeforeTheNodeJoins() {
            tree.delete("/proc/4242").delete("/var/lib/kubelet");
            Verdict v = tree.verdict("ra2.k8s.009");
            assertEquals(Outcome.UNKNOWN, v.outcome());
            assertTrue(v.reason().contains("not joined"), v.reason());
        }
    }

    @Test
    void clusterAndManualRequirementsAreListedAsManual() {
        for (String id : new String[] {"ra2.ch.006", "ra2.ch.017", "ra2.ch.018", "ra2.k8s.011", "ra2.os.005"}) {
            assertOutcome(Outcome.MANUAL, id);
        }
    }
}
