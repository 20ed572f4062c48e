package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.ra2check.deploy.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ValidatingAdmissionPolicy the chart renders, evaluated with CEL (Google's cel-java, the language the API server
 * runs) over representative old/new Node pairs: what the collector writes passes, anything else the collector's
 * ServiceAccount might try is refused, and other users are not matched at all.
 */
class AdmissionPolicyTest {
    private static final String COLLECTOR = "system:serviceaccount:ra2check:ra2check-collector";

    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    private Policy policy;

    @BeforeEach
    void render() {
        Chart.Rendered r = Chart.objects(Chart.render());
        JsonNode vap = r.node("ValidatingAdmissionPolicy", "ra2check-collector-node-keys");
        JsonNode binding = r.node("ValidatingAdmissionPolicyBinding", "ra2check-collector-node-keys");
        assertEquals("admissionregistration.k8s.io/v1", vap.path("apiVersion").asText());
        assertEquals("ra2check-collector-node-keys", binding.at("/spec/policyName").asText());
        assertEquals(yaml("[Deny]"), binding.at("/spec/validationActions"));
        assertEquals("Fail", vap.at("/spec/failurePolicy").asText());
        assertEquals(yaml("[UPDATE]"), vap.at("/spec/matchConstraints/resourceRules/0/operations"));
        policy = new Policy(vap.path("spec"));
    }

    /** A Node as a kubelet registers it, with what the collector and others have put on it. */
    private static Map<String, Object> node(Consumer<JsonNode> edit) {
        JsonNode n = yaml("""
                apiVersion: v1
                kind: Node
                metadata:
                  name: w1
                  labels:
                    kubernetes.io/hostname: w1
                    node.kubernetes.io/instance-type: m5.metal
                    node-restriction.kubernetes.io/ra2check-pool: gold
                    anuket.io/profile/basic: "true"
                  annotations:
                    node.alpha.kubernetes.io/ttl: "0"
                    ra2check.io/status: PASS
                    ra2check.io/last-seen: "2026-12-07T10:00:00Z"
                spec:
                  podCIDR: 10.244.1.0/24
                  taints: [{key: dedicated, value: net, effect: NoSchedule}]
                status:
                  capacity: {cpu: "64"}
                """);
        edit.accept(n);
        return Policy.plain(n);
    }

    private static Consumer<JsonNode> labels(Consumer<com.fasterxml.jackson.databind.node.ObjectNode> e) {
        return n -> e.accept((com.fasterxml.jackson.databind.node.ObjectNode) n.at("/metadata/labels"));
    }

    private static Consumer<JsonNode> annotations(Consumer<com.fasterxml.jackson.databind.node.ObjectNode> e) {
        return n -> e.accept((com.fasterxml.jackson.databind.node.ObjectNode) n.at("/metadata/annotations"));
    }

    private List<String> byCollector(Consumer<JsonNode> change) {
        return policy.refusals(COLLECTOR, "", node(x -> { }), node(change));
    }

