package io.ra2check.agent.cli;

import io.ra2check.agent.testing.HostTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --kubelet-config}: a file the operator gives that is not a valid KubeletConfiguration v1beta1 is a bad
 * argument (exit 2, one line naming the line and the problem, nothing judged); a valid one is judged.
 */
class KubeletConfigOptionTest {
    private static final String HEAD = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";
    @TempDir
    Path dir;
    String root;
    Path planned;

    @BeforeEach
    void host() {
        root = HostTree.compliant(dir.resolve("host")).root().toString();
        planned = dir.resolve("planned.yaml");
    }

    private Cli check(String kubeletConfig, String... more) throws Exception {
        Files.writeString(planned, kubeletConfig);
        String[] args = new String[6 + more.length];
        String[] base = {"check", "--root", root, "--no-color", "--kubelet-config", planned.toString()};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(args);
    }

    private void assertBad(Cli r, String expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.oneLineError(expected), "stderr was: " + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out(), "nothing is judged on a bad argument");
    }

    @Test
    void aFileThatIsNoKubeletConfigurationIsABadArgument() throws Exception {
        assertBad(check("profle: x\n"), "--kubelet-config " + planned + ": not a KubeletConfiguration: no kind");
        assertBad(check("apiVersion: v1\nkind: ConfigMap\n"), "kind is ConfigMap, not KubeletConfiguration");
        assertBad(check(HEAD.replace("v1beta1", "v1alpha1")), "apiVersion is kubelet.config.k8s.io/v1alpha1");
        assertBad(check(""), "empty, not a KubeletConfiguration");
    }

    @Test
    void invalidYamlAndWrongTypesNameTheLine() throws Exception {
        assertBad(check(HEAD + "cpuManagerPolicy: \"static\n"), "not valid YAML: line ");
        assertBad(check(HEAD + "cpuManagerPolicy: 7\n"),
                "line 3: cpuManagerPolicy: expected a string, got the number 7 (quote it)");
        assertBad(check(HEAD + "cpuManagerPolicy: dynamic\n"), "'dynamic' is not a CPU manager policy");
        assertBad(check(HEAD + "reservedSystemCPUs: 0\n"), "line 3: reservedSystemCPUs: expected a string");
        assertBad(check(HEAD + "featureGates:\n  IPv6DualStack: \"no\"\n"), "line 4: featureGates.IPv6DualStack: expected true or false");
    }

    @Test
    void anUnknownFieldIsNamedWithTheNearestField() throws Exception {
        assertBad(check(HEAD + "cpuManagerPolicy: static\nreservedSystemCPU: \"0,40\"\n"),
                "line 4: reservedSystemCPU: unknown field (did you mean 'reservedSystemCPUs'?)");
    }

    @Test
    void factsAndAgentTakeTheSameCheck() throws Exception {
        Files.writeString(planned, "profle: x\n");
        Cli r = Cli.run("facts", "--root", root, "--kubelet-config", planned.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.oneLineError("not a KubeletConfiguration"), r.err());
    }

    @Test
    void aValidFileIsJudgedOnBothSides() throws Exception {
        Cli pass = check(HEAD + "cpuManagerPolicy: static\ntopologyManagerPolicy: single-numa-node\n"
                + "reservedSystemCPUs: \"0,40\"\n", "--profile", "network-intensive");
        assertTrue(pass.out().contains("[PASS]    ra2.k8s.008"), pass.out());
        assertTrue(pass.out().contains("[PASS]    ra2.k8s.009"), pass.out());
        Cli fail = check(HEAD + "cpuManagerPolicy: static\nreservedSystemCPUs: \"0\"\n");
        assertEquals(1, fail.exit(), fail.out() + fail.err());
        assertTrue(fail.out().contains("[FAIL]    ra2.k8s.008"), fail.out());
        assertTrue(fail.out().contains("reservedSystemCPUs: \"0,40\""), fail.out());
    }
}
