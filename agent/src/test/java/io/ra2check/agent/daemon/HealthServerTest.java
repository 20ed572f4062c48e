package io.ra2check.agent.daemon;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's :9102 under slow clients: 24 tricklers and a silent client do not delay /healthz, and are cut off. */
class HealthServerTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersWithinASecondWhileClientsTrickleAndClosesThem() throws Exception {
        try (HealthServer s = new HealthServer(new InetSocketAddress("127.0.0.1", 0), () -> true, () -> "m 1\n",
                () -> "{}", Duration.ofSeconds(2))) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 24; i++) {
                    Socket c = new Socket("127.0.0.1", s.port());
                    c.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "
                            .getBytes(StandardCharsets.US_ASCII));
                    slow.add(c);
                }
                Socket silent = new Socket("127.0.0.1", s.port());
                slow.add(silent);
                long worst = 0;
                long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                while (System.nanoTime() < end) {
                    for (Socket c : slow.subList(0, 24)) {
                        try {
                            c.getOutputStream().write('a');
                        } catch (IOException e) {
                            // closed by the deadline
                        }
                    }
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = get(s.port(), "/healthz");
                    worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
                    assertEquals(200, r.statusCode());
                    assertEquals("ok\n", r.body());
                    Thread.sleep(200);
                }
                assertTrue(worst < 1000, "slowest /healthz: " + worst + " ms");
                for (Socket c : slow) {
                    c.setSoTimeout(3000);
                    InputStream in = c.getInputStream();
                    int b;
                    try {
                        b = in.read();
                    } catch (IOException e) {
                        b = -1;
                    }
                    assertEquals(-1, b, "closed without an answer after the header timeout");
                }
            } finally {
                for (Socket c : slow) {
                    c.close();
                }
            }
            assertEquals(404, get(s.port(), "/nope").statusCode());
            assertEquals("m 1\n", get(s.port(), "/metrics").body());
        }
    }
}
