package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ra2check.workload.KubeObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.ra2check.deploy.Trees.element;
import static io.ra2check.deploy.Trees.elements;
import static io.ra2check.deploy.Trees.texts;
import static io.ra2check.deploy.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart with non-default values: another release name and namespace, another image pinned by digest, the
 * non-root agent, a runtime path left out, a provided TLS Secret, and the options operators set.
 */
class ChartValuesTest {
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    private static final String VALUES = """
            image:
              repository: registry.example.com/tools/ra2check
              tag: 0.2.0-rc.1
              digest: %s
            imagePullSecrets: [{name: registry-login}]
            commonLabels: {team: platform}
            agent:
              nonRoot: {enabled: true, user: 20000, group: 20001}
              hostPaths:
                containers: null
                kubelet-drop-ins: /etc/kubernetes/kubelet.conf.d
              recursiveReadOnly: ""
              interval: 30m
              listenPort: 19102
              extraArgs: [--profile, network-intensive]
              priorityClassName: system-node-critical
              tokenExpirationSeconds: 3600
            collector:
              replicas: 3
              port: 9443
              audience: ra2check.example.com
              leaseName: ra2check-leader
              tls: {mode: existingSecret, existingSecret: collector-cert}
              podDisruptionBudget: {minAvailable: 2}
              networkPolicy:
                enabled: true
                nodeCIDRs: [10.0.0.0/16, fd00:1::/64]
                readers: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]
              readers: [{kind: Group, name: sre, apiGroup: rbac.authorization.k8s.io}]
            """.formatted(DIGEST);

    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    Chart.Rendered r;
    JsonNode agentPod;
    JsonNode agent;
    JsonNode collector;

    @BeforeEach
    void render() {
        r = Chart.objects(Chart.render("audit", "conformance", VALUES));
        agentPod = r.node("DaemonSet", "audit-ra2check-agent").at("/spec/template/spec");
        agent = element(agentPod.path("containers"), "name", "agent");
        collector = element(r.node("Deployment", "audit-ra2check-collector").at("/spec/template/spec/containers"),
                "name", "collector");
    }

    @Test
    void theNetworkPolicyLetsInTheNodesAndTheReadersOnlyAndReadersAreBound() {
        JsonNode np = r.node("NetworkPolicy", "audit-ra2check-collector").path("spec");
        assertEquals(yaml("[Ingress]"), np.path("policyTypes"));
        assertEquals("collector", np.at("/podSelector/matchLabels/app.kubernetes.io~1component").asText());
        JsonNode agents = np.at("/ingress/0");
        assertEquals(yaml("""
                - {ipBlock: {cidr: 10.0.0.0/16}}
                - {ipBlock: {cidr: "fd00:1::/64"}}
                - podSelector:
                    matchLabels: {app.kubernetes.io/name: ra2check, app.kubernetes.io/instance: audit,
                                  app.kubernetes.io/component: agent}
                """), agents.path("from"));
        assertEquals(yaml("[{port: https, protocol: TCP}]"), agents.path("ports"));
        assertEquals(yaml("[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]"),
                np.at("/ingress/1/from"));
        assertEquals(2, np.path("ingress").size());
        JsonNode binding = r.node("RoleBinding", "audit-ra2check-collector-reader");
        assertEquals("audit-ra2check-collector-reader", binding.at("/roleRef/name").asText());
        assertEquals(yaml("[{kind: Group, name: sre, apiGroup: rbac.authorization.k8s.io}]"), binding.path("subjects"));
        // the policy names this release's collector
        assertTrue(r.node("ValidatingAdmissionPolicy", "audit-ra2check-collector-node-keys")
                .at("/spec/matchConditions/0/expression").asText()
                .contains("\"system:serviceaccount:conformance:audit-ra2check-collector\""));
    }

    @Test
    void namesFollowTheReleaseAndEverythingIsInTheGivenNamespace() {
        for (KubeObject o : r.all()) {
            assertTrue(o.name().startsWith("audit-ra2check-"), o.name());
            if (!o.kind().startsWith("Cluster") && !o.kind().startsWith("ValidatingAdmissionPolicy")) {
                assertEquals("conformance", o.namespace(), o.name());
            }
            assertEquals("platform", o.node().at("/metadata/labels/team").asText(), o.name());
        }
        assertEquals(yaml("[{kind: ServiceAccount, name: audit-ra2check-collector, namespace: conformance}]"),
                r.node("ClusterRoleBinding", "audit-ra2check-collector").path("subjects"));
    }

    @Test
    void theImageIsPinnedByTagAndDigestForBothComponents() {
        String image = "registry.example.com/tools/ra2check:0.2.0-rc.1@" + DIGEST;
        assertEquals(image, agent.path("image").asText());
        assertEquals(image, collector.path("image").asText());
        assertEquals("0.2.0-rc.1", r.node("DaemonSet", "audit-ra2check-agent")
                .at("/spec/template/metadata/labels").path("app.kubernetes.io/version").asText());
        assertEquals(yaml("[{name: registry-login}]"), agentPod.path("imagePullSecrets"));
    }

