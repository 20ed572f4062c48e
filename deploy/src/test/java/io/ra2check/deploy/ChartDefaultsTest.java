package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ra2check.workload.KubeObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.ra2check.deploy.Trees.containsAll;
import static io.ra2check.deploy.Trees.element;
import static io.ra2check.deploy.Trees.elements;
import static io.ra2check.deploy.Trees.texts;
import static io.ra2check.deploy.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code helm template ra2check deploy/helm/ra2check -n ra2check} with the default values, rendered by the real Helm
 * and asserted object by object: what is installed, with which identity, privileges, mounts and permissions.
 */
class ChartDefaultsTest {
    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    Chart.Rendered r;
    JsonNode agentPod;
    JsonNode agent;
    JsonNode collectorPod;
    JsonNode collector;

    @BeforeEach
    void render() {
        r = Chart.objects(Chart.render());
        agentPod = r.node("DaemonSet", "ra2check-agent").at("/spec/template/spec");
        agent = element(agentPod.path("containers"), "name", "agent");
        collectorPod = r.node("Deployment", "ra2check-collector").at("/spec/template/spec");
        collector = element(collectorPod.path("containers"), "name", "collector");
    }

    @Test
    void installsExactlyTheAgentTheCollectorAndTheirIdentitiesAndPermissions() {
        List<String> objects = new ArrayList<>(r.kindsAndNames());
        String configMap = r.ofKind("ConfigMap").get(0).name();
        assertTrue(configMap.matches("ra2check-collector-[0-9a-f]{10}"), configMap);
        objects.remove("ConfigMap/" + configMap);
        assertEquals(List.of(
                "ClusterRole/ra2check-collector",
                "ClusterRoleBinding/ra2check-collector",
                "DaemonSet/ra2check-agent",
                "Deployment/ra2check-collector",
                "PodDisruptionBudget/ra2check-collector",
                "Role/ra2check-collector",
                "Role/ra2check-collector-reader",
                "RoleBinding/ra2check-collector",
                "Secret/ra2check-collector-tls",
                "Service/ra2check-collector",
                "ServiceAccount/ra2check-agent",
                "ServiceAccount/ra2check-collector",
                "ValidatingAdmissionPolicy/ra2check-collector-node-keys",
                "ValidatingAdmissionPolicyBinding/ra2check-collector-node-keys"), objects);
    }

    @Test
    void readersNeedTheReaderRoleAndTheNetworkPolicyIsOptIn() {
        assertEquals(yaml("[{apiGroups: [ra2check.io], resources: [reports], verbs: [get]}]"),
                r.node("Role", "ra2check-collector-reader").path("rules"));
        assertTrue(r.ofKind("NetworkPolicy").isEmpty(), "the agents' sources (node addresses) must be given");
        assertTrue(r.ofKind("RoleBinding").stream().noneMatch(b -> b.name().endsWith("-reader")), "no reader by default");
    }

    @Test
    void helmOnlyReadsFromTheClusterToRender() {
        assertFalse(api.requests().isEmpty(), "the TLS Secret is looked up, to be kept across upgrades");
        assertTrue(api.requests().stream().allMatch(q -> q.startsWith("GET ")), api.requests().toString());
    }

    @Test
    void namespacedObjectsAreInTheReleaseNamespaceAndClusterObjectsInNone() {
        Set<String> clusterScoped = Set.of("ClusterRole", "ClusterRoleBinding", "ValidatingAdmissionPolicy",
                "ValidatingAdmissionPolicyBinding");
        for (KubeObject o : r.all()) {
            if (clusterScoped.contains(o.kind())) {
                assertEquals(null, o.namespace(), o.kind());
            } else {
                assertEquals("ra2check", o.namespace(), o.kind() + "/" + o.name());
            }
        }
    }

    @Test
    void everyObjectCarriesTheRecommendedLabels() {
        for (KubeObject o : r.all()) {
            JsonNode labels = o.node().at("/metadata/labels");
            assertEquals("ra2check", labels.path("app.kubernetes.io/name").asText(), o.name());
            assertEquals("0.1.0", labels.path("app.kubernetes.io/version").asText(), o.name());
            assertEquals("ra2check", labels.path("app.kubernetes.io/part-of").asText(), o.name());
            assertEquals("ra2check", labels.path("app.kubernetes.io/instance").asText(), o.name());
            assertTrue(Set.of("agent", "collector").contains(labels.path("app.kubernetes.io/component").asText()),
                    o.name());
        }
    }

