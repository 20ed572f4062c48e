package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional OpenReports ClusterReport CRD: off by default, and when on, a kind the collector's objects fit. */
class ReportCrdTest {
    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    private static final String CRD = "clusterreports.openreports.io";

    @Test
    void notInstalledByDefault() {
        Chart.Rendered r = Chart.objects(Chart.render());
        assertTrue(r.ofKind("CustomResourceDefinition").isEmpty(), "a CRD another project owns is opt-in");
    }

    @Test
    void installedWhenAskedAsTheKindTheCollectorWrites() {
        Chart.Rendered r = Chart.objects(Chart.render(Chart.RELEASE, Chart.NAMESPACE,
                "collector: {installReportCrd: true}"));
        JsonNode crd = r.node("CustomResourceDefinition", CRD);
        // what the collector's ReportApi.OPENREPORTS addresses: group, version, plural, cluster scope
        assertEquals("openreports.io", crd.at("/spec/group").asText());
        assertEquals("Cluster", crd.at("/spec/scope").asText());
        assertEquals("clusterreports", crd.at("/spec/names/plural").asText());
        assertEquals("ClusterReport", crd.at("/spec/names/kind").asText());
        assertEquals("v1alpha1", crd.at("/spec/versions/0/name").asText());
        assertTrue(crd.at("/spec/versions/0/served").asBoolean() && crd.at("/spec/versions/0/storage").asBoolean());
        assertTrue(crd.at("/spec/versions/0/schema/openAPIV3Schema/x-kubernetes-preserve-unknown-fields")
                .asBoolean(), "the collector's results, summary and scope are kept as written");
        assertEquals("keep", crd.at("/metadata/annotations/helm.sh~1resource-policy").asText(),
                "uninstalling ra2check must not delete other tools' reports with the CRD");
        assertTrue(api.requests().contains("GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + CRD),
                "Helm looked for an installed one first: " + api.requests());
        assertEquals(".summary.fail", crd.at("/spec/versions/0/additionalPrinterColumns").findValues("jsonPath")
                .stream().map(JsonNode::asText).filter(p -> p.endsWith(".fail")).findFirst().orElse(""));
    }

    @Test
    void notInstalledWhereTheClusterAlreadyHasOne() throws Exception {
        api.addCrd(new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                 "metadata": {"name": "clusterreports.openreports.io", "uid": "openreports-own"},
                 "spec": {"group": "openreports.io", "scope": "Cluster",
                          "names": {"kind": "ClusterReport", "plural": "clusterreports"}}}
                """));
        Chart.Rendered r = Chart.objects(Chart.render(Chart.RELEASE, Chart.NAMESPACE,
                "collector: {installReportCrd: true}"));
        assertTrue(r.ofKind("CustomResourceDefinition").isEmpty(), "OpenReports' own CRD is left as it is");
    }
}
