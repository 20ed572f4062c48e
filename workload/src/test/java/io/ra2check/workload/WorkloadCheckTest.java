package io.ra2check.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ra2check.report.Outcome;
import io.ra2check.report.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each workload rule on a compliant set of manifests (everything passes or is MANUAL) and with the one field that
 * breaks it.
 */
class WorkloadCheckTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** A workload that meets every rule a manifest can settle. */
    private static final String COMPLIANT = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: LimitRange
            metadata: {name: limits, namespace: shop}
            spec:
              limits:
              - type: Container
                default: {cpu: 500m, memory: 256Mi}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata:
                  labels:
                    app: web
                    app.kubernetes.io/name: web
                    app.kubernetes.io/version: "1.4.2"
                    app.kubernetes.io/part-of: shop
                spec:
                  automountServiceAccountToken: false
                  securityContext:
                    runAsUser: 10001
                    runAsGroup: 10001
                    runAsNonRoot: true
                    seccompProfile: {type: RuntimeDefault}
                  initContainers:
                  - name: migrate
                    image: registry.example.com:5000/shop/web:1.4.2
                    resources: {limits: {cpu: 100m, memory: 64Mi}}
                    securityContext:
                      readOnlyRootFilesystem: true
                      allowPrivilegeEscalation: false
                  containers:
                  - name: web
                    image: registry.example.com:5000/shop/web:1.4.2
                    args: ["--listen", "0.0.0.0:8080", "--db", "db.shop.svc:5432"]
                    ports: [{name: http, containerPort: 8080}]
                    livenessProbe: {httpGet: {path: /healthz, port: http}}
                    readinessProbe: {httpGet: {path: /readyz, port: http}, initialDelaySeconds: 5}
                    resources:
                      requests: {cpu: 100m, memory: 128Mi}
                      limits: {cpu: "1", memory: 256Mi}
                    securityContext:
                      readOnlyRootFilesystem: true
                      allowPrivilegeEscalation: false
                      privileged: false
                      capabilities: {drop: [ALL]}
                    volumeMounts: [{name: tmp, mountPath: /tmp}]
                  volumes:
                  - name: tmp
                    emptyDir: {}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: http}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-3f2a9c, namespace: shop}
            immutable: true
            data: {mode: production}
            """;

    private List<JsonNode> objects;

    @BeforeEach
    void compliantSet() throws Exception {
        objects = new ArrayList<>();
        for (KubeObject o : Manifests.parse(COMPLIANT, "compliant.yaml")) {
            objects.add(o.node().deepCopy());
        }
    }

    private ObjectNode object(String kind) {
        return (ObjectNode) objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow();
    }

    private ObjectNode podSpec() {
        return (ObjectNode) object("Deployment").at("/spec/template/spec");
    }

    private ObjectNode container() {
        return (ObjectNode) podSpec().at("/containers/0");
    }

    private WorkloadReport check() {
        return WorkloadCheck.check(objects, Set.of());
    }

    /** The single finding of a rule on an object of a kind. */
    private static WorkloadFinding finding(WorkloadReport r, String rule, String kind) {
        List<WorkloadFinding> fs = r.forRule(rule).stream().filter(f -> f.object().kind().equals(kind)).toList();
        assertEquals(1, fs.size(), () -> rule + " on " + kind + ": " + fs);
        return fs.get(0);
    }

    private WorkloadFinding judge(String rule, String kind) {
        return finding(check(), rule, kind);
    }

    private void assertFails(String rule, String kind) {
        WorkloadFinding f = judge(rule, kind);
        assertEquals(Outcome.FAIL, f.outcome(), f::describe);
        assertTrue(f.verdict().remediation() != null && !f.verdict().remediation().isBlank(), f::describe);
    }

    private void assertPasses(String rule, String kind) {
        WorkloadFinding f = judge(rule, kind);
        assertEquals(Outcome.PASS, f.outcome(), f::describe);
    }

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theCompliantSetIsConformantAndOnlyTheUnjudgeableRulesAreManual() {
        WorkloadReport r = check();
        assertTrue(r.conformant(), r::describe);
        assertEquals(Set.of(), r.rulesWithOutcome(Outcome.UNKNOWN), r::describe);
        assertEquals(Set.of(), r.rulesWithOutcome(Outcome.FAIL), r::describe);
        assertEquals(Set.of("ra2.app.038", "ra2.app.039", "ra2.app.040", "ra2.app.046"),
                r.rulesWithOutcome(Outcome.MANUAL), r::describe);
    }

    @Test
    void everyRuleReportsOnTheCompliantSetNoneIsDropped() {
        Set<String> reported = check().findings().stream().map(WorkloadFinding::ruleId).collect(Collectors.toSet());
        Set<String> all = WorkloadRules.all().stream().map(WorkloadRule::id).collect(Collectors.toSet());
        assertEquals(all, reported);
    }

    @Test
    void findingsCarryTheObjectTheManifestPathAndTheRuleLevel() {
        container().withObjectProperty("securityContext").put("readOnlyRootFilesystem", false);
        WorkloadFinding f = judge("ra2.app.033", "Deployment");
        assertEquals("Deployment shop/web", f.object().display());
        assertEquals("object #3", f.object().origin());
        assertEquals(Status.FAIL, f.status());
        assertEquals(WorkloadCheck.JUDGED_BY, f.verdict().judgedBy());
        assertTrue(f.verdict().evidence().stream().anyMatch(e -> e.source()
                .equals("Deployment/web spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem")
                && e.value().equals("container web: false")), () -> f.verdict().evidence().toString());
    }

    @Test
    void aFailedShouldRuleIsAWarningNotAFailure() {
        container().withObjectProperty("securityContext").remove("allowPrivilegeEscalation");
        WorkloadFinding f = judge("ra2.app.043", "Deployment");
        assertEquals(Outcome.FAIL, f.outcome());
        assertEquals(Status.WARN, f.status());
        assertFalse(check().conformant());
    }

    @Nested
    class HostAccess {
        @Test
        void app007HostPathVolumesFail() {
            ((ArrayNode) podSpec().get("volumes")).add(yaml("{name: sys, hostPath: {path: /sys}}"));
            assertFails("ra2.app.007", "Deployment");
            WorkloadFinding f = judge("ra2.app.007", "Deployment");
            assertTrue(f.verdict().evidence().stream().anyMatch(e -> e.source()
                    .equals("Deployment/web spec.template.spec.volumes[1].hostPath.path")
                    && e.value().startsWith("/sys")), () -> f.verdict().evidence().toString());
        }

        @Test
        void app025LocalVolumesFailOnPodsPersistentVolumesAndStorageClasses() {
            assertPasses("ra2.app.025", "Deployment");
            objects.add(yaml("{apiVersion: v1, kind: PersistentVolume, metadata: {name: pv1}, spec: {local: {path: "
                    + "/mnt/disk1}}}"));
            objects.add(yaml("{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: local}, "
                    + "provisioner: kubernetes.io/no-provisioner}"));
            ((ArrayNode) podSpec().get("volumes")).add(yaml("{name: data, hostPath: {path: /data}}"));
            assertFails("ra2.app.025", "PersistentVolume");
            assertFails("ra2.app.025", "StorageClass");
            assertFails("ra2.app.025", "Deployment");
        }

        @Test
        void app028ASocketOrADirectoryAboveOneFailsOtherHostPathsDoNot() {
            ((ArrayNode) podSpec().get("volumes")).add(yaml("{name: storage, hostPath: {path: /var/lib/containerd}}"));
            assertPasses("ra2.app.028", "Deployment");
            ((ArrayNode) podSpec().get("volumes")).add(yaml("{name: run, hostPath: {path: /run/containerd/}}"));
            assertFails("ra2.app.028", "Deployment");
            ((ArrayNode) podSpec().get("volumes")).remove(2);
            ((ArrayNode) podSpec().get("volumes")).add(yaml("{name: docker, hostPath: {path: /var/run/docker.sock, "
                    + "type: Socket}}"));
            assertFails("ra2.app.028", "Deployment");
        }

        @Test
        void app030HostNetworkFails() {
            podSpec().put("hostNetwork", false);
            assertPasses("ra2.app.030", "Deployment");
            podSpec().put("hostNetwork", true);
            assertFails("ra2.app.030", "Deployment");
        }

        @Test
        void app031HostPidOrHostIpcFails() {
            podSpec().put("hostPID", true);
            assertFails("ra2.app.031", "Deployment");
            podSpec().remove("hostPID");
            podSpec().put("hostIPC", true);
            assertFails("ra2.app.031", "Deployment");
        }

        @Test
        void app047HostPortsAndPortsOnTheHostNetworkFail() {
            ((ObjectNode) container().at("/ports/0")).put("hostPort", 8080);
            assertFails("ra2.app.047", "Deployment");
            ((ObjectNode) container().at("/ports/0")).remove("hostPort");
            podSpec().put("hostNetwork", true);
            WorkloadFinding f = judge("ra2.app.047", "Deployment");
            assertEquals(Outcome.FAIL, f.outcome());
            assertEquals(Status.WARN, f.status());
            assertTrue(f.verdict().actual().contains("8080/TCP"), f::describe);
        }

        @Test
        void app047TheHostNetworkWithoutDeclaredPortsNeedsAPerson() {
            podSpec().put("hostNetwork", true);
            container().remove("ports");
            assertEquals(Outcome.MANUAL, judge("ra2.app.047", "Deployment").outcome());
        }
    }

    @Nested
    class Probes {
        @Test
        void app026AContainerWithoutLivenessProbeFails() {
            container().remove("livenessProbe");
            assertFails("ra2.app.026", "Deployment");
            assertTrue(judge("ra2.app.026", "Deployment").verdict().actual().contains("web"));
        }

        @Test
        void app027AContainerWithoutReadinessProbeFails() {
            container().remove("readinessProbe");
            assertFails("ra2.app.027", "Deployment");
        }

        @Test
        void initContainersNeedNoProbes() {
            assertPasses("ra2.app.026", "Deployment");
            assertTrue(podSpec().at("/initContainers/0/livenessProbe").isMissingNode());
        }

        @Test
        void app040AReadinessProbeDelayedBeyondAMinuteFailsOtherwiseManual() {
            assertEquals(Outcome.MANUAL, judge("ra2.app.040", "Deployment").outcome());
            ((ObjectNode) container().get("readinessProbe")).put("initialDelaySeconds", 90);
            WorkloadFinding f = judge("ra2.app.040", "Deployment");
            assertEquals(Outcome.FAIL, f.outcome());
            assertEquals(Status.WARN, f.status());
        }
    }

    @Nested
    class ServiceAccountsImagesAndAddresses {
        @Test
        void app029AutomountUnsetOrTrueFails() {
            podSpec().remove("automountServiceAccountToken");
            assertFails("ra2.app.029", "Deployment");
            podSpec().put("automountServiceAccountToken", true);
            assertFails("ra2.app.029", "Deployment");
        }

        @Test
        void app034LatestNoTagOrOnlyARegistryPortFailsADigestPasses() {
            for (String image : List.of("web:latest", "web", "registry.example.com:5000/shop/web")) {
                container().put("image", image);
                assertFails("ra2.app.034", "Deployment");
            }
            container().put("image", "registry.example.com:5000/shop/web@sha256:" + "a".repeat(64));
            assertPasses("ra2.app.034", "Deployment");
        }

        @Test
        void app034InitContainerImagesCountToo() {
            ((ObjectNode) podSpec().at("/initContainers/0")).put("image", "busybox");
            assertFails("ra2.app.034", "Deployment");
        }

        @Test
        void app035AddressesInArgsOrEnvFailWildcardsLoopbackAndImageTagsDoNot() {
            container().putArray("env").add(yaml("{name: UPSTREAM, value: \"http://10.96.0.12:8080/\"}"));
            container().put("image", "web:1.2.3.4");
            WorkloadFinding f = judge("ra2.app.035", "Deployment");
            assertEquals(Outcome.FAIL, f.outcome());
            assertEquals(1, f.verdict().evidence().size(), f::describe);
            assertEquals("Deployment/web spec.template.spec.containers[0].env[0].value",
                    f.verdict().evidence().get(0).source());
            container().putArray("env").add(yaml("{name: UPSTREAM, value: \"fd00:10:96::12\"}"));
            assertFails("ra2.app.035", "Deployment");
            container().putArray("env").add(yaml("{name: LOCAL, value: \"127.0.0.1:9000 [::1]:9000 [::]:80\"}"));
            assertPasses("ra2.app.035", "Deployment");
        }
    }

    @Nested
    class ServicesConfigMapsAndNamespaces {
        @Test
        void app036NodePortTypeOrNodePortFieldFailsLoadBalancerPasses() {
            object("Service").withObjectProperty("spec").put("type", "NodePort");
            assertFails("ra2.app.036", "Service");
            object("Service").withObjectProperty("spec").put("type", "LoadBalancer");
            assertPasses("ra2.app.036", "Service");
            ((ObjectNode) object("Service").at("/spec/ports/0")).put("nodePort", 30080);
            assertFails("ra2.app.036", "Service");
        }

        @Test
        void app037AMutableConfigMapFails() {
            object("ConfigMap").remove("immutable");
            assertFails("ra2.app.037", "ConfigMap");
        }

        @Test
        void app032AContainerOrInitContainerWithoutALimitFails() {
            ((ObjectNode) container().at("/resources/limits")).remove("memory");
            assertFails("ra2.app.032", "Deployment");
            compliantSetQuietly();
            ((ObjectNode) podSpec().at("/initContainers/0")).remove("resources");
            assertFails("ra2.app.032", "Deployment");
        }

        @Test
        void app032ANamespaceWithoutLimitRangeOrQuotaFailsAQuotaOnLimitsPasses() {
            objects.remove(object("LimitRange"));
            assertFails("ra2.app.032", "Namespace");
            objects.add(yaml("{apiVersion: v1, kind: ResourceQuota, metadata: {name: q, namespace: shop}, "
                    + "spec: {hard: {limits.cpu: '8', limits.memory: 16Gi}}}"));
            assertPasses("ra2.app.032", "Namespace");
        }

        @Test
        void app032ANamespaceTheManifestsDoNotDeclareIsManualNotSkipped() {
            objects.remove(object("Namespace"));
            WorkloadFinding f = judge("ra2.app.032", "Namespace");
            assertEquals(Outcome.MANUAL, f.outcome());
            assertEquals("shop", f.object().name());
        }

        @Test
        void app032ObjectsWithoutANamespaceLiveInTheInstallersNamespace() {
            objects.removeIf(o -> !o.path("kind").asText().equals("Deployment"));
            ((ObjectNode) object("Deployment").get("metadata")).remove("namespace");
            assertEquals(WorkloadCheck.INSTALL_NAMESPACE, judge("ra2.app.032", "Namespace").object().name());
        }

        private void compliantSetQuietly() {
            try {
                compliantSet();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Nested
    class Identity {
        @Test
        void app033ReadOnlyRootFilesystemUnsetFails() {
            container().withObjectProperty("securityContext").remove("readOnlyRootFilesystem");
            assertFails("ra2.app.033", "Deployment");
        }

        @Test
        void app041APrivilegedContainerFails() {
            container().withObjectProperty("securityContext").put("privileged", true);
            assertFails("ra2.app.041", "Deployment");
        }

        @Test
        void app042RootFailsAContainerOverridingThePodWinsNothingSetIsUnknown() {
            podSpec().withObjectProperty("securityContext").put("runAsUser", 0);
            podSpec().withObjectProperty("securityContext").remove("runAsNonRoot");
            assertFails("ra2.app.042", "Deployment");
            container().withObjectProperty("securityContext").put("runAsUser", 2000);
            ((ObjectNode) podSpec().at("/initContainers/0")).withObjectProperty("securityContext").put("runAsUser", 2000);
            assertPasses("ra2.app.042", "Deployment");
            podSpec().withObjectProperty("securityContext").remove("runAsUser");
            container().withObjectProperty("securityContext").remove("runAsUser");
            ((ObjectNode) podSpec().at("/initContainers/0")).withObjectProperty("securityContext").remove("runAsUser");
            WorkloadFinding f = judge("ra2.app.042", "Deployment");
            assertEquals(Outcome.UNKNOWN, f.outcome());
            assertTrue(f.verdict().reason().contains("image's USER"), f::describe);
        }

        @Test
        void app042RunAsNonRootAloneIsEnough() {
            podSpec().withObjectProperty("securityContext").remove("runAsUser");
            assertPasses("ra2.app.042", "Deployment");
        }

        @Test
        void app044IdsOf999OrUnsetFail() {
            podSpec().withObjectProperty("securityContext").put("runAsGroup", 999);
            assertFails("ra2.app.044", "Deployment");
            podSpec().withObjectProperty("securityContext").remove("runAsGroup");
            assertFails("ra2.app.044", "Deployment");
            container().withObjectProperty("securityContext").put("runAsGroup", 1000);
            ((ObjectNode) podSpec().at("/initContainers/0")).withObjectProperty("securityContext").put("runAsGroup", 1000);
            assertPasses("ra2.app.044", "Deployment");
        }

        @Test
        void app045AMissingRecommendedLabelWarns() {
            ((ObjectNode) object("Deployment").at("/spec/template/metadata/labels")).remove("app.kubernetes.io/part-of");
            WorkloadFinding f = judge("ra2.app.045", "Deployment");
            assertEquals(Status.WARN, f.status());
            assertTrue(f.verdict().actual().contains("app.kubernetes.io/part-of"), f::describe);
        }

        @Test
        void app048AnEscalatingSelinuxTypeFailsTheContainerTypesPass() {
            container().withObjectProperty("securityContext").putObject("seLinuxOptions").put("type", "container_t");
            assertPasses("ra2.app.048", "Deployment");
            podSpec().withObjectProperty("securityContext").putObject("seLinuxOptions").put("type", "spc_t");
            assertFails("ra2.app.048", "Deployment");
        }
    }

    @Nested
    class ObjectKinds {
        @Test
        void app016AlphaApisFailExceptNodeFeatureDiscovery() {
            objects.add(yaml("{apiVersion: example.com/v1alpha1, kind: Widget, metadata: {name: w}}"));
            objects.add(yaml("{apiVersion: nfd.k8s-sigs.io/v1alpha1, kind: NodeFeatureRule, metadata: {name: r}}"));
            assertFails("ra2.app.016", "Widget");
            assertPasses("ra2.app.016", "NodeFeatureRule");
            assertPasses("ra2.app.016", "Deployment");
        }

        @Test
        void app038ADaemonSetDoesNotScaleByReplicasADeploymentNeedsAPerson() {
            ObjectNode ds = object("Deployment").deepCopy();
            ds.put("kind", "DaemonSet");
            ((ObjectNode) ds.get("metadata")).put("name", "node-agent");
            ((ObjectNode) ds.get("spec")).remove("replicas");
            objects.add(ds);
            objects.add(yaml("{apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, metadata: {name: web, "
                    + "namespace: shop}, spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}}}"));
            WorkloadReport r = check();
            assertEquals(Outcome.NOT_APPLICABLE, r.forObject("DaemonSet", "node-agent").stream()
                    .filter(f -> f.ruleId().equals("ra2.app.038")).findFirst().orElseThrow().outcome());
            WorkloadFinding deployment = finding(r, "ra2.app.038", "Deployment");
            assertEquals(Outcome.MANUAL, deployment.outcome());
            assertTrue(deployment.verdict().actual().contains("1 HorizontalPodAutoscaler"), deployment::describe);
        }

        @Test
        void aCronJobsAndAPodsContainersAreFoundAtTheirOwnPaths() {
            ObjectNode template = (ObjectNode) object("Deployment").at("/spec/template").deepCopy();
            ((ObjectNode) template.at("/spec/containers/0")).remove("livenessProbe");
            ObjectNode cron = yaml("{apiVersion: batch/v1, kind: CronJob, metadata: {name: nightly, namespace: shop}, "
                    + "spec: {schedule: '0 3 * * *', jobTemplate: {spec: {}}}}");
            ((ObjectNode) cron.at("/spec/jobTemplate/spec")).set("template", template);
            ObjectNode pod = yaml("{apiVersion: v1, kind: Pod, metadata: {name: debug, namespace: shop}}");
            pod.set("metadata", ((ObjectNode) pod.get("metadata")).setAll((ObjectNode) template.get("metadata")));
            pod.set("spec", template.get("spec"));
            objects.add(cron);
            objects.add(pod);
            WorkloadReport r = check();
            assertTrue(finding(r, "ra2.app.026", "CronJob").verdict().evidence().stream().anyMatch(e -> e.source()
                    .equals("CronJob/nightly spec.jobTemplate.spec.template.spec.containers[0].livenessProbe")));
            assertTrue(finding(r, "ra2.app.026", "Pod").verdict().evidence().stream().anyMatch(e -> e.source()
                    .equals("Pod/debug spec.containers[0].livenessProbe")));
            assertEquals(Outcome.FAIL, finding(r, "ra2.app.026", "Pod").outcome());
        }

        @Test
        void aPodTemplateWithoutContainersIsUnknownNotAVacuousPass() {
            podSpec().remove("containers");
            WorkloadFinding f = judge("ra2.app.026", "Deployment");
            assertEquals(Outcome.UNKNOWN, f.outcome());
        }

        @Test
        void objectsNoRuleSpeaksAboutOnlyGetTheApiVersionRule() {
            objects.add(yaml("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r}}"));
            assertEquals(List.of("ra2.app.016"), check().forObject("ClusterRole", "r").stream()
                    .map(WorkloadFinding::ruleId).toList());
        }
    }

    @Nested
    class AllowedExceptions {
        @Test
        void anExceptionKeepsTheFailOutcomeAndSkipsTheStatus() {
            podSpec().put("hostNetwork", true);
            WorkloadReport r = WorkloadCheck.check(objects, Set.of("ra2.app.030", "ra2.app.047"));
            WorkloadFinding f = finding(r, "ra2.app.030", "Deployment");
            assertEquals(Outcome.FAIL, f.outcome());
            assertEquals(Status.SKIP, f.status());
            assertTrue(f.excepted());
            assertTrue(r.conformant(), r::describe);
            assertEquals(List.of(), r.unusedExceptions());
        }

        @Test
        void aScopedExceptionExcusesOnlyItsObject() {
            podSpec().put("hostNetwork", true);
            WorkloadReport r = WorkloadCheck.check(objects, Set.of("ra2.app.030@DaemonSet/web",
                    "ra2.app.047@Deployment/web"));
            assertFalse(finding(r, "ra2.app.030", "Deployment").excepted());
            assertTrue(finding(r, "ra2.app.047", "Deployment").excepted());
            assertEquals(List.of("ra2.app.030@DaemonSet/web"), r.unusedExceptions());
            assertFalse(r.conformant());
        }

        @Test
        void anExceptionForARuleThatPassesIsReportedUnused() {
            WorkloadReport r = WorkloadCheck.check(objects, Set.of("ra2.app.007"));
            assertEquals(List.of("ra2.app.007"), r.unusedExceptions());
            assertFalse(finding(r, "ra2.app.007", "Deployment").excepted());
        }

        @Test
        void malformedOrUnknownExceptionsAreOneLineErrors() {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> WorkloadCheck.check(objects, Set.of("hostNetwork")));
            assertEquals("allowed exception 'hostNetwork': expected a rule ID (ra2.app.030) or a rule ID and an "
                    + "object (ra2.app.030@DaemonSet/ra2check-agent)", bad.getMessage());
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> WorkloadCheck.check(objects, Set.of("ra2.app.001")));
            assertEquals("allowed exception 'ra2.app.001': ra2.app.001 is not a workload rule (they are ra2.app.007, "
                    + "ra2.app.016, ra2.app.025 to ra2.app.048)", unknown.getMessage());
        }
    }

    @Nested
    class Input {
        @Test
        void somethingThatIsNotAnObjectIsAOneLineError() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WorkloadCheck.check(List.of(object("Service"), TextNode.valueOf("hello")), Set.of()));
            assertEquals("object #2: not a Kubernetes object (expected a mapping with apiVersion, kind and "
                    + "metadata.name, got string)", e.getMessage());
        }

        @Test
        void anObjectWithoutKindOrNameIsAOneLineError() {
            object("Service").remove("kind");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check());
            assertEquals("object #4: not a Kubernetes object (no kind)", e.getMessage());
            ObjectNode unnamed = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {}}");
            e = assertThrows(IllegalArgumentException.class, () -> WorkloadCheck.check(List.of(unnamed), Set.of()));
            assertEquals("object #1: ConfigMap without metadata.name", e.getMessage());
        }

        @Test
        void parsingSkipsEmptyDocumentsExpandsListsAndNamesTheDocument() throws Exception {
            String yaml = """
                    ---
                    # Source: chart/templates/empty.yaml
                    ---
                    apiVersion: v1
                    kind: List
                    items:
                    - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
                    - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: s}
                    """;
            List<KubeObject> parsed = Manifests.parse(yaml, "out.yaml");
            assertEquals(List.of("a", "b", "s"), parsed.stream().map(KubeObject::name).toList());
            assertTrue(parsed.get(1).origin().startsWith("out.yaml, document "), parsed.get(1).origin());
            assertTrue(parsed.get(1).origin().endsWith(", item 2"), parsed.get(1).origin());
        }

        @Test
        void invalidYamlOrAScalarDocumentIsAOneLineManifestError() {
            Manifests.ManifestException broken = assertThrows(Manifests.ManifestException.class,
                    () -> Manifests.parse("kind: [unclosed\n", "bad.yaml"));
            assertTrue(broken.getMessage().startsWith("bad.yaml: not valid YAML: "), broken.getMessage());
            assertFalse(broken.getMessage().contains("\n"), broken.getMessage());
            Manifests.ManifestException scalar = assertThrows(Manifests.ManifestException.class,
                    () -> Manifests.parse("just text\n", "notes.yaml"));
            assertEquals("notes.yaml, document 1: not a Kubernetes object (expected a mapping with apiVersion, kind "
                    + "and metadata.name, got string)", scalar.getMessage());
        }
    }
}