    @Nested
    class Agent {
        @Test
        void isNotPrivilegedDropsEveryCapabilityAndCannotEscalate() {
            assertEquals(yaml("""
                    privileged: false
                    allowPrivilegeEscalation: false
                    readOnlyRootFilesystem: true
                    capabilities: {drop: [ALL]}
                    """), agent.path("securityContext"));
        }

        @Test
        void runsAsRootByDefaultOnlyForTheSmbiosTableUnderRuntimeDefaultSeccomp() {
            assertEquals(yaml("""
                    runAsUser: 0
                    runAsGroup: 0
                    runAsNonRoot: false
                    seccompProfile: {type: RuntimeDefault}
                    """), agentPod.path("securityContext"));
        }

        @Test
        void usesTheHostNetworkWithClusterDnsButNeitherHostPidNorIpc() {
            assertTrue(agentPod.path("hostNetwork").asBoolean());
            assertEquals("ClusterFirstWithHostNet", agentPod.path("dnsPolicy").asText());
            assertFalse(agentPod.path("hostPID").asBoolean(true));
            assertFalse(agentPod.path("hostIPC").asBoolean(true));
        }

        @Test
        void toleratesEveryTaint() {
            assertEquals(yaml("[{operator: Exists}]"), agentPod.path("tolerations"));
        }

        @Test
        void mountsExactlyTheHostPathsItReadsReadOnlyUnderHost() {
            Map<String, String> hostPaths = new TreeMap<>();
            for (JsonNode v : elements(agentPod.path("volumes"), v -> v.has("hostPath"))) {
                // "" and not Directory, File or DirectoryOrCreate: see the template and docs/deploy.md
                assertEquals("", v.at("/hostPath/type").asText("missing"), v.toString());
                JsonNode mount = element(agent.path("volumeMounts"), "name", v.path("name").asText());
                assertEquals("/host" + v.at("/hostPath/path").asText(), mount.path("mountPath").asText());
                assertTrue(mount.path("readOnly").asBoolean(), mount.toString());
                assertEquals("IfPossible", mount.path("recursiveReadOnly").asText(), mount.toString());
                hostPaths.put(v.at("/hostPath/path").asText(), mount.path("mountPath").asText());
            }
            assertEquals(List.of("/boot", "/etc/os-release", "/proc", "/sys", "/usr/lib/os-release",
                    "/var/lib/containerd", "/var/lib/containers", "/var/lib/kubelet/config.yaml"),
                    new ArrayList<>(hostPaths.keySet()));
        }

        @Test
        void everyWritableMountIsScratchSpaceNotTheHost() {
            for (JsonNode mount : agent.path("volumeMounts")) {
                if (!mount.path("readOnly").asBoolean()) {
                    JsonNode volume = element(agentPod.path("volumes"), "name", mount.path("name").asText());
                    assertTrue(volume.has("emptyDir"), "writable mount of " + volume);
                    assertEquals("/tmp", mount.path("mountPath").asText());
                }
            }
        }

        @Test
        void holdsNoApiTokenOnlyAShortLivedTokenForTheCollectorAndItsCa() {
            assertFalse(agentPod.path("automountServiceAccountToken").asBoolean(true));
            assertFalse(r.node("ServiceAccount", "ra2check-agent").path("automountServiceAccountToken")
                    .asBoolean(true));
            JsonNode token = element(agentPod.path("volumes"), "name", "collector-token")
                    .at("/projected/sources/0/serviceAccountToken");
            assertEquals(yaml("{audience: ra2check-collector.ra2check.svc, expirationSeconds: 600, path: token}"),
                    token);
            assertEquals("/var/run/secrets/ra2check",
                    element(agent.path("volumeMounts"), "name", "collector-token").path("mountPath").asText());
            JsonNode ca = element(agentPod.path("volumes"), "name", "collector-ca").path("secret");
            assertEquals("ra2check-collector-tls", ca.path("secretName").asText());
            assertEquals(yaml("[{key: ca.crt, path: ca.crt}]"), ca.path("items"), "the CA, never the private key");
        }

