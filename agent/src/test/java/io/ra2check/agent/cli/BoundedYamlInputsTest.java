package io.ra2check.agent.cli;

import io.ra2check.agent.testing.HostTree;
import io.ra2check.workload.Manifests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** YAML bombs and oversized files given to --config, --kubelet-config and the manifests reader end at once, in one line. */
class BoundedYamlInputsTest {
    @TempDir
    Path dir;
    String root;

    @BeforeEach
    void host() {
        root = HostTree.compliant(dir.resolve("host")).root().toString();
    }

    private static String laughs() {
        StringBuilder b = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            b.append("]\n");
        }
        return b.toString();
    }

    private void assertRefused(String option, String content, String expected) throws Exception {
        Path f = Files.writeString(dir.resolve("in.yaml"), content);
        long t0 = System.nanoTime();
        Cli r = Cli.run("check", "--root", root, option, f.toString());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.oneLineError(expected), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void configBombsAreRefused() throws Exception {
        assertRefused("--config", "profile: basic\n" + laughs(), "YAML aliases");
        assertRefused("--config", "profile: " + "[".repeat(50_000), "not valid YAML");
        assertRefused("--config", "profile: \"" + "x".repeat(2 << 20) + "\"\n", "larger than 1 MiB");
        assertRefused("--config", "profile: basic\n---\nprofile: basic\n", "more than one YAML document");
    }

    @Test
    void kubeletConfigBombsAreRefused() throws Exception {
        String head = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";
        assertRefused("--kubelet-config", head + laughs(), "YAML aliases");
        assertRefused("--kubelet-config", head + "logging: " + "{a: ".repeat(50_000), "not valid YAML");
        assertRefused("--kubelet-config", head + "staticPodPath: \"" + "x".repeat(2 << 20) + "\"\n",
                "larger than 1 MiB");
    }

    @Test
    void manifestBombsAreRefused() {
        long t0 = System.nanoTime();
        String m = assertThrows(Manifests.ManifestException.class, () -> Manifests.parse(laughs(), "m.yaml"))
                .getMessage();
        assertTrue(m.contains("YAML aliases"), m);
        m = assertThrows(Manifests.ManifestException.class, () -> Manifests.parse("a: " + "[".repeat(100_000),
                "m.yaml")).getMessage();
        assertTrue(m.startsWith("m.yaml: not valid YAML"), m);
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }
}
