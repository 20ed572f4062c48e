package io.ra2check.collector.testing;

import io.ra2check.collector.CollectorConfig;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * fabric8's mock API server in CRUD mode on loopback, plus what the collector needs that CRUD mode does not do:
 * TokenReviews answered from a table of tokens, a count of node PATCH requests (the writes), and switches that make
 * writes, or everything, fail with 503; and JSON merge patches applied as the API server applies them (the mock
 * keeps nulls as values where RFC 7386, and the API server, delete the key), and lists paged with limit/continue as the
 * API server pages them (the mock returns every item at once). The CRUD state lives in the dispatcher, so the server can be stopped and
 * started again on the same port with its objects intact.
 */
public final class FakeCluster implements AutoCloseable {
    public static final String AGENT_SA = "system:serviceaccount:ra2check:ra2check-agent";
    public static final String AUDIENCE = "ra2check-collector";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a token authenticates as. */
    public record TokenInfo(String username, List<String> audiences, Map<String, List<String>> extra) {
    }

    private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    private final KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
    private final Map<String, TokenInfo> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger nodePatches = new AtomicInteger();
    private final AtomicInteger tokenReviews = new AtomicInteger();
    private final AtomicInteger accessReviews = new AtomicInteger();
    private final java.util.Set<String> grants = ConcurrentHashMap.newKeySet();
    /** The audience of tokens meant for the API server itself. */
    public static final String API_AUDIENCE = "https://kubernetes.default.svc";
    private final AtomicBoolean failWrites = new AtomicBoolean();
    private final AtomicBoolean failAll = new AtomicBoolean();
    private final AtomicInteger failWritesWith = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong patchDelayMs = new java.util.concurrent.atomic.AtomicLong();
    private final Dispatcher dispatcher = new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            return FakeCluster.this.dispatch(request);
        }
    };
    private KubernetesMockServer server;
    private int port;

    public FakeCluster() {
        start(0);
    }

    private void start(int onPort) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("30").withGitVersion("v1.30.2")
                .build());
        server.init(InetAddress.getLoopbackAddress(), onPort);
        port = server.getPort();
    }

    /** Stops answering: connections are refused until {@link #restart}. */
    public void stop() {
        server.destroy();
    }

    /** Serves again on the same port, with the same objects. */
    public void restart() {
        start(port);
    }

    public int port() {
        return port;
    }

    public void setVersion(String gitVersion) {
        String[] p = gitVersion.replaceFirst("^v", "").split("\\.");
        server.setVersionInfo(new VersionInfo.Builder().withMajor(p[0]).withMinor(p[1]).withGitVersion(gitVersion)
                .build());
    }

    /** A client as the collector would use: the JDK HTTP client, short timeouts, one retry. */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.createClient().getConfiguration())
                .withRequestTimeout(5000).withConnectionTimeout(2000).withRequestRetryBackoffLimit(1)
                .withRequestRetryBackoffInterval(100).withNamespace("ra2check").build()).build();
    }

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    /** How many requests with this method reached the server for paths starting with {@code pathPrefix}. */
    public int requests(String method, String pathPrefix) {
        return requests.entrySet().stream().filter(e -> e.getKey().startsWith(method + " " + pathPrefix))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** Requests that change something (anything but GET), TokenReviews and the Lease left out. */
    public int writes() {
        return requests.entrySet().stream().filter(e -> !e.getKey().startsWith("GET ")
                && !e.getKey().contains("/tokenreviews") && !e.getKey().contains("/leases"))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    private MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        String method = request.getMethod();
        int q = path.indexOf('?');
        requests.computeIfAbsent(method + " " + (q < 0 ? path : path.substring(0, q)), k -> new AtomicInteger())
                .incrementAndGet();
        if (failAll.get()) {
            return status(503, "ServiceUnavailable", "the test made the API server fail");
        }
        if ("PATCH".equals(method) && path.startsWith("/api/v1/nodes/")) {
            nodePatches.incrementAndGet();
            if (failWrites.get()) {
                return status(503, "ServiceUnavailable", "the test made writes fail");
            }
            int code = failWritesWith.get();
            if (code != 0) {
                return status(code, code == 409 ? "Conflict" : "InternalError", "the test made writes fail with "
                        + code);
            }
            long delay = patchDelayMs.get();
            if (delay > 0) {
                // a slow API server: the write still lands after the delay, whether or not the client waited for it
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if ("GET".equals(method) && path.contains("limit=") && !path.contains("watch=true")) {
            return page(request);
        }
        String type = request.getHeader("Content-Type");
        if ("PATCH".equals(method) && type != null && type.startsWith("application/merge-patch+json")) {
            return mergePatch(request);
        }
        if ("PATCH".equals(method) && type != null && type.startsWith("application/strategic-merge-patch+json")
                && path.startsWith("/api/v1/nodes/")) {
            return strategicNodeStatusPatch(request);
        }
        if ("PATCH".equals(method) && type != null && type.startsWith("application/json-patch+json")
                && path.startsWith("/api/v1/nodes/") && (q < 0 ? path : path.substring(0, q)).endsWith("/status")) {
            return jsonPatch(request);
        }
        if ("POST".equals(method) && path.startsWith("/apis/authorization.k8s.io/v1/subjectaccessreviews")) {
            return accessReview(request);
        }
        if ("POST".equals(method) && path.startsWith("/apis/authentication.k8s.io/v1/tokenreviews")) {
            tokenReviews.incrementAndGet();
            return tokenReview(request);
        }
        return crud.dispatch(request);
    }

    /**
     * A JSON merge patch as the API server applies it (RFC 7386: a null deletes the key). The mock's own merge keeps
     * the nulls as values, so the patch is applied here and the result stored with a replace.
     */
    private synchronized MockResponse mergePatch(RecordedRequest request) {
        String path = request.getPath();
        MockResponse current = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path,
                new Headers.Builder().build(), new Buffer()));
        if (current.code() != 200) {
            return current;
        }
        try {
            JsonNode target = MAPPER.readTree(current.getBody().readUtf8());
            JsonNode patch = MAPPER.readTree(request.getUtf8Body());
            JsonNode wantedVersion = patch.path("metadata").get("resourceVersion");
            if (wantedVersion != null && !wantedVersion.asText().equals(target.path("metadata")
                    .path("resourceVersion").asText())) {
                // the API server's precondition: a patch naming a resourceVersion applies to that version only
                return status(409, "Conflict", "the object has been modified; please apply your changes to the "
                        + "latest version and try again");
            }
            JsonNode merged = merge(target, patch);
            MockResponse put = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, path,
                    new Headers.Builder().add("Content-Type", "application/json").build(),
                    new Buffer(MAPPER.writeValueAsBytes(merged))));
            return put;
        } catch (java.io.IOException e) {
            return status(400, "BadRequest", "not JSON");
        }
    }

    /**
     * A strategic merge patch of a Node's status conditions as the API server applies it: conditions merge by
     * {@code type} (a condition of another type is kept). The mock would replace the whole list.
     */
    private synchronized MockResponse strategicNodeStatusPatch(RecordedRequest request) {
        String path = request.getPath();
        int q = path.indexOf('?');
        String nodePath = (q < 0 ? path : path.substring(0, q)).replaceFirst("/status$", "");
        MockResponse current = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, nodePath,
                new Headers.Builder().build(), new Buffer()));
        if (current.code() != 200) {
            return current;
        }
        try {
            ObjectNode target = (ObjectNode) MAPPER.readTree(current.getBody().readUtf8());
            JsonNode patch = MAPPER.readTree(request.getUtf8Body());
            ObjectNode status = target.has("status") && target.get("status").isObject()
                    ? (ObjectNode) target.get("status") : target.putObject("status");
            com.fasterxml.jackson.databind.node.ArrayNode conditions = status.has("conditions")
                    && status.get("conditions").isArray() ? (com.fasterxml.jackson.databind.node.ArrayNode)
                    status.get("conditions") : status.putArray("conditions");
            for (JsonNode c : patch.path("status").path("conditions")) {
                boolean replaced = false;
                for (int i = 0; i < conditions.size(); i++) {
                    if (conditions.get(i).path("type").asText().equals(c.path("type").asText())) {
                        ObjectNode merged = ((ObjectNode) conditions.get(i)).deepCopy();
                        merged.setAll((ObjectNode) c);
                        conditions.set(i, merged);
                        replaced = true;
                    }
                }
                if (!replaced) {
                    conditions.add(c);
                }
            }
            return crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, nodePath,
                    new Headers.Builder().add("Content-Type", "application/json").build(),
                    new Buffer(MAPPER.writeValueAsBytes(target))));
        } catch (java.io.IOException | ClassCastException e) {
            return status(400, "BadRequest", "not a Node status patch");
        }
    }

    /**
     * A JSON patch (RFC 6902) of a Node's status as the API server applies it: a failed {@code test} op, or an
     * op on a path that does not exist, is 422 and changes nothing. The mock would not answer at all.
     */
    private synchronized MockResponse jsonPatch(RecordedRequest request) {
        String path = request.getPath();
        int q = path.indexOf('?');
        String nodePath = (q < 0 ? path : path.substring(0, q)).replaceFirst("/status$", "");
        MockResponse current = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, nodePath,
                new Headers.Builder().build(), new Buffer()));
        if (current.code() != 200) {
            return current;
        }
        try {
            JsonNode target = MAPPER.readTree(current.getBody().readUtf8());
            JsonNode patched;
            try {
                patched = io.fabric8.zjsonpatch.JsonPatch.apply(MAPPER.readTree(request.getUtf8Body()), target);
            } catch (RuntimeException e) {
                return status(422, "Invalid", "the server rejected our request due to an error in our request");
            }
            return crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, nodePath,
                    new Headers.Builder().add("Content-Type", "application/json").build(),
                    new Buffer(MAPPER.writeValueAsBytes(patched))));
        } catch (java.io.IOException e) {
            return status(400, "BadRequest", "not JSON");
        }
    }

    /** A list being paged: the snapshot taken at its first page. */
    private record ListSnapshot(ObjectNode template, List<JsonNode> items) {
    }

    private final Map<String, ListSnapshot> lists = new ConcurrentHashMap<>();
    private final AtomicInteger listIds = new AtomicInteger();

    /**
     * A list with {@code limit} as the API server serves it: pages of at most {@code limit} items from one snapshot,
     * linked by {@code metadata.continue}. The mock returns every item at once, which no real cluster of 5,000 nodes
     * does, and which would make the collector's start-up look far hungrier than it is.
     */
    private MockResponse page(RecordedRequest request) {
        Map<String, String> query = new HashMap<>();
        String path = request.getPath();
        int q = path.indexOf('?');
        for (String kv : path.substring(q + 1).split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                query.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        int limit = Integer.parseInt(query.get("limit"));
        String cont = query.get("continue");
        String id;
        int offset;
        if (cont == null || cont.isEmpty()) {
            MockResponse all = crud.dispatch(request);
            if (all.code() != 200) {
                return all;
            }
            try {
                ObjectNode list = (ObjectNode) MAPPER.readTree(all.getBody().readUtf8());
                List<JsonNode> items = new java.util.ArrayList<>();
                list.withArray("items").forEach(items::add);
                list.remove("items");
                id = Integer.toString(listIds.incrementAndGet());
                lists.put(id, new ListSnapshot(list, items));
                offset = 0;
            } catch (java.io.IOException e) {
                return status(500, "InternalError", "unreadable list");
            }
        } else {
            String[] parts = cont.split(":");
            id = parts[0];
            offset = Integer.parseInt(parts[1]);
        }
        ListSnapshot snap = lists.get(id);
        if (snap == null) {
            return status(410, "Expired", "the continue token has expired");
        }
        ObjectNode out = snap.template().deepCopy();
        int end = Math.min(snap.items().size(), offset + limit);
        out.putArray("items").addAll(snap.items().subList(offset, end));
        ObjectNode meta = out.with("metadata");
        if (end < snap.items().size()) {
            meta.put("continue", id + ":" + end);
            meta.put("remainingItemCount", snap.items().size() - end);
        } else {
            meta.remove("continue");
            lists.remove(id);
        }
        try {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(MAPPER.writeValueAsString(out));
        } catch (java.io.IOException e) {
            return status(500, "InternalError", "cannot write list");
        }
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode out = target != null && target.isObject() ? (ObjectNode) target : MAPPER.createObjectNode();
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue()));
            }
        });
        return out;
    }

    private MockResponse tokenReview(RecordedRequest request) {
        TokenReview in = Serialization.unmarshal(request.getUtf8Body(), TokenReview.class);
        TokenInfo info = tokens.get(in.getSpec().getToken());
        // no audiences asked: the API server's own, as a real one does
        List<String> wanted = in.getSpec().getAudiences() == null || in.getSpec().getAudiences().isEmpty()
                ? List.of(API_AUDIENCE) : in.getSpec().getAudiences();
        TokenReviewStatusBuilder status = new TokenReviewStatusBuilder();
        if (info == null || wanted.stream().noneMatch(info.audiences()::contains)) {
            status.withAuthenticated(false).withError("invalid bearer token");
        } else {
            status.withAuthenticated(true).withAudiences(wanted.stream().filter(info.audiences()::contains).toList())
                    .withNewUser().withUsername(info.username()).withExtra(info.extra()).endUser();
        }
        TokenReview out = new TokenReviewBuilder(in).withStatus(status.build()).build();
        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(out));
    }

    /** Allows exactly the grants made with {@link #allow}: user, verb, group/resource and namespace. */
    private MockResponse accessReview(RecordedRequest request) {
        io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview in = Serialization.unmarshal(
                request.getUtf8Body(), io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview.class);
        accessReviews.incrementAndGet();
        var a = in.getSpec().getResourceAttributes();
        String grant = in.getSpec().getUser() + " " + a.getVerb() + " " + a.getResource() + "." + a.getGroup() + " "
                + a.getNamespace();
        boolean ok = grants.contains(grant);
        var out = new io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder(in).withNewStatus()
                .withAllowed(ok).withReason(ok ? "granted by the test" : "no grant").endStatus().build();
        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(out));
    }

    /** Lets {@code user} {@code verb} {@code resource.group} in {@code namespace}, as a RoleBinding would. */
    public void allow(String user, String verb, String group, String resource, String namespace) {
        grants.add(user + " " + verb + " " + resource + "." + group + " " + namespace);
    }

    public int accessReviews() {
        return accessReviews.get();
    }

    /** A token the API server accepts for its own audience, naming {@code user}. */
    public String userToken(String user) {
        String token = "user-token-" + user.replace(':', '-');
        tokens.put(token, new TokenInfo(user, List.of(API_AUDIENCE), Map.of()));
        return token;
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason
                        + "\",\"message\":\"" + message + "\",\"code\":" + code + "}");
    }

    // ------------------------------------------------------------------------------------------------- tokens

    /** A token of the agent ServiceAccount bound (node-name extra) to {@code node}. */
    public String agentToken(String node) {
        String token = "agent-token-" + node;
        tokens.put(token, new TokenInfo(AGENT_SA, List.of(AUDIENCE),
                Map.of("authentication.kubernetes.io/node-name", List.of(node),
                        "authentication.kubernetes.io/pod-name", List.of("agent-" + node))));
        return token;
    }

    public void token(String token, TokenInfo info) {
        tokens.put(token, info);
    }

    // ------------------------------------------------------------------------------------------------- objects

    /** A node that passes every cluster check (64 CPUs, both hugepage sizes, NFD labels, containerd, v1.30). */
    public static NodeBuilder goodNode(String name) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("node.kubernetes.io/instance-type", "m5.metal")
                .addToLabels(CollectorConfig.DEFAULT_POOL_LABEL, "m5.metal")
                .addToLabels("kubernetes.io/hostname", name)
                .addToLabels("feature.node.kubernetes.io/cpu-cpuid.AVX512F", "true")
                .addToLabels("feature.node.kubernetes.io/kernel-version.major", "6")
                .endMetadata()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity("64"))
                .addToAllocatable("memory", new Quantity("256Gi"))
                .addToAllocatable("hugepages-2Mi", new Quantity("2Gi"))
                .addToAllocatable("hugepages-1Gi", new Quantity("16Gi"))
                .addToAllocatable("pods", new Quantity("110"))
                .withNewNodeInfo().withKubeletVersion("v1.30.2").withContainerRuntimeVersion("containerd://1.7.13")
                .withOperatingSystem("linux").withArchitecture("amd64").endNodeInfo()
                .endStatus();
    }

    /** The NFD daemons of a cluster where NFD runs, as the collector's pod store reports them. */
    public static final io.ra2check.collector.check.NfdPods NFD_RUNNING = new io.ra2check.collector.check.NfdPods(
            List.of("node-feature-discovery/nfd-worker-x2x7q"), List.of("node-feature-discovery/nfd-master-5d8f9"));
    public static final String NFD_NAMESPACE = "node-feature-discovery";

    /**
     * An nfd-worker pod of NFD's Helm chart, running and ready on {@code node}. Its CPU request and limit are 0 (the
     * chart asks 5m and sets no limit) so that the CPU sums the tests assert stay those of the node's own workload.
     */
    public static io.fabric8.kubernetes.api.model.Pod nfdWorker(String node) {
        return nfdPod("nfd-worker-" + node, node, "worker", "nfd-worker");
    }

    /** An nfd-master pod of NFD's Helm chart, running and ready. */
    public static io.fabric8.kubernetes.api.model.Pod nfdMaster(String node) {
        return nfdPod("nfd-master-5d8f9", node, "master", "nfd-master");
    }

    private static io.fabric8.kubernetes.api.model.Pod nfdPod(String name, String node, String role, String command) {
        return new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withNamespace(NFD_NAMESPACE)
                .withName(name).addToLabels("app.kubernetes.io/name", "node-feature-discovery")
                .addToLabels("app.kubernetes.io/instance", "nfd").addToLabels("role", role).endMetadata()
                .withNewSpec().withNodeName(node).withServiceAccountName("nfd-" + role).addNewContainer()
                .withName(role).withImage("registry.k8s.io/nfd/node-feature-discovery:v0.17.3")
                .withCommand(command).addToArgs("-feature-gates=NodeFeatureAPI=true").withNewResources()
                .addToRequests("cpu", new Quantity("0")).addToLimits("cpu", new Quantity("0")).endResources()
                .endContainer().endSpec().withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                .withStatus("True").endCondition().endStatus().build();
    }

    private final AtomicBoolean nfdMasterCreated = new AtomicBoolean();

    /**
     * Creates the node; one carrying NFD labels gets an nfd-worker pod too, and the first such an nfd-master, as NFD
     * deployed on the cluster would have them, so that a good node passes ra2.ch.018.
     */
    public Node createNode(Node node) {
        Node created = client().nodes().resource(node).create();
        Map<String, String> labels = node.getMetadata().getLabels();
        if (labels != null && labels.keySet().stream().anyMatch(k -> k.startsWith("feature.node.kubernetes.io/"))) {
            String name = node.getMetadata().getName();
            client().pods().inNamespace(NFD_NAMESPACE).resource(nfdWorker(name)).create();
            if (nfdMasterCreated.compareAndSet(false, true)) {
                client().pods().inNamespace(NFD_NAMESPACE).resource(nfdMaster(name)).create();
            }
        }
        return created;
    }

    /**
     * A good node in a pool of its own choosing (the pool label the collector trusts): a node alone in its pool has
     * no peers whose reports move its ra2.os.004.
     */
    public Node createNodeInPool(String name, String pool) {
        return createNode(goodNode(name).editMetadata().addToLabels(CollectorConfig.DEFAULT_POOL_LABEL, pool)
                .endMetadata().build());
    }

    public Node createNode(String name) {
        return createNode(goodNode(name).build());
    }

    public Node node(String name) {
        return client().nodes().withName(name).get();
    }

    public Node editNode(String name, UnaryOperator<Node> edit) {
        return client().nodes().withName(name).edit(edit);
    }

    private KubernetesClient admin;

    /** A client for the test itself (setting up objects, reading them back). */
    public synchronized KubernetesClient client() {
        if (admin == null) {
            admin = newClient();
        }
        return admin;
    }

    // ------------------------------------------------------------------------------------------------- faults

    public int nodePatches() {
        return nodePatches.get();
    }

    public int tokenReviews() {
        return tokenReviews.get();
    }

    public void failWrites(boolean fail) {
        failWrites.set(fail);
    }

    /** Node PATCHes answered with this status (409, 500, ...) until called with 0. */
    public void failWritesWith(int status) {
        failWritesWith.set(status);
    }

    /** Node PATCHes take this long (and then land); zero for none. */
    public void slowWrites(java.time.Duration delay) {
        patchDelayMs.set(delay.toMillis());
    }

    public void failAll(boolean fail) {
        failAll.set(fail);
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        server.destroy();
    }
}
