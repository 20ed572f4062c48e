package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.ra2check.workload.KubeObject;
import io.ra2check.workload.Manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The chart in deploy/helm/ra2check, linted and rendered by the real Helm (helm-java: Helm's Go code as a native
 * library). Values are given as YAML text, written to a file under target/ for Helm to read.
 */
final class Chart {
    static final String RELEASE = "ra2check";
    static final String NAMESPACE = "ra2check";

    private Chart() {
    }

    /** The project's root directory (Maven passes it; a run from the IDE walks up from the working directory). */
    static Path projectDir() {
        String prop = System.getProperty("ra2check.projectDir");
        Path p = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("deploy/helm/ra2check/Chart.yaml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("deploy/helm/ra2check/Chart.yaml not found above " + prop);
        }
        return p;
    }

    static Path dir() {
        return projectDir().resolve("deploy/helm/ra2check");
    }

    static LintResult lint() {
        return new Helm(dir()).lint().strict().call();
    }

    /** {@code helm template RELEASE deploy/helm/ra2check --namespace NAMESPACE} with the chart's default values. */
    static String render() {
        return render(RELEASE, NAMESPACE, "");
    }

    /** {@code helm template <release> deploy/helm/ra2check --namespace <namespace> -f <values>}. */
    static String render(String release, String namespace, String valuesYaml) {
        Path values = writeValues(valuesYaml);
        return new Helm(dir()).template().withName(release).withNamespace(namespace).withValuesFile(values).call();
    }

    /** Renders a values file that is already on disk (the plain manifests' values). */
    static String render(String release, String namespace, Path valuesFile) {
        return new Helm(dir()).template().withName(release).withNamespace(namespace).withValuesFile(valuesFile)
                .call();
    }

    static Rendered objects(String rendered) {
        try {
            return new Rendered(Manifests.parse(rendered, "helm template"));
        } catch (Manifests.ManifestException e) {
            throw new AssertionError("helm template printed something that is not a set of manifests: "
                    + e.getMessage());
        }
    }

    static Path writeValues(String yaml) {
        try {
            // under target/ (surefire's ra2check.scratchDir), like everything else the tests write
            Path dir = Path.of(System.getProperty("ra2check.scratchDir", System.getProperty("java.io.tmpdir")),
                    "chart-values");
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "values-", ".yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of one rendering. */
    record Rendered(List<KubeObject> all) {
        KubeObject get(String kind, String name) {
            return all.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the rendering; it has "
                            + all.stream().map(o -> o.kind() + "/" + o.name()).toList()));
        }

        JsonNode node(String kind, String name) {
            return get(kind, name).node();
        }

        List<KubeObject> ofKind(String kind) {
            return all.stream().filter(o -> o.kind().equals(kind)).toList();
        }

        List<String> kindsAndNames() {
            return all.stream().map(o -> o.kind() + "/" + o.name()).sorted().toList();
        }

        List<JsonNode> nodes() {
            return all.stream().map(KubeObject::node).toList();
        }
    }
}