        @Test
        void runsTheAgentCommandAgainstTheCollectorService() {
            assertEquals(List.of("agent", "--root", "/host", "--mounted",
                    "--collector-url", "https://ra2check-collector.ra2check.svc:8443",
                    "--collector-ca-file", "/etc/ra2check/collector-ca/ca.crt",
                    "--token-file", "/var/run/secrets/ra2check/token",
                    "--interval", "10m", "--listen", ":9102"), texts(agent.path("args")));
            assertFalse(agent.has("command"), "the image's entrypoint runs the agent jar");
            assertEquals(yaml("[{name: NODE_NAME, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]"),
                    agent.path("env"));
            assertEquals("ra2check:0.1.0", agent.path("image").asText());
        }

        @Test
        void hasProbesOnItsListenPortAndResourceRequestsAndLimits() {
            assertEquals(yaml("[{name: http, containerPort: 9102, protocol: TCP}]"), agent.path("ports"));
            assertEquals("/healthz", agent.at("/livenessProbe/httpGet/path").asText());
            assertEquals("http", agent.at("/livenessProbe/httpGet/port").asText());
            assertEquals("/readyz", agent.at("/readinessProbe/httpGet/path").asText());
            assertEquals(yaml("{requests: {cpu: 20m, memory: 128Mi}, limits: {cpu: 500m, memory: 192Mi}}"),
                    agent.path("resources"));
        }

        @Test
        void noRbacBindingGrantsTheAgentAnything() {
            for (KubeObject binding : r.all()) {
                if (binding.kind().endsWith("Binding")) {
                    for (JsonNode subject : binding.node().path("subjects")) {
                        assertFalse(subject.path("name").asText().equals("ra2check-agent"), binding.name());
                    }
                }
            }
        }
    }

    @Nested
    class Collector {
        @Test
        void runsTwoReplicasAsNonRootWithAReadOnlyRootAndNoHostAccess() {
            assertEquals(2, r.node("Deployment", "ra2check-collector").at("/spec/replicas").asInt());
            assertEquals(yaml("""
                    runAsUser: 65532
                    runAsGroup: 65532
                    runAsNonRoot: true
                    fsGroup: 65532
                    seccompProfile: {type: RuntimeDefault}
                    """), collectorPod.path("securityContext"));
            assertEquals(yaml("""
                    privileged: false
                    allowPrivilegeEscalation: false
                    readOnlyRootFilesystem: true
                    runAsNonRoot: true
                    capabilities: {drop: [ALL]}
                    """), collector.path("securityContext"));
            assertFalse(collectorPod.has("hostNetwork"));
            assertFalse(collectorPod.has("hostPID"));
            assertEquals(List.of(), elements(collectorPod.path("volumes"), v -> v.has("hostPath")));
        }

        @Test
        void hasLivenessReadinessAndStartupProbesOverHttps() {
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertEquals("HTTPS", collector.at("/" + probe + "/httpGet/scheme").asText(), probe);
                assertEquals("https", collector.at("/" + probe + "/httpGet/port").asText(), probe);
            }
            assertEquals("/healthz", collector.at("/livenessProbe/httpGet/path").asText());
            assertEquals("/readyz", collector.at("/readinessProbe/httpGet/path").asText());
            assertEquals(yaml("{requests: {cpu: 50m, memory: 256Mi}, limits: {cpu: '1', memory: 320Mi}}"),
                    collector.path("resources"));
        }

