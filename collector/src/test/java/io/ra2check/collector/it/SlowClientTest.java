package io.ra2check.collector.it;

import io.ra2check.collector.Collector;
import io.ra2check.collector.CollectorConfig;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.Http;
import io.ra2check.collector.testing.TestReports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow clients cannot take health down: 24 connections trickling headers and 24 trickling a report's body, while
 * /healthz, /readyz and a real report are answered within a second; the tricklers and a client that sends nothing
 * are cut off by the header and body deadlines.
 */
class SlowClientTest {
    private static CollectorConfig quick() {
        io.ra2check.collector.http.IntakeLimits d = io.ra2check.collector.http.IntakeLimits.defaults();
        return Fixture.config("a").withIntake(new io.ra2check.collector.http.IntakeLimits(Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(30), d.maxConnections(), d.answerWithin(), d.writers(),
                d.maxBusyNodes(), d.clockSkew(), new InetSocketAddress("127.0.0.1", 0), d.negativeTokenTtl(),
                d.authFailuresPerMinute()));
    }

    @Test
    void healthAnswersWithinASecondWhileClientsTrickle() throws Exception {
        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            Collector c = f.startLeader(quick());
            Http http = f.http(c);
            String token = f.cluster.agentToken("w1");
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 24; i++) {
                    Socket s = new Socket("127.0.0.1", c.port());
                    s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    slow.add(s);
                }
                for (int i = 0; i < 24; i++) {
                    Socket s = new Socket("127.0.0.1", c.port());
                    s.getOutputStream().write(("PUT /api/v1/reports/w1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                            + token + "\r\nContent-Type: application/json\r\nContent-Length: 50000\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
                    slow.add(s);
                }
                long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                int rounds = 0;
                long worstMs = 0;
                while (System.nanoTime() < end) {
                    for (Socket s : slow) {
                        trickle(s);
                    }
                    for (int port : new int[] {c.port(), c.healthPort()}) {
                        long t0 = System.nanoTime();
                        assertEquals(200, new Http(port).get("/healthz").statusCode());
                        worstMs = Math.max(worstMs, (System.nanoTime() - t0) / 1_000_000);
                    }
                    rounds++;
                    Thread.sleep(250);
                }
                System.out.println("SlowClientTest: slowest /healthz of " + rounds * 2 + " with 48 tricklers: "
                        + worstMs + " ms");
                assertTrue(worstMs < 1000, "slowest /healthz: " + worstMs + " ms");
                assertTrue(rounds >= 10, "rounds: " + rounds);
                long t0 = System.nanoTime();
                assertEquals(200, http.report("w1", token, TestReports.report("w1").json()).statusCode());
                assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000, "a real report is answered at once");
                // by now every trickler is past its deadline: each was closed (header ones) or answered 408 (body)
                int closed = 0;
                int timedOut = 0;
                for (Socket s : slow) {
                    String answer = readAll(s);
                    if (answer.startsWith("HTTP/1.1 408")) {
                        timedOut++;
                    } else if (answer.isEmpty()) {
                        closed++;
                    }
                }
                assertEquals(24, closed, "header tricklers closed");
                assertEquals(24, timedOut, "body tricklers answered 408");
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        try (Fixture f = new Fixture()) {
            Collector c = f.startLeader(quick());
            try (Socket s = new Socket("127.0.0.1", c.port())) {
                long t0 = System.nanoTime();
                s.setSoTimeout(10_000);
                assertEquals(-1, s.getInputStream().read(), "closed without an answer");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms >= 1500 && ms < 5000, "closed after " + ms + " ms (header timeout 2 s)");
            }
        }
    }

    private static void trickle(Socket s) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(s.getLocalPort() % 2 == 0 ? 'a' : ' ');
            out.flush();
        } catch (IOException e) {
            // closed by the server: what the deadline is for
        }
    }

    private static String readAll(Socket s) throws IOException {
        s.setSoTimeout(2000);
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException e) {
            return "still open: " + sb;
        } catch (IOException e) {
            // reset: closed
        }
        return sb.toString();
    }
}