    @Test
    void theNonRootAgentRunsAsTheGivenIdsWithTheSameContainerRestrictions() {
        assertEquals(yaml("""
                runAsUser: 20000
                runAsGroup: 20001
                runAsNonRoot: true
                seccompProfile: {type: RuntimeDefault}
                """), agentPod.path("securityContext"));
        assertEquals(yaml("""
                privileged: false
                allowPrivilegeEscalation: false
                readOnlyRootFilesystem: true
                capabilities: {drop: [ALL]}
                """), agent.path("securityContext"));
    }

    @Test
    void hostPathsCanBeLeftOutAndAdded() {
        List<String> paths = elements(agentPod.path("volumes"), v -> v.has("hostPath")).stream()
                .map(v -> v.at("/hostPath/path").asText()).sorted().toList();
        assertFalse(paths.contains("/var/lib/containers"));
        assertTrue(paths.contains("/var/lib/containerd"));
        assertTrue(paths.contains("/etc/kubernetes/kubelet.conf.d"));
        JsonNode dropIns = element(agent.path("volumeMounts"), "name", "host-kubelet-drop-ins");
        assertEquals(yaml("{name: host-kubelet-drop-ins, mountPath: /host/etc/kubernetes/kubelet.conf.d, "
                + "readOnly: true}"), dropIns, "recursiveReadOnly \"\" leaves the field out (Kubernetes < 1.30)");
    }

    @Test
    void agentOptionsReachItsCommandLineAndPod() {
        assertEquals(List.of("agent", "--root", "/host", "--mounted",
                "--collector-url", "https://audit-ra2check-collector.conformance.svc:9443",
                "--collector-ca-file", "/etc/ra2check/collector-ca/ca.crt",
                "--token-file", "/var/run/secrets/ra2check/token",
                "--interval", "30m", "--listen", ":19102", "--profile", "network-intensive"),
                texts(agent.path("args")));
        assertEquals(19102, agent.at("/ports/0/containerPort").asInt());
        assertEquals("system-node-critical", agentPod.path("priorityClassName").asText());
        assertEquals(yaml("{audience: ra2check.example.com, expirationSeconds: 3600, path: token}"),
                element(agentPod.path("volumes"), "name", "collector-token").at("/projected/sources/0/"
                        + "serviceAccountToken"));
    }

    @Test
    void aProvidedSecretReplacesTheGeneratedOneForBothSides() {
        assertTrue(r.ofKind("Secret").isEmpty(), "nothing generated: the Secret is provided");
        assertEquals("collector-cert", element(agentPod.path("volumes"), "name", "collector-ca")
                .at("/secret/secretName").asText());
        assertEquals("collector-cert", element(r.node("Deployment", "audit-ra2check-collector")
                .at("/spec/template/spec/volumes"), "name", "tls").at("/secret/secretName").asText());
        assertTrue(api.requests().isEmpty(), "no lookup without a Secret to generate: " + api.requests());
    }

    @Test
    void collectorOptionsReachItsConfigMapServiceAndBudget() {
        JsonNode data = r.ofKind("ConfigMap").get(0).node().path("data");
        assertEquals(":9443", data.path("RA2CHECK_LISTEN").asText());
        assertEquals("ra2check.example.com", data.path("RA2CHECK_AUDIENCE").asText());
        assertEquals("conformance/audit-ra2check-agent", data.path("RA2CHECK_AGENT_SERVICE_ACCOUNT").asText());
        assertEquals("conformance", data.path("RA2CHECK_NAMESPACE").asText());
        assertEquals("ra2check-leader", data.path("RA2CHECK_LEASE_NAME").asText());
        assertEquals(yaml("[ra2check-leader]"), r.node("Role", "audit-ra2check-collector").at("/rules/1/resourceNames"));
        assertEquals(9443, r.node("Service", "audit-ra2check-collector").at("/spec/ports/0/port").asInt());
        assertEquals(3, r.node("Deployment", "audit-ra2check-collector").at("/spec/replicas").asInt());
        assertEquals(2, r.node("PodDisruptionBudget", "audit-ra2check-collector").at("/spec/minAvailable").asInt());
    }

    @Test
    void newSettingsGiveTheConfigMapANewName() {
        String defaults = Chart.objects(Chart.render("audit", "conformance", "")).ofKind("ConfigMap").get(0).name();
        String changed = r.ofKind("ConfigMap").get(0).name();
        assertFalse(defaults.equals(changed), "an immutable ConfigMap cannot take new data under its old name");
        assertEquals(changed, collector.at("/envFrom/0/configMapRef/name").asText());
    }
}