        @Test
        void takesEverySettingFromTheImmutableConfigMapAsFlags() {
            KubeObject configMap = r.ofKind("ConfigMap").get(0);
            assertTrue(configMap.node().path("immutable").asBoolean());
            assertEquals(configMap.name(), collector.at("/envFrom/0/configMapRef/name").asText());
            assertEquals(yaml("[{name: MALLOC_ARENA_MAX, value: '2'}]"), collector.path("env"));
            JsonNode data = configMap.node().path("data");
            assertEquals(yaml("""
                    RA2CHECK_LISTEN: ":8443"
                    RA2CHECK_TLS_CERT_FILE: /etc/ra2check/tls/tls.crt
                    RA2CHECK_TLS_KEY_FILE: /etc/ra2check/tls/tls.key
                    RA2CHECK_AUDIENCE: ra2check-collector.ra2check.svc
                    RA2CHECK_AGENT_SERVICE_ACCOUNT: ra2check/ra2check-agent
                    RA2CHECK_NAMESPACE: ra2check
                    RA2CHECK_LEASE_NAME: ra2check-collector
                    RA2CHECK_REPORT_INTERVAL: 10m
                    RA2CHECK_STALE_AFTER_MISSED: "3"
                    RA2CHECK_NODE_FEATURES: "true"
                    RA2CHECK_WORKLOAD_NAMESPACES: ""
                    RA2CHECK_REPORT_API: auto
                    """), data);
            List<String> args = texts(collector.path("args"));
            assertEquals(List.of("--agent-service-account=$(RA2CHECK_AGENT_SERVICE_ACCOUNT)",
                    "--audience=$(RA2CHECK_AUDIENCE)", "--lease-name=$(RA2CHECK_LEASE_NAME)",
                    "--listen=$(RA2CHECK_LISTEN)", "--namespace=$(RA2CHECK_NAMESPACE)",
                    "--report-interval=$(RA2CHECK_REPORT_INTERVAL)",
                    "--stale-after-missed=$(RA2CHECK_STALE_AFTER_MISSED)",
                    "--tls-cert-file=$(RA2CHECK_TLS_CERT_FILE)", "--tls-key-file=$(RA2CHECK_TLS_KEY_FILE)",
                    "--workload-namespaces=$(RA2CHECK_WORKLOAD_NAMESPACES)"), args);
            for (String arg : args) {
                String variable = arg.substring(arg.indexOf("$(") + 2, arg.length() - 1);
                assertTrue(data.has(variable), arg + " expands a variable the ConfigMap does not set");
            }
        }

        @Test
        void acceptsOnlyTheAgentsTokensForTheAudienceTheAgentsAreGiven() {
            JsonNode data = r.ofKind("ConfigMap").get(0).node().path("data");
            assertEquals(agentPod.at("/volumes").findValue("audience").asText(), data.path("RA2CHECK_AUDIENCE")
                    .asText());
            assertEquals("ra2check/" + r.node("DaemonSet", "ra2check-agent").at("/spec/template/spec/"
                    + "serviceAccountName").asText(), data.path("RA2CHECK_AGENT_SERVICE_ACCOUNT").asText());
        }

        @Test
        void mountsItsApiTokenExplicitlyInsteadOfByDefault() {
            assertFalse(collectorPod.path("automountServiceAccountToken").asBoolean(true));
            JsonNode sources = element(collectorPod.path("volumes"), "name", "kube-api-access").at("/projected/sources");
            assertEquals(3607, sources.findValue("expirationSeconds").asInt());
            assertEquals("kube-root-ca.crt", sources.findValue("configMap").path("name").asText());
            assertEquals("/var/run/secrets/kubernetes.io/serviceaccount",
                    element(collector.path("volumeMounts"), "name", "kube-api-access").path("mountPath").asText());
            JsonNode tls = element(collectorPod.path("volumes"), "name", "tls").path("secret");
            assertEquals(yaml("{secretName: ra2check-collector-tls, defaultMode: 0440}"), tls);
        }

        @Test
        void runsTheCollectorJarOfTheSharedImage() {
            List<String> command = texts(collector.path("command"));
            assertEquals("/opt/java/bin/java", command.get(0));
            assertEquals(List.of("-jar", "/opt/ra2check/ra2check-collector.jar"),
                    command.subList(command.size() - 2, command.size()));
            assertEquals(agent.path("image"), collector.path("image"), "one image for agent and collector");
        }

