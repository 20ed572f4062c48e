package io.ra2check.collector.publish;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.report.Inventory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each node's facts from its agent report as an NFD {@code NodeFeature} object ({@code nfd.k8s-sigs.io/v1alpha1}),
 * where the CRD is installed: nfd-master reads every NodeFeature labelled {@code nfd.node.kubernetes.io/node-name}
 * with the node's name, so NodeFeatureRules can match ra2check's facts (SR-IOV VFs, NIC speeds, drivers, AF_XDP
 * zero-copy, huge pages, PCIe slots, SMT) and its {@code spec.labels} become node labels.
 *
 * <p>Written only when the content changed (a digest annotation, remembered per node), owned by the Node (deleted
 * with it). The report is hostile input: counts and string lengths are capped, so no report makes a large object.
 * The report's inventory has no real-time kernel flag and no per-NUMA-node huge pages; those are not published.
 */
public final class NodeFeatures {
    private static final Logger LOG = LoggerFactory.getLogger(NodeFeatures.class);
    public static final String CRD = "nodefeatures.nfd.k8s-sigs.io";
    public static final String NODE_NAME_LABEL = "nfd.node.kubernetes.io/node-name";
    public static final String DIGEST = "ra2check.io/features-digest";
    static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("nfd.k8s-sigs.io").withVersion("v1alpha1").withKind("NodeFeature").withPlural("nodefeatures")
            .withNamespaced(true).build();
    static final int MAX_INSTANCES = 32;
    static final int MAX_VALUE = 128;

    private final KubernetesClient client;
    private final String namespace;
    private final boolean enabled;
    private final Clock clock;
    /** The digest last written or found per node: an unchanged report costs no request. */
    private final Map<String, String> written = new ConcurrentHashMap<>();
    private volatile Boolean installed;
    private volatile Instant discoveredAt;

    public NodeFeatures(KubernetesClient client, String namespace, boolean enabled, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.enabled = enabled;
        this.clock = clock;
    }

    /** Whether the CRD is installed, looked up again every 10 minutes; a change of answer is logged once. */
    boolean installed() {
        Instant now = clock.instant();
        if (discoveredAt == null || now.isAfter(discoveredAt.plus(Publisher.REDISCOVER))) {
            discoveredAt = now;
            Boolean was = installed;
            try {
                installed = client.apiextensions().v1().customResourceDefinitions().withName(CRD).get() != null;
            } catch (KubernetesClientException e) {
                LOG.atWarn().addKeyValue("code", e.getCode()).log("could not look up the NodeFeature CRD; "
                        + "keeping the previous answer");
                installed = was != null && was;
            }
            if (!installed.equals(was)) {
                written.clear();
                LOG.atInfo().log(installed ? "writing NFD NodeFeature objects (" + CRD + " installed)"
                        : "no NFD NodeFeature objects written: CRD " + CRD + " not installed");
            }
        }
        return installed;
    }

