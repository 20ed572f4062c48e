package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Kubernetes API server, for the chart's {@code lookup} of its TLS Secret. helm-java's template
 * action looks objects up in the cluster of the kubeconfig (the helm CLI's {@code helm template} would answer
 * "nothing" without asking), so the tests give it this server: it answers the discovery of core/v1 and reads of the
 * Secrets it was given, 404 for anything else, and records every request so a test can show Helm only read.
 *
 * <p>Surefire points {@code KUBECONFIG} at target/helm-home/kubeconfig; this writes that file for its own port.
 */
final class FakeKubeApi implements BeforeEachCallback, AfterEachCallback {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, JsonNode> secrets = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> crds = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** Makes a Secret exist in the fake cluster (what a previous install left). */
    void addSecret(JsonNode secret) {
        secrets.put(secret.path("metadata").path("namespace").asText() + "/" + secret.path("metadata").path("name")
                .asText(), secret);
    }

    /** Makes a CustomResourceDefinition exist in the fake cluster (one another tool installed). */
    void addCrd(JsonNode crd) {
        crds.put(crd.path("metadata").path("name").asText(), crd);
    }

    /** "GET /api/v1/namespaces/ra2check/secrets/ra2check-collector-tls", ... */
    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        writeKubeconfig(server.getAddress().getPort());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.stop(0);
    }

    static Path kubeconfigPath() {
        String env = System.getenv("KUBECONFIG");
        if (env == null || !env.endsWith("/helm-home/kubeconfig")) {
            // never let Helm reach the developer's real cluster from a test run outside Maven
            throw new IllegalStateException("KUBECONFIG is " + env + ": run the chart tests through Maven, whose "
                    + "surefire configuration points it into target/");
        }
        return Path.of(env);
    }

    private static void writeKubeconfig(int port) throws IOException {
        Path file = kubeconfigPath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: fake
                  cluster: {server: "http://127.0.0.1:%d"}
                users:
                - name: fake
                  user: {token: not-a-real-token}
                contexts:
                - name: fake
                  context: {cluster: fake, user: fake, namespace: default}
                current-context: fake
                """.formatted(port), StandardCharsets.UTF_8);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        try (exchange) {
            if (!method.equals("GET")) {
                respond(exchange, 405, status(405, "MethodNotAllowed", method + " is not served by the fake API"));
            } else if (path.equals("/api")) {
                respond(exchange, 200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}");
            } else if (path.equals("/apis")) {
                respond(exchange, 200, "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":"
                        + "\"apiextensions.k8s.io\",\"versions\":[{\"groupVersion\":\"apiextensions.k8s.io/v1\","
                        + "\"version\":\"v1\"}],\"preferredVersion\":{\"groupVersion\":\"apiextensions.k8s.io/v1\","
                        + "\"version\":\"v1\"}}]}");
            } else if (path.equals("/apis/apiextensions.k8s.io/v1")) {
                respond(exchange, 200, "{\"kind\":\"APIResourceList\",\"groupVersion\":\"apiextensions.k8s.io/v1\","
                        + "\"resources\":[{\"name\":\"customresourcedefinitions\",\"singularName\":"
                        + "\"customresourcedefinition\",\"namespaced\":false,\"kind\":\"CustomResourceDefinition\","
                        + "\"verbs\":[\"get\",\"list\"]}]}");
            } else if (path.matches("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/[^/]+")) {
                String name = path.substring(path.lastIndexOf('/') + 1);
                JsonNode crd = crds.get(name);
                if (crd == null) {
                    respond(exchange, 404, status(404, "NotFound", "customresourcedefinitions.apiextensions.k8s.io \""
                            + name + "\" not found"));
                } else {
                    respond(exchange, 200, JSON.writeValueAsString(crd));
                }
            } else if (path.equals("/api/v1")) {
                respond(exchange, 200, "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
                        + "{\"name\":\"secrets\",\"singularName\":\"secret\",\"namespaced\":true,\"kind\":\"Secret\","
                        + "\"verbs\":[\"get\",\"list\"]}]}");
            } else if (path.matches("/api/v1/namespaces/[^/]+/secrets/[^/]+")) {
                String[] parts = path.split("/");
                JsonNode secret = secrets.get(parts[4] + "/" + parts[6]);
                if (secret == null) {
                    respond(exchange, 404, status(404, "NotFound", "secrets \"" + parts[6] + "\" not found"));
                } else {
                    respond(exchange, 200, JSON.writeValueAsString(secret));
                }
            } else {
                respond(exchange, 404, status(404, "NotFound", path + " is not served by the fake API"));
            }
        }
    }

    private static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason
                + "\",\"code\":" + code + ",\"message\":\"" + message.replace("\"", "\\\"") + "\"}";
    }

    private static void respond(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
