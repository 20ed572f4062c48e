package io.ra2check.collector.publish;

/** A cluster-scoped policy-report API: where its objects live and the CRD that serves them. */
public enum ReportApi {
    OPENREPORTS("openreports.io/v1alpha1", "ClusterReport", "clusterreports.openreports.io", "subjects"),
    WGPOLICY("wgpolicyk8s.io/v1alpha2", "ClusterPolicyReport", "clusterpolicyreports.wgpolicyk8s.io", "resources");

    private final String apiVersion;
    private final String kind;
    private final String crd;
    private final String subjectsField;

    ReportApi(String apiVersion, String kind, String crd, String subjectsField) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.crd = crd;
        this.subjectsField = subjectsField;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String kind() {
        return kind;
    }

    /** The CustomResourceDefinition's name, looked up to tell whether the cluster serves this API. */
    public String crd() {
        return crd;
    }

    /** Where the objects are, without asking the API server's discovery (which fails once the CRD is gone). */
    public io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context() {
        String[] gv = apiVersion.split("/");
        return new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup(gv[0])
                .withVersion(gv[1]).withKind(kind).withPlural(crd.substring(0, crd.indexOf('.')))
                .withNamespaced(false).build();
    }

    /** OpenReports names a result's objects {@code subjects}; wgpolicyk8s v1alpha2 names them {@code resources}. */
    String subjectsField() {
        return subjectsField;
    }
}
