package io.ra2check.collector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium driven through the Chrome DevTools Protocol over the JDK's WebSocket client: just enough to load
 * a page, evaluate JavaScript in it and watch for exceptions and network requests. Started with the flags that keep
 * it off the network beyond the page itself.
 */
public final class Chromium implements AutoCloseable {
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> exceptions = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** The Chromium binary on PATH, if any. */
    public static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts Chromium on {@code url} and attaches to the page. */
    public static Chromium open(Path binary, String url) throws Exception {
        Path profile = Files.createTempDirectory("ra2check-chromium");
        Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> browserUrl = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        browserUrl.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                browserUrl.completeExceptionally(e);
            }
            browserUrl.completeExceptionally(new IllegalStateException("Chromium exited without DevTools"));
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            URI ws = URI.create(browserUrl.get(30, TimeUnit.SECONDS));
            HttpClient http = HttpClient.newHttpClient();
            String list = "http://" + ws.getHost() + ":" + ws.getPort() + "/json/list";
            String pageWs = null;
            for (int i = 0; i < 100 && pageWs == null; i++) {
                JsonNode targets = MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(list)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode t : targets) {
                    if ("page".equals(t.path("type").asText())) {
                        pageWs = t.get("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageWs == null) {
                    Thread.sleep(50);
                }
            }
            if (pageWs == null) {
                throw new IllegalStateException("no page target in Chromium");
            }
            Holder holder = new Holder();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), holder.listener())
                    .get(10, TimeUnit.SECONDS);
            Chromium c = new Chromium(p, profile, socket);
            holder.chromium = c;
            c.call("Runtime.enable", MAPPER.createObjectNode());
            c.call("Network.enable", MAPPER.createObjectNode());
            ObjectNode nav = MAPPER.createObjectNode();
            nav.put("url", url);
            c.call("Page.navigate", nav);
            return c;
        } catch (Exception e) {
            p.destroyForcibly();
            deleteTree(profile);
            throw e;
        }
    }

    /** Routes the socket's messages to the instance created after it. */
    private static final class Holder {
        volatile Chromium chromium;
        private final StringBuilder buffer = new StringBuilder();

        WebSocket.Listener listener() {
            return new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    buffer.append(data);
                    if (last) {
                        String msg = buffer.toString();
                        buffer.setLength(0);
                        Chromium c = chromium;
                        if (c != null) {
                            c.received(msg);
                        }
                    }
                    ws.request(1);
                    return null;
                }
            };
        }
    }

    private void received(String msg) {
        try {
            JsonNode m = MAPPER.readTree(msg);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                if (f != null) {
                    f.complete(m);
                }
            } else if ("Runtime.exceptionThrown".equals(m.path("method").asText())) {
                exceptions.add(m.path("params").path("exceptionDetails").toString());
            } else if ("Network.requestWillBeSent".equals(m.path("method").asText())) {
                requests.add(m.path("params").path("request").path("url").asText());
            }
        } catch (IOException e) {
            exceptions.add("unreadable DevTools message: " + e.getMessage());
        }
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = MAPPER.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", params);
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(MAPPER.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode answer = f.get(30, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + ": " + answer.get("error"));
        }
        return answer.get("result");
    }

    /** Evaluates a JavaScript expression in the page (promises awaited) and returns its value as JSON. */
    public JsonNode eval(String expression) throws Exception {
        ObjectNode params = MAPPER.createObjectNode();
        params.put("expression", expression);
        params.put("returnByValue", true);
        params.put("awaitPromise", true);
        JsonNode r = call("Runtime.evaluate", params);
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("page threw: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until a JavaScript expression is true in the page. */
    public void await(String what, String expression, Duration timeout) throws Exception {
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

    public List<String> exceptions() {
        return new ArrayList<>(exceptions);
    }

    public List<String> requests() {
        return new ArrayList<>(requests);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path dir) {
        // Chromium's helper processes may still be writing their last files for a moment after it exits
        for (int attempt = 0; attempt < 20 && Files.exists(dir); attempt++) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                // retried below
            }
            if (Files.exists(dir)) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
