package io.ra2check.collector.check.cluster;

import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.List;

/** ra2.k8s.020: cert-manager is installed and has an Issuer or ClusterIssuer (its link to a PKI provider). */
public final class CertManagerCheck implements ClusterCheck {
    @Override
    public String id() {
        return "ra2.k8s.020";
    }

    @Override
    public Finding evaluate(ClusterView c, Requirement r) {
        return AddOn.judge(c, "cert-manager with an Issuer or ClusterIssuer", "cert-manager", "cert-manager.io",
                List.of("ClusterIssuer", "Issuer"), "no Issuer or ClusterIssuer connects it to a PKI provider");
    }
}
