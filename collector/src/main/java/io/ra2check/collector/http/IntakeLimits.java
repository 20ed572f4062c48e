package io.ra2check.collector.http;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * What bounds the HTTP server and the intake path (docs/collector.md, "Intake guarantees").
 *
 * @param headerTimeout      a connection must complete a request's headers within this (else it is closed)
 * @param bodyTimeout        a report's body must arrive within this once its headers did (else 408)
 * @param idleTimeout        a connection with no traffic for this long is closed
 * @param maxConnections     open connections on the main listener; beyond, new ones wait in the backlog
 * @param answerWithin       how long intake waits for the node write before answering 202 (accepted, pending)
 * @param writers            threads writing Nodes
 * @param maxBusyNodes       nodes with a write in flight or waiting; beyond, a report gets 503
 * @param clockSkew          a report dated later than now plus this is refused (400)
 * @param healthListen       a second listener serving only /healthz, /readyz and /metrics, on its own threads;
 *                           null for none
 * @param negativeTokenTtl   how long a token the API server refused is refused without asking again
 * @param authFailuresPerMinute failed authentications allowed per source address and minute (then 429)
 */
public record IntakeLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections,
                           Duration answerWithin, int writers, int maxBusyNodes, Duration clockSkew,
                           InetSocketAddress healthListen, Duration negativeTokenTtl, int authFailuresPerMinute) {
    public static IntakeLimits defaults() {
        return new IntakeLimits(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), 2048,
                Duration.ofSeconds(2), 8, 1024, Duration.ofMinutes(5), null, Duration.ofSeconds(10), 30);
    }
}