    @Test
    void whatTheCollectorWritesIsAllowed() {
        assertEquals(List.of(), byCollector(labels(l -> l.put("anuket.io/profile/network-intensive", "true"))));
        assertEquals(List.of(), byCollector(labels(l -> l.remove("anuket.io/profile/basic"))), "labels withdrawn");
        assertEquals(List.of(), byCollector(annotations(a -> a.put("ra2check.io/stale", "true")
                .put("ra2check.io/status", "FAIL").put("ra2check.io/failed", "ra2.ch.002"))));
        assertEquals(List.of(), byCollector(annotations(a -> a.remove("ra2check.io/last-seen"))));
        assertEquals(List.of(), byCollector(n -> { }), "a no-op");
        // a node carrying no labels or annotations yet
        Consumer<JsonNode> bare = n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("metadata"))
                .remove(List.of("labels", "annotations"));
        assertEquals(List.of(), policy.refusals(COLLECTOR, "", node(bare), node(bare.andThen(n ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("metadata"))
                        .set("labels", yaml("{anuket.io/profile/basic: \"true\"}"))).andThen(n ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("metadata"))
                        .set("annotations", yaml("{ra2check.io/status: PASS}"))))));
    }

    @Test
    void everythingElseTheCollectorMightTryIsRefused() {
        Map<String, Consumer<JsonNode>> attempts = new LinkedHashMap<>();
        attempts.put("adds a taint", n -> ((com.fasterxml.jackson.databind.node.ArrayNode) n.at("/spec/taints"))
                .add(yaml("{key: evil, effect: NoExecute}")));
        attempts.put("removes the taints", n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("spec"))
                .remove("taints"));
        attempts.put("cordons the node", n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("spec"))
                .put("unschedulable", true));
        attempts.put("moves the node to another pool", labels(l -> l.put("node-restriction.kubernetes.io/ra2check-pool",
                "silver")));
        attempts.put("changes the instance type", labels(l -> l.put("node.kubernetes.io/instance-type", "x")));
        attempts.put("adds a foreign label", labels(l -> l.put("example.com/steer", "here")));
        attempts.put("removes a foreign label", labels(l -> l.remove("kubernetes.io/hostname")));
        attempts.put("sets a profile label to something else than true", labels(l -> l.put(
                "anuket.io/profile/basic", "false")));
        attempts.put("changes a foreign annotation", annotations(a -> a.put("node.alpha.kubernetes.io/ttl", "30")));
        attempts.put("adds an annotation under anuket.io", annotations(a -> a.put("anuket.io/profile/basic", "true")));
        attempts.put("adds a finalizer", n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("metadata"))
                .set("finalizers", yaml("[example.com/hold]")));
        for (Map.Entry<String, Consumer<JsonNode>> e : attempts.entrySet()) {
            List<String> refused = byCollector(e.getValue());
            assertEquals(1, refused.size(), e.getKey() + ": " + refused);
        }
        assertEquals(List.of("the collector writes Node metadata and its own condition only, never another "
                + "subresource"), policy.refusals(COLLECTOR, "proxy", node(n -> { }), node(n -> { })));
    }

    /** A Node's status with the kubelet's Ready condition and, when given, the collector's. */
    private static Consumer<JsonNode> conditions(String... yamlConditions) {
        return n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("status")).set("conditions",
                yaml("[" + String.join(", ", yamlConditions) + "]"));
    }

    private static final String READY = "{type: Ready, status: \"True\", reason: KubeletReady}";
    private static final String CONFORMANT = "{type: Ra2Conformant, status: \"True\", reason: RequirementsMet}";

    @Test
    void onTheStatusOnlyItsOwnConditionMayChange() {
        // written for the first time, then turned False: allowed
        assertEquals(List.of(), policy.refusals(COLLECTOR, "status", node(conditions(READY)),
                node(conditions(READY, CONFORMANT))));
        assertEquals(List.of(), policy.refusals(COLLECTOR, "status", node(conditions(READY, CONFORMANT)),
                node(conditions(READY, "{type: Ra2Conformant, status: \"False\", reason: RequirementsFailed}"))));
        assertEquals(List.of(), policy.refusals(COLLECTOR, "status", node(conditions(READY, CONFORMANT)),
                node(conditions(READY))), "removed (uninstall)");
        // anything else on the status: refused
        String refusal = "on a Node's status the collector may change its Ra2Conformant condition only";
        Map<String, Consumer<JsonNode>> attempts = new LinkedHashMap<>();
        attempts.put("marks the node not ready", conditions("{type: Ready, status: \"False\"}", CONFORMANT));
        attempts.put("drops the kubelet's condition", conditions(CONFORMANT));
        attempts.put("adds a foreign condition", conditions(READY, CONFORMANT, "{type: Evil, status: \"True\"}"));
        attempts.put("inflates the capacity", conditions(READY, CONFORMANT).andThen(n ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("status")).set("capacity",
                        yaml("{cpu: \"640\"}"))));
        attempts.put("advertises a device", conditions(READY, CONFORMANT).andThen(n ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("status")).set("allocatable",
                        yaml("{example.com/vf: \"64\"}"))));
        attempts.put("rewrites the addresses", conditions(READY, CONFORMANT).andThen(n ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("status")).set("addresses",
                        yaml("[{type: InternalIP, address: 192.0.2.66}]"))));
        for (Map.Entry<String, Consumer<JsonNode>> e : attempts.entrySet()) {
            assertEquals(List.of(refusal), policy.refusals(COLLECTOR, "status", node(conditions(READY, CONFORMANT)),
                    node(e.getValue())), e.getKey());
        }
    }

    @Test
    void otherUsersAreNotMatched() {
        Map<String, Object> cordoned = node(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("spec"))
                .put("unschedulable", true));
        assertTrue(policy.matches(COLLECTOR));
        for (String user : List.of("system:node:w1", "kubernetes-admin",
                "system:serviceaccount:other:ra2check-collector", "system:serviceaccount:ra2check:ra2check-agent")) {
            assertTrue(!policy.matches(user), user);
            assertEquals(List.of(), policy.refusals(user, "", node(n -> { }), cordoned), user);
        }
    }

    /** A ValidatingAdmissionPolicy's CEL, compiled once and evaluated like the API server does. */
    static final class Policy {
        private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("object", SimpleType.DYN).addVar("oldObject", SimpleType.DYN)
                .addVar("request", SimpleType.DYN).addVar("variables", SimpleType.DYN).build();
        private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
        private final List<CelRuntime.Program> matchConditions = new ArrayList<>();
        private final Map<String, CelRuntime.Program> variables = new LinkedHashMap<>();
        private final List<CelRuntime.Program> validations = new ArrayList<>();
        private final List<String> messages = new ArrayList<>();

        Policy(JsonNode spec) {
            spec.path("matchConditions").forEach(c -> matchConditions.add(program(c.path("expression").asText())));
            spec.path("variables").forEach(v -> variables.put(v.path("name").asText(),
                    program(v.path("expression").asText())));
            spec.path("validations").forEach(v -> {
                validations.add(program(v.path("expression").asText()));
                messages.add(v.path("message").asText());
            });
            assertTrue(!validations.isEmpty() && !matchConditions.isEmpty());
        }

        private CelRuntime.Program program(String expression) {
            try {
                CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
                return runtime.createProgram(ast);
            } catch (Exception e) {
                throw new AssertionError("not a valid CEL expression: " + expression + ": " + e.getMessage(), e);
            }
        }

        private static Object eval(CelRuntime.Program p, Map<String, Object> input) {
            try {
                return p.eval(input);
            } catch (Exception e) {
                throw new AssertionError("evaluation failed: " + e.getMessage(), e);
            }
        }

        private static Map<String, Object> request(String user, String subResource) {
            return Map.of("userInfo", Map.of("username", user), "subResource", subResource, "operation", "UPDATE");
        }

        boolean matches(String user) {
            Map<String, Object> input = Map.of("request", request(user, ""), "object", Map.of(), "oldObject",
                    Map.of(), "variables", Map.of());
            return matchConditions.stream().allMatch(p -> Boolean.TRUE.equals(eval(p, input)));
        }

        /** The messages of the validations that fail; empty when the request is admitted (or not matched). */
        List<String> refusals(String user, String subResource, Map<String, Object> oldObject,
                              Map<String, Object> object) {
            Map<String, Object> input = new HashMap<>();
            input.put("request", request(user, subResource));
            input.put("object", object);
            input.put("oldObject", oldObject);
            input.put("variables", Map.of());
            for (CelRuntime.Program p : matchConditions) {
                if (!Boolean.TRUE.equals(eval(p, input))) {
                    return List.of();
                }
            }
            Map<String, Object> vars = new HashMap<>();
            for (Map.Entry<String, CelRuntime.Program> v : variables.entrySet()) {
                input.put("variables", Map.copyOf(vars));
                vars.put(v.getKey(), eval(v.getValue(), input));
            }
            input.put("variables", vars);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < validations.size(); i++) {
                Object ok = eval(validations.get(i), input);
                if (!Boolean.TRUE.equals(ok)) {
                    out.add(messages.get(i));
                }
            }
            return out;
        }

        /** JSON as CEL's Java runtime takes it: maps, lists, strings, booleans, and longs for every integer. */
        static Map<String, Object> plain(JsonNode n) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) value(n);
            return m;
        }

        private static Object value(JsonNode n) {
            if (n.isObject()) {
                Map<String, Object> m = new LinkedHashMap<>();
                n.fields().forEachRemaining(e -> m.put(e.getKey(), value(e.getValue())));
                return m;
            }
            if (n.isArray()) {
                List<Object> l = new ArrayList<>();
                n.forEach(x -> l.add(value(x)));
                return l;
            }
            if (n.isIntegralNumber()) {
                return n.asLong();
            }
            if (n.isNumber()) {
                return n.asDouble();
            }
            if (n.isBoolean()) {
                return n.asBoolean();
            }
            return n.asText();
        }
    }
}
