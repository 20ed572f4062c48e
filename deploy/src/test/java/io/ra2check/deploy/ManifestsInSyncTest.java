package io.ra2check.deploy;

import io.ra2check.workload.KubeObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/manifests/ra2check.yaml (for {@code kubectl apply -f}) is the chart rendered with
 * deploy/manifests-values.yaml, byte for byte. To regenerate it after changing the chart:
 *
 * <pre>mvn -q -pl deploy -am verify -DskipFuzz -Dra2check.updateManifests=true</pre>
 */
class ManifestsInSyncTest {
    static final Supplier<Path> MANIFESTS = () -> Chart.projectDir().resolve("deploy/manifests/ra2check.yaml");
    static final Supplier<Path> VALUES = () -> Chart.projectDir().resolve("deploy/manifests-values.yaml");

    private static final String HEADER = """
            # ra2check, plain manifests: kubectl apply -f deploy/manifests/ra2check.yaml (docs/deploy.md, "Without Helm").
            # The image is "ra2check:<version>": build and push it (README, "In a cluster"), then point both workloads at
            # it: kustomize's images: field, or kubectl -n ra2check set image daemonset/ra2check-agent agent=IMAGE and
            # deployment/ra2check-collector collector=IMAGE. Make the collector's TLS Secret first (docs/deploy.md).
            # Generated from deploy/helm/ra2check with deploy/manifests-values.yaml; do not edit. Regenerate with
            #   mvn -q -pl deploy -am verify -DskipFuzz -Dra2check.updateManifests=true
            """;

    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    @Test
    void theManifestsAreTheChartsRendering() throws IOException {
        String expected = HEADER + Chart.render(Chart.RELEASE, Chart.NAMESPACE, VALUES.get());
        Path file = MANIFESTS.get();
        if (Boolean.getBoolean("ra2check.updateManifests")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(file), file + " is missing: regenerate it (see this test's javadoc)");
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8), file + " is not the chart's "
                + "rendering: regenerate it with mvn -q -pl deploy -am verify -DskipFuzz -Dra2check.updateManifests=true");
    }

    @Test
    void theManifestsCreateTheirNamespaceFirstAndCarryNoPrivateKey() throws IOException {
        List<KubeObject> objects = Chart.objects(Files.readString(MANIFESTS.get())).all();
        assertEquals("Namespace/ra2check", objects.get(0).kind() + "/" + objects.get(0).name(),
                "kubectl applies in file order: the namespace must come first");
        assertEquals("privileged", objects.get(0).node().at("/metadata/labels")
                .path("pod-security.kubernetes.io/enforce").asText());
        assertTrue(objects.stream().noneMatch(o -> o.kind().equals("Secret")),
                "a key in a file everyone applies would be everyone's key: the TLS Secret is made per cluster");
        assertTrue(api.requests().isEmpty(), "an existing Secret is used: nothing to look up");
    }
}
