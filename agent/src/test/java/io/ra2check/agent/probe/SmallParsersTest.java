package io.ra2check.agent.probe;

import io.ra2check.agent.facts.KubeletFacts;
import io.ra2check.agent.facts.OsFacts;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parsers of the memory, huge page, network, OS and kubelet probes, on literal text. */
class SmallParsersTest {
    @Test
    void meminfoInBytesWhereTheKernelSaysKb() {
        Map<String, Long> m = Meminfo.parse("""
                MemTotal:       97445600 kB
                HugePages_Total:    4096
                Hugepagesize:       2048 kB
                Broken:       lots kB
                """);
        assertEquals(97445600L * 1024, m.get("MemTotal"));
        assertEquals(4096L, m.get("HugePages_Total"));
        assertEquals(2048L * 1024, m.get("Hugepagesize"));
        assertFalse(m.containsKey("Broken"));
        assertTrue(Meminfo.parse("MemTotal: 99999999999999999999 kB\n").isEmpty());
    }

    @Test
    void memoryBlockSizeIsHex() {
        assertEquals(0x80000000L, MemoryProbe.parseBlockSize("80000000\n"));
        assertEquals(128L << 20, MemoryProbe.parseBlockSize("8000000"));
        assertNull(MemoryProbe.parseBlockSize("not hex"));
        assertNull(MemoryProbe.parseBlockSize("0"));
        assertNull(MemoryProbe.parseBlockSize(""));
    }

    @Test
    void hugepageDirectoryNames() {
        assertEquals(2048L, HugepageProbe.sizeKiB("hugepages-2048kB"));
        assertEquals(1048576L, HugepageProbe.sizeKiB("hugepages-1048576kB"));
        assertNull(HugepageProbe.sizeKiB("hugepages-xkB"));
        assertNull(HugepageProbe.sizeKiB("other"));
    }

    @Test
    void speedFilesThatSayNothingAreUnknownNotZero() {
        assertEquals(25000L, NetworkProbe.parseSpeed("25000\n").mbps());
        assertNull(NetworkProbe.parseSpeed("").mbps());
        assertTrue(NetworkProbe.parseSpeed("").note().contains("empty"));
        assertNull(NetworkProbe.parseSpeed("-1").mbps());
        assertNull(NetworkProbe.parseSpeed("0").mbps());
        assertNull(NetworkProbe.parseSpeed("4294967295").mbps());
        assertNull(NetworkProbe.parseSpeed("fast").mbps());
    }

    @Test
    void ipv4FromFibTrieTakesLocalGlobalAddressesOnly() {
        // /proc/net/fib_trie of the machine this test was written on
        String trie = """
                Main:
                  +-- 0.0.0.0/0 3 0 5
                     |-- 0.0.0.0
                        /0 universe UNICAST
                     +-- 127.0.0.0/8 2 0 2
                        +-- 127.0.0.0/31 1 0 0
                           |-- 127.0.0.0
                              /8 host LOCAL
                           |-- 127.0.0.1
                              /32 host LOCAL
                        |-- 127.255.255.255
                           /32 link BROADCAST
                     +-- 192.0.2.0/24 2 0 2
                        +-- 192.0.2.0/30 2 0 2
                           |-- 192.0.2.0
                              /24 link UNICAST
                           |-- 192.0.2.2
                              /32 host LOCAL
                        |-- 192.0.2.255
                           /32 link BROADCAST
                     |-- 169.254.1.1
                        /32 host LOCAL
                Local:
                  +-- 0.0.0.0/0 3 0 5
                           |-- 192.0.2.2
                              /32 host LOCAL
                """;
        assertEquals(List.of("192.0.2.2"), NetworkProbe.parseFibTrie(trie));
        assertEquals(List.of(), NetworkProbe.parseFibTrie("garbage\n|--\n/32 host LOCAL"));
    }

    @Test
    void ipv6FromIfInet6KeepsGlobalScopeAndSkipsTentative() {
        String v6 = """
                fd000000000000000000000000000002 04 40 00 82     eth0
                00000000000000000000000000000001 01 80 10 80       lo
                fe8000000000000000fc00fffe000001 04 40 20 80     eth0
                20010db8000000000000000000000009 04 40 00 40     eth0
                20010db80000000000000000000000aa 04 40 00 80     eth0
                short 04 40 00 80 eth0
                """;
        assertEquals(List.of("fd00::2", "2001:db8::aa"), NetworkProbe.parseIfInet6(v6));
    }

    @Test
    void ipv6TextFollowsRfc5952() {
        assertEquals("::1", NetworkProbe.formatIpv6("00000000000000000000000000000001"));
        assertEquals("fe80::", NetworkProbe.formatIpv6("fe800000000000000000000000000000"));
        assertEquals("2001:db8:0:1:0:0:0:1".replace(":0:0:0:", "::"),
                NetworkProbe.formatIpv6("20010db8000000010000000000000001"));
        assertEquals("2001:db8:1:2:3:4:5:6", NetworkProbe.formatIpv6("20010db8000100020003000400050006"));
        assertNull(NetworkProbe.formatIpv6("zz010db8000100020003000400050006"));
    }

    @Test
    void globalIpv4() {
        assertTrue(NetworkProbe.isGlobalIpv4("10.1.2.3"));
        assertFalse(NetworkProbe.isGlobalIpv4("127.0.0.1"));
        assertFalse(NetworkProbe.isGlobalIpv4("169.254.0.9"));
        assertFalse(NetworkProbe.isGlobalIpv4("224.0.0.1"));
        assertFalse(NetworkProbe.isGlobalIpv4("1.2.3"));
    }