    /** Publishes the node's features when they differ from what its object holds; failures are logged only. */
    public void publish(NodeFacts facts, Inventory inventory) {
        if (!enabled || inventory == null || facts.uid() == null || !installed()) {
            return;
        }
        Map<String, Object> spec = spec(inventory, facts.hugepages());
        String digest = digest(Serialization.asJson(spec));
        String node = facts.name();
        // the node's uid is part of it: a node deleted and joined again under its name lost its object with it
        String remembered = facts.uid() + "/" + digest;
        if (remembered.equals(written.get(node))) {
            return;
        }
        String name = name(node);
        try {
            var resources = client.genericKubernetesResources(CONTEXT).inNamespace(namespace);
            GenericKubernetesResource have = resources.withName(name).get();
            GenericKubernetesResource want = new GenericKubernetesResource();
            want.setApiVersion("nfd.k8s-sigs.io/v1alpha1");
            want.setKind("NodeFeature");
            want.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                    .addToLabels(NODE_NAME_LABEL, node).addToLabels("app.kubernetes.io/managed-by", "ra2check")
                    .addToAnnotations(DIGEST, digest)
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node")
                            .withName(node).withUid(facts.uid()).build())
                    .build());
            want.setAdditionalProperty("spec", spec);
            if (have == null) {
                resources.resource(want).create();
            } else {
                Map<String, String> a = have.getMetadata().getAnnotations();
                boolean same = a != null && digest.equals(a.get(DIGEST))
                        && node.equals(labels(have).get(NODE_NAME_LABEL)) && ownedBy(have, facts.uid());
                if (!same) {
                    want.getMetadata().setResourceVersion(have.getMetadata().getResourceVersion());
                    resources.resource(want).update();
                }
            }
            written.put(node, remembered);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                // the CRD went away: look again before the next write
                discoveredAt = null;
            }
            LOG.atWarn().addKeyValue("node", node).addKeyValue("code", e.getCode())
                    .log("could not write the node's NodeFeature object");
        }
    }

    private static boolean ownedBy(GenericKubernetesResource r, String uid) {
        var owners = r.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> uid.equals(o.getUid()));
    }

    private static Map<String, String> labels(GenericKubernetesResource r) {
        return r.getMetadata().getLabels() == null ? Map.of() : r.getMetadata().getLabels();
    }

    /** {@code ra2check-<node>}, hashed down when the node's name would make it longer than a name may be. */
    static String name(String node) {
        String n = "ra2check-" + node;
        return n.length() <= 253 ? n : n.substring(0, 232) + "-" + digest(node).substring(0, 20);
    }

    /** The NodeFeature spec: features by NFD's three kinds, and a few labels. */
    static Map<String, Object> spec(Inventory inv, Map<String, Long> hugepages) {
        Map<String, Object> flags = new TreeMap<>();
        Map<String, Object> attributes = new TreeMap<>();
        Map<String, Object> instances = new TreeMap<>();
        Map<String, String> labels = new TreeMap<>();

        Map<String, String> cpu = new TreeMap<>();
        put(cpu, "sockets", inv.sockets());
        put(cpu, "coresPerSocket", inv.coresPerSocket());
        put(cpu, "threadsPerCore", inv.threadsPerCore());
        put(cpu, "logicalCpus", inv.logicalCpus());
        put(cpu, "numaNodes", inv.numaNodes());
        if (inv.threadsPerCore() != null) {
            String smt = Boolean.toString(inv.threadsPerCore() > 1);
            cpu.put("smt", smt);
            labels.put("ra2check-cpu.smt", smt);
        }
        elements(attributes, "ra2check.cpu", cpu);

        Map<String, String> kernel = new TreeMap<>();
        put(kernel, "release", inv.kernel());
        put(kernel, "realtime", inv.realtimeKernel());
        elements(attributes, "ra2check.kernel", kernel);
        if (inv.realtimeKernel() != null) {
            labels.put("ra2check-kernel.realtime", inv.realtimeKernel().toString());
        }
        if (inv.hugepages() != null) {
            // per page size and NUMA node (numaNode absent: the whole system), as the agent read them
            List<Map<String, Object>> pools = new ArrayList<>();
            for (Inventory.Hugepages h : inv.hugepages()) {
                if (h == null || pools.size() >= MAX_INSTANCES) {
                    continue;
                }
                Map<String, String> a = new TreeMap<>();
                put(a, "sizeKiB", h.sizeKiB());
                put(a, "numaNode", h.numaNode());
                put(a, "total", h.total());
                put(a, "free", h.free());
                pools.add(Map.of("attributes", a));
            }
            if (!pools.isEmpty()) {
                instances.put("ra2check.hugepage_pool", Map.of("elements", pools));
            }
        }

        Map<String, String> pages = new TreeMap<>();
        hugepages.forEach((size, bytes) -> put(pages, size, bytes));
        elements(attributes, "ra2check.hugepages", pages);

        if (inv.nics() != null) {
            List<Map<String, Object>> nics = new ArrayList<>();
            Map<String, Object> nicFlags = new TreeMap<>();
            for (Inventory.Nic n : inv.nics()) {
                if (n == null) {
                    continue;
                }
                if (n.sriovTotalVfs() != null && n.sriovTotalVfs() > 0) {
                    nicFlags.put("sriov.capable", Map.of());
                }
                if (n.sriovNumVfs() != null && n.sriovNumVfs() > 0) {
                    nicFlags.put("sriov.configured", Map.of());
                }
                if (Boolean.TRUE.equals(n.xdpZeroCopy())) {
                    nicFlags.put("afxdp.zerocopy", Map.of());
                }
                if (nics.size() < MAX_INSTANCES) {
                    Map<String, String> a = new TreeMap<>();
                    put(a, "pciAddress", n.pciAddress());
                    put(a, "name", n.name());
                    put(a, "vendorDevice", n.vendorDevice());
                    put(a, "driver", n.driver());
                    put(a, "firmware", n.firmware());
                    put(a, "speedMbps", n.speedMbps());
                    put(a, "maxSpeedMbps", n.maxSpeedMbps());
                    put(a, "sriovTotalVfs", n.sriovTotalVfs());
                    put(a, "sriovNumVfs", n.sriovNumVfs());
                    put(a, "xdpZeroCopy", n.xdpZeroCopy());
                    nics.add(Map.of("attributes", a));
                }
            }
            if (!nics.isEmpty()) {
                instances.put("ra2check.nic", Map.of("elements", nics));
            }
            // known from the report's NIC list: false is a finding too (no VFs configured), not an unknown
            labels.put("ra2check-network.sriov.capable", Boolean.toString(nicFlags.containsKey("sriov.capable")));
            labels.put("ra2check-network.sriov.configured",
                    Boolean.toString(nicFlags.containsKey("sriov.configured")));
            if (!nicFlags.isEmpty()) {
                flags.put("ra2check.network", Map.of("elements", nicFlags));
            }
        }
        if (inv.pcieSlots() != null) {
            List<Map<String, Object>> slots = new ArrayList<>();
            for (Inventory.Slot s : inv.pcieSlots()) {
                if (s == null || slots.size() >= MAX_INSTANCES) {
                    continue;
                }
                Map<String, String> a = new TreeMap<>();
                put(a, "designation", s.designation());
                put(a, "type", s.type());
                put(a, "generation", s.pcieGeneration());
                put(a, "lanes", s.lanes());
                put(a, "inUse", s.inUse());
                put(a, "busAddress", s.busAddress());
                slots.add(Map.of("attributes", a));
            }
            if (!slots.isEmpty()) {
                instances.put("ra2check.pcie_slot", Map.of("elements", slots));
            }
        }
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("flags", flags);
        features.put("attributes", attributes);
        features.put("instances", instances);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("features", features);
        spec.put("labels", labels);
        return spec;
    }

    private static void elements(Map<String, Object> attributes, String name, Map<String, String> values) {
        if (!values.isEmpty()) {
            attributes.put(name, Map.of("elements", values));
        }
    }

    /** A value as a bounded string; null (not known) is left out, never written as a guess. */
    private static void put(Map<String, String> m, String key, Object value) {
        if (value == null) {
            return;
        }
        String s = value.toString().replaceAll("\\p{Cntrl}", "?");
        m.put(key.length() > 63 ? key.substring(0, 63) : key, s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) : s);
    }

    static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
