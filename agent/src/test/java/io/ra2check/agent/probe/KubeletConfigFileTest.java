package io.ra2check.agent.probe;

import io.ra2check.agent.facts.KubeletFacts;
import io.ra2check.agent.probe.KubeletConfigFile.InvalidKubeletConfig;
import io.ra2check.agent.probe.KubeletConfigFile.Mode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kubelet config decoder and the flag reader, on literal text: each shape the kubelet refuses, and both modes. */
class KubeletConfigFileTest {
    private static final String HEAD = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";

    private static KubeletConfigFile.Parsed parse(String yaml, Mode mode) throws InvalidKubeletConfig {
        return KubeletConfigFile.parse(yaml.getBytes(StandardCharsets.UTF_8), "k.yaml", mode);
    }

    private static String error(String yaml, Mode mode) {
        String m = assertThrows(InvalidKubeletConfig.class, () -> parse(yaml, mode)).getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("k.yaml: "), m);
        return m;
    }

    @Test
    void aValidConfigGivesItsValues() throws Exception {
        KubeletConfigFile.Parsed p = parse(HEAD + "cpuManagerPolicy: static\ntopologyManagerPolicy: single-numa-node\n"
                + "reservedSystemCPUs: \"0,40\"\nfeatureGates:\n  DevicePlugins: true\nsystemReserved:\n  cpu: 500m\n"
                + "cpuManagerReconcilePeriod: 10s\nmaxPods: 110\nlogging:\n  format: json\n"
                + "authentication:\n  webhook:\n    enabled: true\n    cacheTTL: 2m0s\n", Mode.OPERATOR);
        assertEquals("static", p.values().get("cpuManagerPolicy"));
        assertEquals("0,40", p.values().get("reservedSystemCPUs"));
        assertEquals(Map.of("DevicePlugins", true), p.values().get("featureGates"));
        assertEquals(110L, p.values().get("maxPods"));
        assertFalse(p.values().containsKey("kind"));
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void aFileWithoutKindIsNotAKubeletConfiguration() {
        // the case: no kind/apiVersion, one unrelated key; it used to PASS k8s.007/010 "at its default"
        for (Mode mode : Mode.values()) {
            String m = error("profle: x\n", mode);
            assertTrue(m.contains("not a KubeletConfiguration: no kind"), m);
        }
        assertTrue(error("", Mode.HOST).contains("empty"));
        assertTrue(error("kind: KubeletConfiguration\n", Mode.HOST).contains("no apiVersion"));
    }

    @Test
    void wrongKindOrApiVersionIsNamed() {
        assertTrue(error("apiVersion: v1\nkind: ConfigMap\n", Mode.HOST).contains("kind is ConfigMap"));
        assertTrue(error("apiVersion: kubelet.config.k8s.io/v1\nkind: KubeletConfiguration\n", Mode.OPERATOR)
                .contains("apiVersion is kubelet.config.k8s.io/v1, expected kubelet.config.k8s.io/v1beta1"));
    }

    @Test
    void anUnknownFieldIsAnErrorForTheOperatorAndAWarningOnTheHost() throws Exception {
        String yaml = HEAD + "cpuManagerPolcy: static\n";
        String m = error(yaml, Mode.OPERATOR);
        assertTrue(m.contains("line 3: cpuManagerPolcy: unknown field (did you mean 'cpuManagerPolicy'?)"), m);
        KubeletConfigFile.Parsed p = parse(yaml, Mode.HOST);
        assertEquals(Map.of(), p.values());
        assertEquals(1, p.warnings().size());
        assertTrue(p.warnings().get(0).contains("did you mean 'cpuManagerPolicy'") && p.warnings().get(0)
                .contains("the kubelet ignores it"), p.warnings().toString());
        assertTrue(error(HEAD + "authentication:\n  webhok: {}\n", Mode.OPERATOR)
                .contains("authentication.webhok: unknown field (did you mean 'webhook'?)"));
    }

    @Test
    void wrongTypesAreErrorsInBothModesWithTheLine() {
        for (Mode mode : Mode.values()) {
            assertTrue(error(HEAD + "cpuManagerPolicy: 7\n", mode)
                    .contains("line 3: cpuManagerPolicy: expected a string, got the number 7 (quote it)"));
            // the kubelet's JSON decoding takes no number for a string field: "0" must be quoted
            assertTrue(error(HEAD + "reservedSystemCPUs: 0\n", mode).contains("reservedSystemCPUs: expected a string"));
            assertTrue(error(HEAD + "featureGates:\n  DevicePlugins: \"false\"\n", mode)
                    .contains("line 4: featureGates.DevicePlugins: expected true or false, got the string 'false'"));
            assertTrue(error(HEAD + "maxPods: many\n", mode).contains("maxPods: expected a whole number"));
            assertTrue(error(HEAD + "maxPods: 1.5\n", mode).contains("maxPods: expected a whole number"));
            assertTrue(error(HEAD + "port: 99999999999\n", mode).contains("out of range"));
            assertTrue(error(HEAD + "featureGates: [a]\n", mode).contains("featureGates: expected a mapping"));
            assertTrue(error(HEAD + "syncFrequency: 10\n", mode).contains("syncFrequency: expected a duration"));
            assertTrue(error(HEAD + "syncFrequency: ten\n", mode).contains("'ten' is not a duration"));
            assertTrue(error(HEAD + "systemReserved:\n  cpu: 1\n", mode).contains("systemReserved.cpu: expected a string"));
            assertTrue(error(HEAD + "systemReserved:\n  cpu: lots\n", mode).contains("'lots' is not a quantity"));
        }
    }

    @Test
    void valuesTheKubeletRefusesAreErrors() {
        assertTrue(error(HEAD + "cpuManagerPolicy: dynamic\n", Mode.HOST)
                .contains("cpuManagerPolicy: 'dynamic' is not a CPU manager policy (expected one of none, static)"));
        assertTrue(error(HEAD + "topologyManagerPolicy: single-numa\n", Mode.HOST)
                .contains("is not a topology manager policy"));
        assertTrue(error(HEAD + "reservedSystemCPUs: \"3-1\"\n", Mode.HOST).contains("ends before it starts"));
        assertTrue(error(HEAD + "reservedSystemCPUs: \"a,b\"\n", Mode.HOST).contains("is not a CPU list"));
    }

    @Test
    void invalidYamlNamesTheLine() {
        String m = error(HEAD + "cpuManagerPolicy: \"static\n", Mode.OPERATOR);
        assertTrue(m.startsWith("k.yaml: not valid YAML: line "), m);
        String two = error(HEAD + "---\n" + HEAD, Mode.HOST);
        assertTrue(two.contains("more than one YAML document"), two);
        assertTrue(error("- a\n- b\n", Mode.HOST).contains("not a mapping"));
    }

    @Test
    void duplicateFieldsAreAnErrorForTheOperatorAndTheLastWinsOnTheHost() throws Exception {
        String yaml = HEAD + "cpuManagerPolicy: none\ncpuManagerPolicy: static\n";
        assertTrue(error(yaml, Mode.OPERATOR).contains("cpuManagerPolicy: set twice"));
        KubeletConfigFile.Parsed p = parse(yaml, Mode.HOST);
        assertEquals("static", p.values().get("cpuManagerPolicy"));
        assertTrue(p.warnings().get(0).contains("set twice"));
    }

    @Test
    void aliasesAreRefusedAndBombsEndQuickly() {
        assertTrue(error(HEAD + "a: &p static\ncpuManagerPolicy: *p\n", Mode.HOST).contains("YAML aliases"));
        StringBuilder laughs = new StringBuilder(HEAD + "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            laughs.append("l").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                laughs.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            laughs.append("]\n");
        }
        long t0 = System.nanoTime();
        error(laughs.toString(), Mode.HOST);
        String deep = HEAD + "logging:\n  options: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        assertTrue(error(deep, Mode.HOST).contains("not valid YAML"));
        String huge = HEAD + "staticPodPath: \"" + "x".repeat(2 << 20) + "\"\n";
        assertTrue(error(huge, Mode.HOST).contains("larger than 1 MiB"));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "bombs took " + (System.nanoTime() - t0) / 1e6 + " ms");
    }

    @Test
    void cpuSetsCountDistinctCpus() {
        assertEquals(1, KubeletValues.parseCpuSet("0,0").cardinality());
        assertEquals(4, KubeletValues.parseCpuSet("0-1,40-41").cardinality());
        assertEquals(0, KubeletValues.parseCpuSet(" ").cardinality());
        assertThrows(IllegalArgumentException.class, () -> KubeletValues.parseCpuSet("0-99999999"));
        assertThrows(IllegalArgumentException.class, () -> KubeletValues.parseCpuSet("0,"));
        assertThrows(IllegalArgumentException.class, () -> KubeletValues.parseCpuSet("0-3:2"));
    }

    @Test
    void flagsAreReadAndCheckedLikeTheConfigFields() {
        Map<String, String> f = KubeletFlags.parse(("/usr/bin/kubelet\0--config=/etc/k.yaml\0--cpu-manager-policy\0"
                + "static\0--feature-gates=A=true\0--feature-gates=B=false\0--v=2\0--fail-swap-on\0")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("/etc/k.yaml", f.get("config"));
        assertEquals("static", f.get("cpu-manager-policy"));
        assertEquals("true", f.get("fail-swap-on"));
        assertEquals(Map.of("A", true, "B", false), KubeletFlags.featureGates(f.get("feature-gates")));
        assertEquals(null, KubeletFlags.problem(f));
        assertTrue(KubeletFlags.problem(Map.of("cpu-manager-policy", "7")).contains("--cpu-manager-policy: '7' is not "
                + "a CPU manager policy"));
        assertTrue(KubeletFlags.problem(Map.of("reserved-cpus", "0-")).contains("--reserved-cpus: "));
        assertTrue(KubeletFlags.problem(Map.of("feature-gates", "DevicePlugins=yes")).contains("not a boolean"));
        assertTrue(KubeletFlags.problem(Map.of("system-reserved", "cpu")).contains("resource=quantity"));
        KubeletFacts.Config c = KubeletProbe.effective(Map.of("cpuManagerPolicy", "none", "featureGates",
                Map.of("A", false, "C", true)), f, List.of("x"));
        assertEquals("static", c.cpuManagerPolicy());
        assertEquals(Map.of("A", true, "B", false, "C", true), c.featureGates());
    }

    @Test
    void didYouMeanOnlySuggestsNearNames() {
        assertEquals(" (did you mean 'maxPods'?)", KubeletValues.didYouMean("maxpods", List.of("maxPods", "port")));
        assertEquals("", KubeletValues.didYouMean("profle", List.of("maxPods", "port")));
        assertEquals(2, KubeletValues.distance("profle", "profile1", 5));
    }
}