    @Test
    void osRelease() {
        OsFacts.OsRelease r = OsProbe.parseOsRelease("""
                NAME="Red Hat Enterprise Linux CoreOS"
                ID="rhcos"
                ID_LIKE="rhel fedora"
                VERSION_ID="4.18"
                PRETTY_NAME="Red Hat Enterprise Linux CoreOS 418.94.202503061016-0"
                # a comment
                """);
        assertEquals("rhcos", r.id());
        assertEquals(List.of("rhel", "fedora"), r.idLike());
        assertEquals("4.18", r.versionId());
        assertEquals(List.of(), OsProbe.parseOsRelease("ID=debian\n").idLike());
    }

    @Test
    void kernelReleaseFromProcVersion() {
        assertEquals("3.10.0-1160.15.2.el7.x86_64", OsProbe.releaseFromProcVersion(
                "Linux version 3.10.0-1160.15.2.el7.x86_64 (mockbuild@kbuilder.bsys.centos.org) (gcc version 4.8.5)"));
        assertNull(OsProbe.releaseFromProcVersion("FreeBSD 14"));
    }

    @Test
    void cgroupVersionFromMounts() {
        assertEquals(2, OsProbe.cgroupFromMounts("cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0\n"));
        assertEquals(1, OsProbe.cgroupFromMounts(
                "tmpfs /sys/fs/cgroup tmpfs ro 0 0\ncgroup /sys/fs/cgroup/cpuset cgroup rw,cpuset 0 0\n"));
        assertNull(OsProbe.cgroupFromMounts("proc /proc proc rw 0 0\n"));
    }

    @Test
    void kernelConfigKeepsSetOptionsOnly() {
        Map<String, String> c = OsProbe.parseKernelConfig("""
                #
                # Automatically generated file; DO NOT EDIT.
                CONFIG_NAMESPACES=y
                CONFIG_OVERLAY_FS=m
                # CONFIG_PREEMPT_RT is not set
                CONFIG_LOCALVERSION="-rt"
                """);
        assertEquals("y", c.get("CONFIG_NAMESPACES"));
        assertEquals("m", c.get("CONFIG_OVERLAY_FS"));
        assertEquals("-rt", c.get("CONFIG_LOCALVERSION"));
        assertFalse(c.containsKey("CONFIG_PREEMPT_RT"));
        OsFacts.KernelConfig k = new OsFacts.KernelConfig("x", c);
        assertTrue(k.enabled("OVERLAY_FS"));
        assertFalse(k.enabled("PREEMPT_RT"));
    }

    @Test
    void kubeletCommandLine() {
        Map<String, String> f = KubeletProbe.parseCommandLine(("/usr/bin/kubelet\0--config=/etc/k/c.yaml\0"
                + "--cpu-manager-policy\0static\0--v=2\0--fail-swap-on\0--feature-gates=A=true,B=false\0")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("/etc/k/c.yaml", f.get("config"));
        assertEquals("static", f.get("cpu-manager-policy"));
        assertEquals("true", f.get("fail-swap-on"));
        KubeletFacts.Config c = KubeletProbe.effective(Map.of("cpuManagerPolicy", "none",
                "featureGates", Map.of("A", false, "C", true)), f, List.of("x"));
        assertEquals("static", c.cpuManagerPolicy(), "the flag wins over the file");
        assertEquals("none", c.topologyManagerPolicy(), "default");
        assertEquals(Map.of("A", true, "B", false, "C", true), c.featureGates());
        assertNull(c.reservedSystemCpus());
    }

    @Test
    void nicSpeedTable() throws Exception {
        NicSpeedTable t = NicSpeedTable.parse(new BufferedReader(new StringReader(
                "# comment\n8086:158b 25000 Intel XXV710\n\n")));
        assertEquals(25000, t.find("8086:158b").maxMbps());
        assertNull(t.find("8086:0000"));
        assertNull(t.find(null));
        assertThrows(IllegalArgumentException.class, () -> NicSpeedTable.parse(new BufferedReader(
                new StringReader("8086:158b\n"))));
        assertEquals(25000, NicSpeedTable.builtIn().find("8086:158b").maxMbps());
    }

    @Test
    void pciHexIds() {
        assertEquals("8086", PciProbe.hex4("0x8086\n"));
        assertEquals("00ff", PciProbe.hex4("ff"));
        assertNull(PciProbe.hex4("0x123456"));
        assertNull(PciProbe.hex4("garbage"));
        assertNull(PciProbe.hex4(null));
    }

    @Test
    void aSpeedNoteSaysTheLinkStateTheOperstateGives() {
        assertEquals("speed -1 (not reported) while the link is up: the driver does not report a speed",
                NetworkProbe.speedNote(NetworkProbe.parseSpeed("-1").note(), "up"));
        assertEquals("speed file empty: link down", NetworkProbe.speedNote(NetworkProbe.parseSpeed("").note(), "down"));
        assertEquals("speed file empty (link state not read)", NetworkProbe.speedNote("speed file empty", null));
        assertEquals("speed 0 (not reported) (operstate dormant)",
                NetworkProbe.speedNote(NetworkProbe.parseSpeed("0").note(), "dormant"));
    }
}
