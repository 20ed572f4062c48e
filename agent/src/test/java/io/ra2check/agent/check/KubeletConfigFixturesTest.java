package io.ra2check.agent.check;

import io.ra2check.agent.NodeScan;
import io.ra2check.agent.Version;
import io.ra2check.agent.host.HostRoots;
import io.ra2check.agent.testing.HostTree;
import io.ra2check.agent.testing.SharedHosts;
import io.ra2check.report.Evidence;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kubelet requirements read through the real probes from host trees: a broken config found on the host is
 * UNKNOWN with its reason (never the defaults' PASS), flags are checked like config fields, and ra2.k8s.008 asks for
 * two SMT threads and names a sibling pair of the host.
 */
class KubeletConfigFixturesTest {
    private static final String[] KUBELET_IDS = {"ra2.k8s.006", "ra2.k8s.007", "ra2.k8s.008", "ra2.k8s.009",
            "ra2.k8s.010"};
    @TempDir
    Path dir;
    HostTree tree;

    @BeforeEach
    void compliantNode() {
        tree = HostTree.compliant(dir);
    }

    private Verdict assertOutcome(Outcome expected, String id) {
        Verdict v = tree.verdict(id);
        assertEquals(expected, v.outcome(), () -> id + ": " + v.actual() + " / " + v.reason() + " / " + v.evidence());
        return v;
    }

    private void brokenConfig(String wholeFile, String reasonPart) {
        tree.write("/var/lib/kubelet/config.yaml", wholeFile);
        for (String id : KUBELET_IDS) {
            Verdict v = assertOutcome(Outcome.UNKNOWN, id);
            assertTrue(v.reason().contains("/var/lib/kubelet/config.yaml: ") && v.reason().contains(reasonPart),
                    v.reason());
            assertTrue(v.reason().contains("what it runs with is unknown"), v.reason());
        }
    }

    @Nested
    class BrokenHostConfig {
        @Test
        void notAKubeletConfigurationIsUnknownNotTheDefaults() {
            brokenConfig("profle: x\n", "not a KubeletConfiguration: no kind");
        }

        @Test
        void invalidYamlIsUnknownWithTheLine() {
            brokenConfig("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n"
                    + "cpuManagerPolicy: \"static\n", "not valid YAML: line ");
        }

        @Test
        void aWrongTypeIsUnknownWithTheField() {
            brokenConfig("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncpuManagerPolicy: 7\n",
                    "line 3: cpuManagerPolicy: expected a string, got the number 7");
        }

        @Test
        void aPolicyTheKubeletRefusesIsUnknown() {
            brokenConfig("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n"
                    + "topologyManagerPolicy: numa\n", "'numa' is not a topology manager policy");
        }

        @Test
        void aWrongKindIsUnknown() {
            brokenConfig("apiVersion: v1\nkind: ConfigMap\n", "kind is ConfigMap");
        }

        @Test
        void aBrokenDropInIsUnknownToo() {
            tree.writeBytes("/proc/4242/cmdline", ("/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0"
                    + "--config-dir=/etc/kubernetes/kubelet.conf.d\0").getBytes(StandardCharsets.UTF_8));
            tree.write("/etc/kubernetes/kubelet.conf.d/10-cpu.conf", "apiVersion: kubelet.config.k8s.io/v1beta1\n"
                    + "kind: KubeletConfiguration\nreservedSystemCPUs: 0\n");
            Verdict v = assertOutcome(Outcome.UNKNOWN, "ra2.k8s.008");
            assertTrue(v.reason().contains("10-cpu.conf: line 3: reservedSystemCPUs: expected a string"), v.reason());
        }

        @Test
        void aGoodDropInOverridesTheConfig() {
            tree.writeBytes("/proc/4242/cmdline", ("/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0"
                    + "--config-dir=/etc/kubernetes/kubelet.conf.d\0").getBytes(StandardCharsets.UTF_8));
            tree.write("/etc/kubernetes/kubelet.conf.d/20-b.conf", "apiVersion: kubelet.config.k8s.io/v1beta1\n"
                    + "kind: KubeletConfiguration\ncpuManagerPolicy: none\n");
            tree.write("/etc/kubernetes/kubelet.conf.d/10-a.conf", "apiVersion: kubelet.config.k8s.io/v1beta1\n"
                    + "kind: KubeletConfiguration\ncpuManagerPolicy: static\n");
            Verdict v = assertOutcome(Outcome.FAIL, "ra2.k8s.009");
            assertEquals("cpuManagerPolicy none", v.actual());
        }

        @Test
        void anUnknownFieldOnTheHostIsIgnoredAsTheKubeletDoesAndSaidSo() {
            tree.kubelet("cpuManagerPolcy: static\ntopologyManagerPolicy: single-numa-node\nreservedSystemCPUs: \"0,40\"\n");
            Verdict v = assertOutcome(Outcome.FAIL, "ra2.k8s.009");
            assertEquals("cpuManagerPolicy none", v.actual());
            assertTrue(tree.facts().kubelet().config().evidence().stream().map(Evidence::value)
                    .anyMatch(d -> d.contains("cpuManagerPolcy: unknown field (did you mean 'cpuManagerPolicy'?)")),
                    tree.facts().kubelet().config().evidence().toString());
        }

        @Test
        void aFlagTheKubeletRefusesIsUnknown() {
            tree.writeBytes("/proc/4242/cmdline", ("/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0"
                    + "--cpu-manager-policy=7\0").getBytes(StandardCharsets.UTF_8));
            Verdict v = assertOutcome(Outcome.UNKNOWN, "ra2.k8s.009");
            assertTrue(v.reason().contains("/proc/4242/cmdline: --cpu-manager-policy: '7' is not a CPU manager policy"),
                    v.reason());
        }

        @Test
        void aKubeletWithoutConfigRunsOnItsFlagsNotTheDefaultFile() {
            // /var/lib/kubelet/config.yaml is kubeadm's path, read only when --config names it
            tree.writeBytes("/proc/4242/cmdline", "/usr/bin/kubelet\0--cpu-manager-policy=static\0"
                    .getBytes(StandardCharsets.UTF_8));
            tree.write("/var/lib/kubelet/config.yaml", "not: [read\n");
            assertOutcome(Outcome.PASS, "ra2.k8s.009");
            assertOutcome(Outcome.FAIL, "ra2.k8s.006");
        }

        @Test
        void aMissingConfigFileOfARunningKubeletIsUnknown() {
            tree.delete("/var/lib/kubelet/config.yaml");
            Verdict v = assertOutcome(Outcome.UNKNOWN, "ra2.k8s.009");
            assertTrue(v.reason().contains("(the kubelet's --config in /proc/4242/cmdline) is missing"), v.reason());
        }

        @Test
        void flagsOverrideTheConfigWithTheSameRules() {
            tree.writeBytes("/proc/4242/cmdline", ("/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0"
                    + "--reserved-cpus\0" + "0\0--feature-gates=IPv6DualStack=false\0").getBytes(StandardCharsets.UTF_8));
            assertOutcome(Outcome.FAIL, "ra2.k8s.008");
            assertOutcome(Outcome.FAIL, "ra2.k8s.010");
        }
    }

    @Nested
    class ReservedCpus {
        @Test
        void oneThreadFailsAndTheRemediationNamesItsSibling() {
            tree.kubelet("cpuManagerPolicy: static\ntopologyManagerPolicy: single-numa-node\nreservedSystemCPUs: \"0\"\n");
            Verdict v = assertOutcome(Outcome.FAIL, "ra2.k8s.008");
            assertTrue(v.actual().startsWith("reservedSystemCPUs \"0\" (1 CPU; not whole cores: CPU 0 shares its core "
                    + "with 40, not reserved)"), v.actual());
            assertTrue(v.remediation().contains("on this host CPUs 0,40 share a core "
                    + "(/sys/devices/system/cpu/cpu0/topology/thread_siblings_list), so set reservedSystemCPUs: \"0,40\""),
                    v.remediation());
        }

        @Test
        void unsetFailsWithThePairOfCpu0() {
            tree.kubelet("cpuManagerPolicy: static\n");
            Verdict v = assertOutcome(Outcome.FAIL, "ra2.k8s.008");
            assertTrue(v.remediation().contains("reservedSystemCPUs: \"0,40\""), v.remediation());
        }

        @Test
        void theSameCpuTwiceIsOneCpu() {
            tree.kubelet("reservedSystemCPUs: \"3,3\"\n");
            Verdict v = assertOutcome(Outcome.FAIL, "ra2.k8s.008");
            assertTrue(v.remediation().contains("reservedSystemCPUs: \"3,43\""), v.remediation());
        }

        @Test
        void twoSiblingsPassAndSaySo() {
            Verdict v = assertOutcome(Outcome.PASS, "ra2.k8s.008");
            assertEquals("reservedSystemCPUs \"0,40\" (2 CPUs; SMT siblings of one core)", v.actual());
            assertTrue(v.evidence().stream().anyMatch(e -> e.source().endsWith("cpu40/topology/thread_siblings_list")),
                    v.evidence().toString());
        }

        @Test
        void twoThreadsOfDifferentCoresPassAndSayTheyAreNotSiblings() {
            tree.kubelet("reservedSystemCPUs: \"0-1\"\n");
            Verdict v = assertOutcome(Outcome.PASS, "ra2.k8s.008");
            assertTrue(v.actual().contains("not whole cores: CPU 0 shares its core with 40, not reserved"), v.actual());
        }

        @Test
        void withoutSmtTheRemediationSaysSo() {
            tree.cpus(2, 20, 1, false);
            tree.kubelet("reservedSystemCPUs: \"0\"\n");
            Verdict v = assertOutcome(Outcome.FAIL, "ra2.k8s.008");
            assertTrue(v.actual().contains("without an SMT sibling"), v.actual());
            assertTrue(v.remediation().contains("no SMT sibling of CPU 0"), v.remediation());
        }

        @Test
        void unreadableSiblingsAreSaidAndTheCatalogRemediationStays() {
            tree.delete("/sys/devices/system/cpu");
            tree.kubelet("reservedSystemCPUs: \"0\"\n");
            Verdict v = assertOutcome(Outcome.FAIL, "ra2.k8s.008");
            assertTrue(v.actual().contains("SMT siblings unknown"), v.actual());
            assertTrue(v.remediation().startsWith("Set reservedSystemCPUs in the kubelet configuration"),
                    v.remediation());
        }
    }

    /** A planned config given with --kubelet-config, judged against a real server's topology. */
    @Test
    void aRealSmtServerIsToldItsOwnSiblingPair() throws Exception {
        Path rootfs = SharedHosts.rootfs("supermicro-sys4029gp-2s-silver4108-x722-sriov-mlx5-hugepages");
        Path planned = Files.writeString(dir.resolve("planned.yaml"), "apiVersion: kubelet.config.k8s.io/v1beta1\n"
                + "kind: KubeletConfiguration\ncpuManagerPolicy: static\nreservedSystemCPUs: \"0\"\n");
        NodeScan scan = new NodeScan(RequirementCatalog.builtIn(), CheckOptions.none(), planned, Version.get(),
                Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
        Verdict v = scan.scan(HostRoots.open(rootfs.toString(), false, null, Version.get()), Profile.BASIC, "n").report().verdict("ra2.k8s.008")
                .orElseThrow();
        assertEquals(Outcome.FAIL, v.outcome(), v.actual());
        // thread_siblings_list of cpu0 on that server is "0,16"
        assertTrue(v.remediation().contains("reservedSystemCPUs: \"0,16\""), v.remediation());
        Files.writeString(planned, "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n"
                + "reservedSystemCPUs: \"0,16\"\n");
        v = scan.scan(HostRoots.open(rootfs.toString(), false, null, Version.get()), Profile.BASIC, "n").report().verdict("ra2.k8s.008").orElseThrow();
        assertEquals(Outcome.PASS, v.outcome(), v.actual());
        assertTrue(v.actual().contains("SMT siblings of one core"), v.actual());
    }
}
