package io.ra2check.collector.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed authentications per source address, as a token bucket: {@code perMinute} failures a minute (with a burst of
 * as many), after which requests from that address are refused (429) without asking the API server. Bounded: the
 * least recently seen addresses are forgotten first. An agent with a valid token never fails, so it never waits.
 */
public final class FailedAuthLimiter {
    private final double perMinute;
    private final int maxAddresses;
    private final Clock clock;
    private final LinkedHashMap<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long atMillis;

        Bucket(double tokens, long atMillis) {
            this.tokens = tokens;
            this.atMillis = atMillis;
        }
    }

    /** @param perMinute failures allowed a minute per address; 0 turns the limit off */
    public FailedAuthLimiter(int perMinute, int maxAddresses, Clock clock) {
        this.perMinute = perMinute;
        this.maxAddresses = maxAddresses;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > FailedAuthLimiter.this.maxAddresses;
            }
        };
    }

    /** Whether the address has used up its failures. */
    public boolean blocked(String address) {
        if (perMinute <= 0) {
            return false;
        }
        synchronized (buckets) {
            Bucket b = buckets.get(address);
            return b != null && refill(b) < 1;
        }
    }

    /** Counts a failed authentication from the address. */
    public void failed(String address) {
        if (perMinute <= 0) {
            return;
        }
        synchronized (buckets) {
            Bucket b = buckets.computeIfAbsent(address, k -> new Bucket(perMinute, clock.millis()));
            refill(b);
            b.tokens = Math.max(0, b.tokens - 1);
        }
    }

    /** Seconds until the address may fail once more. */
    public long retryAfterSeconds(String address) {
        synchronized (buckets) {
            Bucket b = buckets.get(address);
            if (b == null || perMinute <= 0) {
                return 1;
            }
            double missing = Math.max(0, 1 - refill(b));
            return Math.max(1, (long) Math.ceil(missing * 60.0 / perMinute));
        }
    }

    private double refill(Bucket b) {
        long now = clock.millis();
        b.tokens = Math.min(perMinute, b.tokens + (now - b.atMillis) * perMinute / 60000.0);
        b.atMillis = now;
        return b.tokens;
    }
}
