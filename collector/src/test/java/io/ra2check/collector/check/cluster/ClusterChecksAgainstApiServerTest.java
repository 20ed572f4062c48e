package io.ra2check.collector.check.cluster;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.ra2check.collector.kube.ClusterReader;
import io.ra2check.collector.meta.ClusterJudge;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster checks end to end: objects as kubeadm, OpenShift and k3s create them, in fabric8's mock API server in
 * CRUD mode (discovery documents answered by expectation), read by {@link ClusterReader}, judged by
 * {@link ClusterJudge}.
 */
class ClusterChecksAgainstApiServerTest {
    private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    private KubernetesMockServer server;
    private KubernetesClient client;
    private final ClusterJudge judge = new ClusterJudge(RequirementCatalog.builtIn());

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        // no retries: the tests that make the server fail should not wait out the client's backoff
        client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes
                .client.ConfigBuilder(server.createClient().getConfiguration()).withRequestRetryBackoffLimit(0)
                .build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    // ------------------------------------------------------------------------------------------------ objects

    private void discovery(String... groupVersions) {
        server.expect().get().withPath("/api").andReturn(200, new APIVersionsBuilder().withVersions("v1").build())
                .always();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String gv : groupVersions) {
            groups.computeIfAbsent(gv.substring(0, gv.lastIndexOf('/')), k -> new ArrayList<>()).add(gv);
        }
        APIGroupListBuilder list = new APIGroupListBuilder();
        groups.forEach((g, versions) -> list.addToGroups(new APIGroupBuilder().withName(g).withVersions(versions
                .stream().map(v -> new GroupVersionForDiscoveryBuilder().withGroupVersion(v)
                        .withVersion(v.substring(v.lastIndexOf('/') + 1)).build()).toList()).build()));
        server.expect().get().withPath("/apis").andReturn(200, list.build()).always();
    }

    private static final String[] STANDARD = {"apps/v1", "batch/v1", "networking.k8s.io/v1", "storage.k8s.io/v1",
            "policy/v1", "flowcontrol.apiserver.k8s.io/v1", "coordination.k8s.io/v1"};

    private void node(String name, boolean controlPlane, String zone) {
        node(name, controlPlane, zone, "10.244.0.0/24", "fd00:10:244::/64");
    }

    private void node(String name, boolean controlPlane, String zone, String... podCidrs) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name)
                .endMetadata().withNewSpec().withPodCIDRs(podCidrs).endSpec().withNewStatus()
                .addToAllocatable("cpu", new Quantity("32")).addToAllocatable("ephemeral-storage", new Quantity("400Gi"))
                .endStatus();
        if (controlPlane) {
            b.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata();
        }
        if (zone != null) {
            b.editMetadata().addToLabels("topology.kubernetes.io/zone", zone).endMetadata();
        }
        client.nodes().resource(b.build()).create();
    }

    /** A static pod as the kubelet mirrors it: name-node, labels component=..., tier=control-plane. */
    private void pod(String namespace, String name, String node, String labelKey, String labelValue, boolean ready) {
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name + "-" + node)
                .withNamespace(namespace).addToLabels(labelKey, labelValue).addToLabels("tier", "control-plane")
                .endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName(name)
                .withImage("registry.k8s.io/" + name + ":v1.30.2").endContainer().endSpec().withNewStatus()
                .withPhase("Running").addNewContainerStatus().withName(name).withReady(ready).endContainerStatus()
                .endStatus().build()).create();
    }

    private void kubeadmControlPlane(String node) {
        for (String c : List.of("etcd", "kube-apiserver", "kube-scheduler", "kube-controller-manager")) {
            pod("kube-system", c, node, "component", c, true);
        }
    }

    private void daemonSet(String namespace, String name, String image) {
        client.apps().daemonSets().inNamespace(namespace).resource(new DaemonSetBuilder().withNewMetadata()
                .withName(name).withNamespace(namespace).endMetadata().withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName(name).withImage(image).endContainer().endSpec().endTemplate().endSpec()
                .build()).create();
    }

    private void readyDaemonSet(String namespace, String name, String image, int ready) {
        client.apps().daemonSets().inNamespace(namespace).resource(new DaemonSetBuilder().withNewMetadata()
                .withName(name).withNamespace(namespace).endMetadata().withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName(name).withImage(image).endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withDesiredNumberScheduled(ready).withNumberReady(ready).endStatus().build())
                .create();
    }

    /** What a device plugin makes the kubelet report: the resource in capacity and allocatable. */
    private void advertise(String node, String resource, String count) {
        client.nodes().withName(node).edit(n -> new NodeBuilder(n).editStatus()
                .addToAllocatable(resource, new Quantity(count)).addToCapacity(resource, new Quantity(count))
                .endStatus().build());
    }

    private void networkAttachment(String namespace, String name, String config) {
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup("k8s.cni.cncf.io")
                .withVersion("v1").withKind("NetworkAttachmentDefinition").withPlural("network-attachment-definitions")
                .withNamespaced(true).build();
        client.genericKubernetesResources(ctx).inNamespace(namespace).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("k8s.cni.cncf.io/v1").withKind("NetworkAttachmentDefinition").withNewMetadata()
                .withName(name).withNamespace(namespace).endMetadata()
                .addToAdditionalProperties("spec", Map.of("config", config)).build()).create();
    }

    private void deployment(String namespace, String name, String image, String helmRelease) {
        DeploymentBuilder b = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName(name)
                .withImage(image).endContainer().endSpec().endTemplate().endSpec();
        if (helmRelease != null) {
            b.editMetadata().addToAnnotations("meta.helm.sh/release-name", helmRelease)
                    .addToLabels("app.kubernetes.io/managed-by", "Helm").endMetadata();
        }
        client.apps().deployments().inNamespace(namespace).resource(b.build()).create();
    }

    private void namespace(String name) {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(name).endMetadata().build()).create();
    }

    private void loadBalancer(String name, String ip) {
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec();
        if (ip != null) {
            b.withNewStatus().withNewLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer()
                    .endStatus();
        }
        client.services().inNamespace("default").resource(b.build()).create();
    }

    private void custom(String group, String version, String kind, String plural, String namespace, String name) {
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
                .withKind(kind).withPlural(plural).withNamespaced(namespace != null).build();
        GenericKubernetesResourceBuilder b = new GenericKubernetesResourceBuilder().withApiVersion(group + "/"
                + version).withKind(kind).withNewMetadata().withName(name).withNamespace(namespace).endMetadata();
        if (namespace != null) {
            client.genericKubernetesResources(ctx).inNamespace(namespace).resource(b.build()).create();
        } else {
            client.genericKubernetesResources(ctx).resource(b.build()).create();
        }
    }

    private Map<String, Verdict> judge() {
        return judge(List.of());
    }

    /** @param workloadNamespaces the namespaces selected for the workload rules (and ra2.pkg.002) */
    private Map<String, Verdict> judge(List<String> workloadNamespaces) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (Verdict v : judge.judge(new ClusterReader(client, workloadNamespaces).read(), Profile.NETWORK_INTENSIVE)) {
            out.put(v.id(), v);
        }
        assertEquals(judge.ids(), List.copyOf(out.keySet()), "every collector requirement is judged");
        return out;
    }

    private static void outcome(Outcome expected, Verdict v) {
        assertEquals(expected, v.outcome(), v.id() + ": " + v.actual() + " / " + v.reason());
    }

    // ------------------------------------------------------------------------------------------------ clusters

    @Test
    void aCompleteKubeadmClusterPassesEveryClusterRequirement() {
        discovery(concat(STANDARD, "cert-manager.io/v1", "gateway.networking.k8s.io/v1", "k8s.cni.cncf.io/v1"));
        for (String z : List.of("a", "b", "c")) {
            node("cp-" + z, true, "zone-" + z);
            node("worker-" + z, false, "zone-" + z);
            kubeadmControlPlane("cp-" + z);
        }
        daemonSet("kube-system", "calico-node", "quay.io/calico/node:v3.28.0");
        daemonSet("kube-system", "kube-multus-ds", "ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.0");
        deployment("cert-manager", "cert-manager", "quay.io/jetstack/cert-manager-controller:v1.15.0",
                "cert-manager");
        namespace("cert-manager");
        loadBalancer("web", "192.0.2.10");
        client.network().v1().ingressClasses().resource(new io.fabric8.kubernetes.api.model.networking.v1
                .IngressClassBuilder().withNewMetadata().withName("nginx").endMetadata().withNewSpec()
                .withController("k8s.io/ingress-nginx").endSpec().build()).create();
        custom("gateway.networking.k8s.io", "v1", "GatewayClass", "gatewayclasses", null, "cilium");
        custom("cert-manager.io", "v1", "ClusterIssuer", "clusterissuers", null, "corp-pki");
        networkAttachment("cnf", "sriov-net-a", "{\"cniVersion\":\"0.3.1\",\"name\":\"sriov-net-a\",\"type\":"
                + "\"sriov\",\"vlan\":100,\"ipam\":{\"type\":\"whereabouts\"}}");
        readyDaemonSet("kube-system", "kube-sriov-device-plugin-amd64",
                "ghcr.io/k8snetworkplumbingwg/sriov-network-device-plugin:v3.7.0", 3);
        readyDaemonSet("kube-system", "intel-qat-plugin", "intel/intel-qat-plugin:0.30.0", 3);
        for (String z : List.of("a", "b", "c")) {
            advertise("worker-" + z, "intel.com/intel_sriov_netdevice", "8");
            advertise("worker-" + z, "qat.intel.com/generic", "16");
        }
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                .withName("fast").addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata().withProvisioner("csi.example.com").build()).create();
        client.storage().v1().csiDrivers().resource(new CSIDriverBuilder().withNewMetadata()
                .withName("csi.example.com").endMetadata().build()).create();

        Map<String, Verdict> v = judge(List.of("cert-manager"));
        v.values().forEach(x -> outcome(Outcome.PASS, x));
        assertEquals(29, v.size());
        assertTrue(v.get("ra2.ntw.006").actual().startsWith("Multus, a CNI plugin: kube-system/kube-multus-ds"),
                v.get("ra2.ntw.006").actual());
        assertTrue(v.get("ra2.ntw.015").actual().equals("cluster-wide IPAM: whereabouts"),
                v.get("ra2.ntw.015").actual());
        assertEquals("all 1 installed by Helm 3", v.get("ra2.pkg.002").actual());
        assertTrue(v.get("ra2.ntw.008").actual().contains("intel.com/intel_sriov_netdevice: worker-a=8"),
                v.get("ra2.ntw.008").actual());
        assertTrue(v.get("ra2.ntw.010").actual().contains("cnf/sriov-net-a (sriov, ipam:whereabouts)"), v.get("ra2.ntw.010").actual());
        assertTrue(v.get("ra2.ntw.012").actual().contains("qat.intel.com/generic"), v.get("ra2.ntw.012").actual());
        assertTrue(v.get("ra2.ntw.005").actual().contains("cnf/sriov-net-a (sriov, ipam:whereabouts)"));
        assertTrue(v.get("ra2.k8s.002").actual().startsWith("3 nodes run etcd"), v.get("ra2.k8s.002").actual());
        assertTrue(v.get("ra2.k8s.014").actual().contains("Calico (kube-system/calico-node)"));
        assertTrue(v.get("ra2.stg.007").actual().contains("fast (csi.example.com, default)"));
        assertTrue(v.get("ra2.pkg.001").actual().startsWith("Helm 3 (1 release)"));
        assertEquals(null, v.get("ra2.k8s.002").remediation(), "nothing to fix on a PASS");
    }

    @Test
    void aBrokenClusterFailsWithReasonsAPersonCanActOn() {
        // alpha and beta built-in APIs served; no cert-manager, Gateway API or Multus
        discovery(concat(STANDARD, "batch/v2alpha1", "flowcontrol.apiserver.k8s.io/v1beta3"));
        node("cp-a", true, "zone-a");
        node("cp-b", true, "zone-b");
        node("worker-a", false, "zone-a");
        node("worker-c", false, "zone-c");
        kubeadmControlPlane("cp-a");
        // cp-b runs etcd and the API server but its scheduler is not ready and it has no controller manager
        pod("kube-system", "etcd", "cp-b", "component", "etcd", true);
        pod("kube-system", "kube-apiserver", "cp-b", "component", "kube-apiserver", true);
        pod("kube-system", "kube-scheduler", "cp-b", "component", "kube-scheduler", false);
        // a third etcd member on a worker
        pod("kube-system", "etcd", "worker-a", "component", "etcd", true);
        daemonSet("kube-flannel", "kube-flannel-ds", "docker.io/flannel/flannel:v0.25.1");
        deployment("kube-system", "tiller-deploy", "ghcr.io/helm/tiller:v2.17.0", null);
        client.nodes().withName("worker-c").edit(n -> new NodeBuilder(n).editStatus()
                .removeFromAllocatable("ephemeral-storage").endStatus().build());

        Map<String, Verdict> v = judge();
        outcome(Outcome.FAIL, v.get("ra2.k8s.002"));
        assertTrue(v.get("ra2.k8s.002").actual().contains("on worker nodes: worker-a"), v.get("ra2.k8s.002").actual());
        outcome(Outcome.FAIL, v.get("ra2.k8s.003"));
        assertTrue(v.get("ra2.k8s.003").actual().startsWith("no control plane node in zone zone-c"));
        outcome(Outcome.FAIL, v.get("ra2.k8s.004"));
        assertTrue(v.get("ra2.k8s.004").actual().startsWith("no worker node in zone zone-b"));
        outcome(Outcome.FAIL, v.get("ra2.k8s.012"));
        String cp = v.get("ra2.k8s.012").actual();
        assertTrue(cp.contains("kube-scheduler on cp-b") && cp.contains("kube-controller-manager on cp-b")
                && cp.contains("alpha APIs served: batch/v2alpha1"), cp);
        outcome(Outcome.FAIL, v.get("ra2.k8s.019"));
        assertTrue(v.get("ra2.k8s.019").actual().contains("flowcontrol.apiserver.k8s.io/v1beta3"));
        outcome(Outcome.FAIL, v.get("ra2.k8s.014"));
        assertTrue(v.get("ra2.k8s.014").actual().contains("flannel"), v.get("ra2.k8s.014").actual());
        outcome(Outcome.FAIL, v.get("ra2.ntw.014"));
        outcome(Outcome.PASS, v.get("ra2.ntw.002"));
        outcome(Outcome.FAIL, v.get("ra2.k8s.016"));
        outcome(Outcome.FAIL, v.get("ra2.k8s.020"));
        assertTrue(v.get("ra2.k8s.020").actual().startsWith("cert-manager is not installed"));
        assertEquals(Status.WARN, v.get("ra2.k8s.020").status(), "a should: WARN");
        outcome(Outcome.FAIL, v.get("ra2.ntw.005"));
        // no meta-plugin at all: its details do not apply
        for (String id : List.of("ra2.ntw.006", "ra2.ntw.007", "ra2.ntw.009", "ra2.ntw.015")) {
            outcome(Outcome.NOT_APPLICABLE, v.get(id));
        }
        assertEquals(Status.SKIP, v.get("ra2.ntw.005").status(), "a may: not a finding");
        outcome(Outcome.FAIL, v.get("ra2.stg.001"));
        outcome(Outcome.FAIL, v.get("ra2.stg.007"));
        outcome(Outcome.FAIL, v.get("ra2.pkg.001"));
        assertTrue(v.get("ra2.pkg.001").actual().contains("kube-system/tiller-deploy"));
        // no LoadBalancer Service at all: nothing proves or disproves a load balancer
        outcome(Outcome.UNKNOWN, v.get("ra2.k8s.015"));
        assertTrue(v.get("ra2.k8s.015").reason().contains("create one and see it get an address"));
        // no device plugin and nothing advertised: VFs cannot be requested by pods
        outcome(Outcome.FAIL, v.get("ra2.ntw.008"));
        assertTrue(v.get("ra2.ntw.008").actual().startsWith("no SR-IOV device plugin DaemonSet"));
        // what the API cannot show is a person's to confirm, not a FAIL
        outcome(Outcome.MANUAL, v.get("ra2.ntw.010"));
        assertTrue(v.get("ra2.ntw.010").reason().contains("/opt/cni/bin"), v.get("ra2.ntw.010").reason());
        outcome(Outcome.MANUAL, v.get("ra2.ntw.012"));
        assertTrue(v.get("ra2.k8s.012").remediation() != null, "a FAIL carries its remediation");
    }

    @Test
    void deviceAndUserPlaneNetworkingAreJudgedFromWhatIsRunningAndAdvertised() {
        discovery(concat(STANDARD, "k8s.cni.cncf.io/v1"));
        node("cp-a", true, "zone-a");
        node("worker-a", false, "zone-a");
        kubeadmControlPlane("cp-a");
        // the SR-IOV Network Operator's plugin scheduled nowhere (no node labelled for it), and a conflist NAD
        readyDaemonSet("openshift-sriov-network-operator", "sriov-device-plugin",
                "registry.redhat.io/openshift4/ose-sriov-network-device-plugin-rhel9:v4.16", 0);
        networkAttachment("cnf", "dpdk-net", "{\"cniVersion\":\"1.0.0\",\"name\":\"dpdk-net\",\"plugins\":[{\"type\":"
                + "\"userspace\"},{\"type\":\"tuning\"}]}");
        // a resource of a plugin ra2check does not know, and one a kubelet made up with a hostile name
        advertise("worker-a", "example.com/vf-pool", "4");
        advertise("worker-a", "devices.kubevirt.io/kvm", "1k");
        Map<String, Verdict> v = judge();
        outcome(Outcome.FAIL, v.get("ra2.ntw.008"));
        assertTrue(v.get("ra2.ntw.008").actual().startsWith("the SR-IOV device plugin runs on no node"),
                v.get("ra2.ntw.008").actual());
        outcome(Outcome.PASS, v.get("ra2.ntw.010"));
        assertTrue(v.get("ra2.ntw.010").actual().contains("cnf/dpdk-net (userspace, tuning)"),
                v.get("ra2.ntw.010").actual());
        // NADs without a meta-plugin ra2check knows; their configs name plugins but no IPAM
        outcome(Outcome.UNKNOWN, v.get("ra2.ntw.006"));
        outcome(Outcome.UNKNOWN, v.get("ra2.ntw.007"));
        outcome(Outcome.PASS, v.get("ra2.ntw.009"));
        outcome(Outcome.MANUAL, v.get("ra2.ntw.015"));
        outcome(Outcome.MANUAL, v.get("ra2.ntw.012"));
        assertTrue(v.get("ra2.ntw.012").evidence().toString().contains("example.com/vf-pool: worker-a=4"),
                v.get("ra2.ntw.012").evidence().toString());

        // the plugin gone and only the unknown plugin's resource left: which plugin serves the VFs is not known
        client.apps().daemonSets().inNamespace("openshift-sriov-network-operator").withName("sriov-device-plugin")
                .delete();
        Map<String, Verdict> w = judge();
        outcome(Outcome.UNKNOWN, w.get("ra2.ntw.008"));
        assertTrue(w.get("ra2.ntw.008").reason().contains("example.com/vf-pool"), w.get("ra2.ntw.008").reason());
    }

    @Test
    void multusWithHostLocalAddressesAndAnAttachmentWithoutConfig() {
        discovery(concat(STANDARD, "k8s.cni.cncf.io/v1"));
        node("cp-a", true, "zone-a");
        kubeadmControlPlane("cp-a");
        readyDaemonSet("kube-system", "kube-multus-ds", "ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.0-thick", 1);
        networkAttachment("cnf", "macvlan-a", "{\"cniVersion\":\"0.3.1\",\"type\":\"macvlan\",\"master\":\"eth1\","
                + "\"ipam\":{\"type\":\"host-local\",\"subnet\":\"192.168.10.0/24\"}}");
        Map<String, Verdict> v = judge();
        outcome(Outcome.PASS, v.get("ra2.ntw.006"));
        outcome(Outcome.PASS, v.get("ra2.ntw.007"));
        assertTrue(v.get("ra2.ntw.007").actual().endsWith("in use: macvlan"), v.get("ra2.ntw.007").actual());
        outcome(Outcome.PASS, v.get("ra2.ntw.009"));
        outcome(Outcome.FAIL, v.get("ra2.ntw.015"));
        assertTrue(v.get("ra2.ntw.015").actual().contains("host-local only"), v.get("ra2.ntw.015").actual());

        // a NAD whose config lives in a file on the nodes: which plugin manages it is not visible
        custom("k8s.cni.cncf.io", "v1", "NetworkAttachmentDefinition", "network-attachment-definitions", "cnf",
                "from-file");
        Map<String, Verdict> w = judge();
        outcome(Outcome.UNKNOWN, w.get("ra2.ntw.009"));
        assertTrue(w.get("ra2.ntw.009").reason().contains("cnf/from-file"), w.get("ra2.ntw.009").reason());
    }

    @Test
    void aNetworkAttachmentsConfigIsReadWithinBounds() {
        assertEquals(List.of("sriov"), ClusterReader.cniTypes(Map.of("config", "{\"type\":\"sriov\"}")));
        assertEquals(List.of("bridge", "tuning"), ClusterReader.cniTypes(Map.of("config",
                "{\"plugins\":[{\"type\":\"bridge\"},{\"type\":\"tuning\"},{\"type\":\"bridge\"}]}")));
        assertEquals(List.of("bridge", "ipam:whereabouts"), ClusterReader.cniTypes(Map.of("config",
                "{\"plugins\":[{\"type\":\"bridge\",\"ipam\":{\"type\":\"whereabouts\"}}]}")));
        assertEquals(List.of(), ClusterReader.cniTypes(Map.of("config", "not json")));
        assertEquals(List.of(), ClusterReader.cniTypes(Map.of("config", "{\"type\":\"a b; rm -rf\"}")),
                "a type that is no plugin name is not shown");
        assertEquals(List.of(), ClusterReader.cniTypes(Map.of("config", "{\"type\":\"sriov\",\"pad\":\""
                + "x".repeat(ClusterReader.MAX_NAD_CONFIG) + "\"}")), "a config beyond the bound is not parsed");
        assertEquals(List.of(), ClusterReader.cniTypes(null));
        assertEquals(List.of(), ClusterReader.cniTypes(Map.of("config", 42)));
    }

    @Test
    void anOpenShiftLikeControlPlaneIsReadFromItsOwnNamespaces() {
        discovery(concat(STANDARD, "route.openshift.io/v1"));
        for (String z : List.of("a", "b", "c")) {
            node("master-" + z, true, "zone-" + z);
            node("worker-" + z, false, "zone-" + z);
            pod("openshift-etcd", "etcd", "master-" + z, "app", "etcd", true);
            pod("openshift-kube-apiserver", "kube-apiserver", "master-" + z, "app", "openshift-kube-apiserver", true);
            pod("openshift-kube-scheduler", "openshift-kube-scheduler", "master-" + z, "app",
                    "openshift-kube-scheduler", true);
            pod("openshift-kube-controller-manager", "kube-controller-manager", "master-" + z, "app",
                    "kube-controller-manager", true);
        }
        daemonSet("openshift-ovn-kubernetes", "ovnkube-node", "quay.io/openshift/ovn-kubernetes:4.16");
        Map<String, Verdict> v = judge();
        outcome(Outcome.PASS, v.get("ra2.k8s.002"));
        outcome(Outcome.PASS, v.get("ra2.k8s.003"));
        outcome(Outcome.PASS, v.get("ra2.k8s.012"));
        outcome(Outcome.PASS, v.get("ra2.k8s.014"));
        assertTrue(v.get("ra2.k8s.014").actual().contains("OVN-Kubernetes"));
    }

    @Test
    void aK3sLikeServerShowsNoComponentsAsPodsSoTheyAreUnknownNotPassed() {
        discovery(concat(STANDARD, "helm.cattle.io/v1", "k3s.cattle.io/v1"));
        // one server, no zone labels, etcd and the control plane inside the k3s process, flannel embedded
        node("k3s-server", true, null, "10.42.0.0/24");
        node("k3s-agent", false, null, "10.42.1.0/24");
        pod("kube-system", "coredns", "k3s-server", "k8s-app", "kube-dns", true);
        daemonSet("kube-system", "svclb-traefik", "rancher/klipper-lb:v0.4.7");
        loadBalancer("traefik", "10.0.0.5");
        Map<String, Verdict> v = judge();
        outcome(Outcome.UNKNOWN, v.get("ra2.k8s.002"));
        assertTrue(v.get("ra2.k8s.002").reason().contains("etcdctl member list"), v.get("ra2.k8s.002").reason());
        outcome(Outcome.UNKNOWN, v.get("ra2.k8s.003"));
        assertTrue(v.get("ra2.k8s.003").reason().contains("topology.kubernetes.io/zone"));
        outcome(Outcome.UNKNOWN, v.get("ra2.k8s.012"));
        assertTrue(v.get("ra2.k8s.012").reason().contains("k3s server process"), v.get("ra2.k8s.012").reason());
        outcome(Outcome.UNKNOWN, v.get("ra2.k8s.014"));
        assertTrue(v.get("ra2.k8s.014").reason().contains("sonobuoy run"), v.get("ra2.k8s.014").reason());
        outcome(Outcome.UNKNOWN, v.get("ra2.ntw.002"));
        outcome(Outcome.PASS, v.get("ra2.k8s.015"));
        assertEquals(Status.UNKNOWN, v.get("ra2.k8s.002").status());
        // single-stack: not proof the CNI cannot do dual stack
        outcome(Outcome.UNKNOWN, v.get("ra2.ntw.013"));
        assertTrue(v.get("ra2.ntw.013").reason().startsWith("the cluster is configured single-stack on 2 nodes"),
                v.get("ra2.ntw.013").reason());
    }

    @Test
    void helmChartsAreJudgedOverTheSelectedNamespacesOnly() {
        discovery(STANDARD);
        node("cp-a", true, "zone-a");
        namespace("shop");
        namespace("legacy");
        deployment("shop", "web", "registry.example.com/web:1.0", "shop");
        client.apps().statefulSets().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.apps
                .StatefulSetBuilder().withNewMetadata().withName("db").withNamespace("shop")
                .addToAnnotations("meta.helm.sh/release-name", "shop").endMetadata().withNewSpec().withNewTemplate()
                .withNewSpec().addNewContainer().withName("db").withImage("postgres:16").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        // applied with kubectl, and a Helm 2 release (Helm 2 labelled heritage: Tiller, it never annotated)
        deployment("legacy", "kubectl-applied", "registry.example.com/old:1.0", null);
        client.apps().daemonSets().inNamespace("legacy").resource(new io.fabric8.kubernetes.api.model.apps
                .DaemonSetBuilder().withNewMetadata().withName("helm2-agent").withNamespace("legacy")
                .addToLabels("heritage", "Tiller").endMetadata().withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName("a").withImage("a:1").endContainer().endSpec().endTemplate().endSpec()
                .build()).create();

        // none selected: which namespaces hold the workloads is the operator's to say
        Verdict none = judge().get("ra2.pkg.002");
        outcome(Outcome.MANUAL, none);
        assertTrue(none.reason().contains("--workload-namespaces"), none.reason());

        Verdict shop = judge(List.of("shop")).get("ra2.pkg.002");
        outcome(Outcome.PASS, shop);
        assertEquals("all 2 installed by Helm 3", shop.actual());

        Verdict both = judge(List.of("shop", "legacy")).get("ra2.pkg.002");
        outcome(Outcome.FAIL, both);
        assertEquals("2 of 4 not installed by Helm 3: Deployment legacy/kubectl-applied, DaemonSet "
                + "legacy/helm2-agent", both.actual());
        assertEquals(Status.FAIL, both.status());
        assertTrue(both.remediation().contains("Helm 3"), both.remediation());

        // a namespace whose DaemonSets cannot be listed: not a PASS on the rest
        server.expect().get().withPath("/apis/apps/v1/namespaces/shop/daemonsets?limit="
                + io.ra2check.collector.kube.WorkloadReader.PAGE).andReturn(403, "{}")
                .always();
        Verdict forbidden = judge(List.of("shop")).get("ra2.pkg.002");
        outcome(Outcome.UNKNOWN, forbidden);
        assertTrue(forbidden.reason().contains("forbidden"), forbidden.reason());
    }

    @Test
    void aForbiddenOrFailedListIsUnknownWithTheReason() {
        discovery(STANDARD);
        node("cp-a", true, "zone-a");
        kubeadmControlPlane("cp-a");
        server.expect().get().withPath("/apis/apps/v1/daemonsets?limit=500").andReturn(403, "{}").always();
        Map<String, Verdict> v = judge();
        outcome(Outcome.UNKNOWN, v.get("ra2.k8s.014"));
        assertTrue(v.get("ra2.k8s.014").reason().contains("forbidden"), v.get("ra2.k8s.014").reason());
        outcome(Outcome.UNKNOWN, v.get("ra2.pkg.001"));
        // etcd on one node: counted from a complete listing, so a FAIL (1 is not 3, 5 or 7)
        outcome(Outcome.FAIL, v.get("ra2.k8s.002"));
    }

    @Test
    void withoutDiscoveryTheApiChecksAreUnknown() {
        server.expect().get().withPath("/apis").andReturn(500, "{}").always();
        server.expect().get().withPath("/api").andReturn(500, "{}").always();
        node("cp-a", true, "zone-a");
        Map<String, Verdict> v = judge();
        outcome(Outcome.UNKNOWN, v.get("ra2.k8s.019"));
        assertTrue(v.get("ra2.k8s.019").reason().startsWith("API discovery could not be read"),
                v.get("ra2.k8s.019").reason());
        outcome(Outcome.UNKNOWN, v.get("ra2.k8s.020"));
        outcome(Outcome.UNKNOWN, v.get("ra2.k8s.016"));
    }

    @Test
    void anEmptyDiscoveryAnswerIsNotTakenForAClusterWithoutBetaApis() {
        server.expect().get().withPath("/api").andReturn(200, new APIVersionsBuilder().build()).always();
        server.expect().get().withPath("/apis").andReturn(200, new APIGroupListBuilder().build()).always();
        node("cp-a", true, "zone-a");
        Map<String, Verdict> v = judge();
        outcome(Outcome.UNKNOWN, v.get("ra2.k8s.019"));
        assertTrue(v.get("ra2.k8s.019").reason().contains("listed no API groups"), v.get("ra2.k8s.019").reason());
        outcome(Outcome.UNKNOWN, v.get("ra2.k8s.012"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
