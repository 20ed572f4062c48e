package io.ra2check.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Headless Chromium for the browser tests. Every launch gets a fresh profile and the flags that keep Chromium off the
 * network (without them it calls home for updates, sync and field trials). Tests skip when Chromium is not installed,
 * except on CI ({@code CI=true}), where its absence fails them: the CI script installs it.
 */
public final class Chromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path executable;
    private final Path work;

    private Chromium(Path executable, Path work) {
        this.executable = executable;
        this.work = work;
    }

    /** Chromium, or the calling test is skipped (failed under CI=true). */
    public static Chromium require(Path work) {
        Path exe = find();
        if (exe == null) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("Chromium is not installed, and CI=true requires the browser tests to run "
                        + "(apt-get install chromium)");
            }
            Assumptions.abort("Chromium is not installed (looked for " + String.join(", ", NAMES) + " on PATH)");
        }
        return new Chromium(exe, work);
    }

    /** The first Chromium on PATH, or null. */
    public static Path find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String name : NAMES) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** What a run of Chromium left behind. */
    public record Run(int exit, String stdout, String stderr) {
    }

    private List<String> baseCommand() throws IOException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        return new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    }

    /** Chromium's own temporary files (its singleton socket) go under the test's directory, not the machine's /tmp. */
    private ProcessBuilder builder(List<String> cmd) {
        ProcessBuilder b = new ProcessBuilder(cmd);
        b.environment().put("TMPDIR", work.toString());
        return b;
    }

    /** Runs Chromium with these arguments (after the fixed flags) to completion. */
    public Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = baseCommand();
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "chromium", ".out");
        Path err = Files.createTempFile(work, "chromium", ".err");
        Process p = builder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("Chromium did not finish in " + TIMEOUT + ": " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Chromium left running with the DevTools protocol on a free port; {@link DevTools#close} ends it. */
    public DevTools devTools() throws IOException, InterruptedException {
        List<String> cmd = baseCommand();
        Path profile = Path.of(cmd.get(cmd.size() - 1).substring("--user-data-dir=".length()));
        cmd.add("--remote-debugging-port=0");
        cmd.add("about:blank");
        Path log = Files.createTempFile(work, "chromium-devtools", ".log");
        Process p = builder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // Chromium writes the port it chose, then the browser endpoint's path, to DevToolsActivePort
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!(Files.isRegularFile(portFile) && Files.readAllLines(portFile).size() >= 2)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    Assertions.fail("Chromium's DevTools endpoint did not come up: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String ws = null;
            for (JsonNode t : targets) {
                if (t.path("type").asText().equals("page")) {
                    ws = t.get("webSocketDebuggerUrl").asText();
                }
            }
            Assertions.assertNotNull(ws, "no page target: " + targets);
            return new DevTools(p, http, URI.create(ws));
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /**
     * A DevTools protocol session with one page: commands by id, every event kept for the test to look at, and the
     * few page operations browser tests need (navigate, evaluate, wait for a condition, exceptions, requests).
     */
    public static final class DevTools implements AutoCloseable, WebSocket.Listener {
        private final Process process;
        private final WebSocket socket;
        private final JsonMapper json = JsonMapper.builder().build();
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        private DevTools(Process process, HttpClient http, URI endpoint) {
            this.process = process;
            this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(endpoint, this)
                    .join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode msg = json.readTree(partial.toString());
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    } else {
                        events.add(msg);
                    }
                } catch (IOException e) {
                    events.add(json.createObjectNode().put("method", "test.unparsable")
                            .put("text", partial.toString()));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        /** Sends a command and returns its result; a protocol error fails the test. */
        public JsonNode send(String method, Map<String, Object> params) throws Exception {
            int id = ids.incrementAndGet();
            ObjectNode msg = json.createObjectNode().put("id", id).put("method", method);
            msg.set("params", json.valueToTree(params));
            CompletableFuture<JsonNode> f = new CompletableFuture<>();
            pending.put(id, f);
            socket.sendText(json.writeValueAsString(msg), true).join();
            JsonNode reply = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                Assertions.fail(method + ": " + reply.get("error"));
            }
            return reply.get("result");
        }

        /** Waits for an event of this method (already received or to come). */
        public JsonNode await(String method) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (JsonNode e : events) {
                    if (e.path("method").asText().equals(method)) {
                        return e;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no " + method + " event in " + TIMEOUT + "; events: " + events);
        }

        /** The events received so far that match. */
        public List<JsonNode> events(Predicate<JsonNode> which) {
            return events.stream().filter(which).toList();
        }

        public List<JsonNode> events(String method) {
            return events(e -> e.path("method").asText().equals(method));
        }

        public void clearEvents() {
            events.clear();
        }

        /** Turns on the runtime and network events, then loads {@code url}. */
        public void navigate(String url) throws Exception {
            send("Runtime.enable", Map.of());
            send("Network.enable", Map.of());
            send("Page.navigate", Map.of("url", url));
        }

        /** Evaluates a JavaScript expression in the page (promises awaited) and returns its value. */
        public JsonNode eval(String expression) throws Exception {
            JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                    "awaitPromise", true));
            if (r.has("exceptionDetails")) {
                throw new IllegalStateException("page threw: " + r.get("exceptionDetails"));
            }
            return r.path("result").path("value");
        }

        /** Waits until a JavaScript expression is true in the page. */
        public void waitFor(String what, String expression, Duration timeout) throws Exception {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                try {
                    if (eval(expression).asBoolean(false)) {
                        return;
                    }
                } catch (IllegalStateException e) {
                    // the page may be between documents
                }
                Thread.sleep(50);
            }
            throw new AssertionError("timed out waiting in the page for: " + what + " (" + expression + ")");
        }

        /** JavaScript exceptions the page threw (Runtime.exceptionThrown). */
        public List<String> exceptions() {
            return events("Runtime.exceptionThrown").stream()
                    .map(e -> e.path("params").path("exceptionDetails").toString()).toList();
        }

        /** URLs the page requested (Network.requestWillBeSent). */
        public List<String> requests() {
            return events("Network.requestWillBeSent").stream()
                    .map(e -> e.path("params").path("request").path("url").asText()).toList();
        }

        @Override
        public void close() {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).join();
            } catch (RuntimeException e) {
                // the browser is ended below either way
            }
            // the renderer and helper processes this browser started end with it; any left over are ended by pid
            List<ProcessHandle> helpers = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            for (ProcessHandle h : helpers) {
                if (h.isAlive()) {
                    h.destroyForcibly();
                }
            }
        }
    }

    /** How many pages a PDF has: its page objects ({@code /Type /Page}, not {@code /Pages}). */
    public static int pdfPages(byte[] pdf) {
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        return (int) java.util.regex.Pattern.compile("/Type\\s*/Page(?![a-zA-Z])").matcher(s).results().count();
    }

    /** Deletes a directory tree (the test's Chromium profiles). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