        @Test
        void theClusterRoleHoldsOnlyWhatTheCollectorUses() {
            assertEquals(yaml("""
                    - {apiGroups: [""], resources: [nodes], verbs: [list, watch, patch]}
                    - {apiGroups: [""], resources: [nodes/status], verbs: [patch]}
                    - {apiGroups: [events.k8s.io], resources: [events], verbs: [create]}
                    - {apiGroups: [apiextensions.k8s.io], resources: [customresourcedefinitions],
                       resourceNames: [clusterreports.openreports.io, clusterpolicyreports.wgpolicyk8s.io],
                       verbs: [get]}
                    - {apiGroups: [openreports.io], resources: [clusterreports], verbs: [get, create, update]}
                    - {apiGroups: [wgpolicyk8s.io], resources: [clusterpolicyreports], verbs: [get, create, update]}
                    - {apiGroups: [""], resources: [pods], verbs: [list, watch]}
                    - {apiGroups: [authentication.k8s.io], resources: [tokenreviews], verbs: [create]}
                    - {apiGroups: [authorization.k8s.io], resources: [subjectaccessreviews], verbs: [create]}
                    - {apiGroups: [""], resources: [services], verbs: [list]}
                    - {apiGroups: [apps], resources: [daemonsets, deployments], verbs: [list]}
                    - {apiGroups: [storage.k8s.io], resources: [storageclasses, csidrivers], verbs: [list]}
                    - {apiGroups: [networking.k8s.io], resources: [ingressclasses], verbs: [list]}
                    - {apiGroups: [gateway.networking.k8s.io], resources: [gatewayclasses], verbs: [list]}
                    - {apiGroups: [cert-manager.io], resources: [clusterissuers, issuers], verbs: [list]}
                    - {apiGroups: [k8s.cni.cncf.io], resources: [network-attachment-definitions], verbs: [list]}
                    - {apiGroups: [apiextensions.k8s.io], resources: [customresourcedefinitions],
                       resourceNames: [nodefeatures.nfd.k8s-sigs.io], verbs: [get]}
                    """), r.node("ClusterRole", "ra2check-collector").path("rules"));
            JsonNode binding = r.node("ClusterRoleBinding", "ra2check-collector");
            assertEquals(yaml("{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ra2check-collector}"),
                    binding.path("roleRef"));
            assertEquals(yaml("[{kind: ServiceAccount, name: ra2check-collector, namespace: ra2check}]"),
                    binding.path("subjects"));
        }

        @Test
        void theRoleOnlyManagesItsOwnLeaseInItsNamespace() {
            JsonNode role = r.node("Role", "ra2check-collector");
            assertEquals("ra2check", role.at("/metadata/namespace").asText());
            assertEquals(yaml("""
                    - {apiGroups: [coordination.k8s.io], resources: [leases], verbs: [create]}
                    - {apiGroups: [coordination.k8s.io], resources: [leases], resourceNames: [ra2check-collector],
                       verbs: [get, patch]}
                    - {apiGroups: [""], resources: [pods], verbs: [get]}
                    - {apiGroups: [nfd.k8s-sigs.io], resources: [nodefeatures], verbs: [get, create, update]}
                    """), role.path("rules"));
            assertEquals(yaml("[{kind: ServiceAccount, name: ra2check-collector, namespace: ra2check}]"),
                    r.node("RoleBinding", "ra2check-collector").path("subjects"));
            assertEquals("ra2check-collector", r.ofKind("ConfigMap").get(0).node().at("/data/RA2CHECK_LEASE_NAME")
                    .asText(), "the lease the collector elects with is the one it may update");
        }

        @Test
        void theServiceIsClusterIpOnlyAndSelectsTheCollectorPods() {
            JsonNode service = r.node("Service", "ra2check-collector").path("spec");
            assertEquals("ClusterIP", service.path("type").asText());
            assertEquals(yaml("[{name: https, port: 8443, targetPort: https, protocol: TCP}]"), service.path("ports"));
            JsonNode podLabels = r.node("Deployment", "ra2check-collector").at("/spec/template/metadata/labels");
            assertTrue(containsAll(podLabels, service.path("selector")));
            assertFalse(containsAll(r.node("DaemonSet", "ra2check-agent").at("/spec/template/metadata/labels"),
                    service.path("selector")), "agents must not receive reports");
        }

        @Test
        void aDisruptionBudgetKeepsOneReplicaUp() {
            JsonNode pdb = r.node("PodDisruptionBudget", "ra2check-collector").path("spec");
            assertEquals(1, pdb.path("minAvailable").asInt());
            assertTrue(containsAll(r.node("Deployment", "ra2check-collector").at("/spec/template/metadata/labels"),
                    pdb.at("/selector/matchLabels")));
        }

        @Test
        void pinsTheImageTagToTheChartsAppVersion() {
            assertEquals("ra2check:0.1.0", collector.path("image").asText());
        }
    }
}
