package io.ra2check.collector.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Positive token reviews, kept briefly so that a thousand reports a second do not mean a thousand TokenReviews a
 * second. Keyed by the SHA-256 of the token (the token itself is never kept), bounded (least recently used entries
 * go first), and an entry expires at the earlier of its time-to-live and the token's own expiry.
 *
 * <p>The trade: a token revoked at the API server (its pod deleted) stays accepted here until its entry expires, at
 * most the time-to-live.
 *
 * <p>Refusals (the API server did not authenticate the token) are kept too, for a shorter {@code refusedTtl}, in a
 * table of their own of the same bound, so that one garbage token sent a thousand times costs one TokenReview and
 * cannot push accepted tokens out.
 */
public final class TokenCache {
    /** Who a token authenticated, and the node it is bound to. */
    public record Identity(String username, String node) {
    }

    private record Entry(Identity identity, Instant expires) {
    }

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries;
    private final Duration refusedTtl;
    private final LinkedHashMap<String, Refusal> refusals;

    private record Refusal(String message, Instant expires) {
    }

    public TokenCache(Duration ttl, int maxEntries, Clock clock) {
        this(ttl, maxEntries, Duration.ZERO, clock);
    }

    public TokenCache(Duration ttl, int maxEntries, Duration refusedTtl, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.refusedTtl = refusedTtl;
        this.clock = clock;
        this.entries = bounded(maxEntries);
        this.refusals = bounded(maxEntries);
    }

    private static <V> LinkedHashMap<String, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /** Why the API server refused this token, if it did within the refusal time-to-live. */
    public Optional<String> refused(String token) {
        if (maxEntries == 0 || refusedTtl.isZero()) {
            return Optional.empty();
        }
        String key = key(token);
        synchronized (refusals) {
            Refusal r = refusals.get(key);
            if (r == null) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(r.expires())) {
                refusals.remove(key);
                return Optional.empty();
            }
            return Optional.of(r.message());
        }
    }

    public void putRefused(String token, String message) {
        if (maxEntries == 0 || refusedTtl.isZero()) {
            return;
        }
        synchronized (refusals) {
            refusals.put(key(token), new Refusal(message, clock.instant().plus(refusedTtl)));
        }
    }

    public Optional<Identity> get(String token) {
        if (maxEntries == 0 || ttl.isZero()) {
            return Optional.empty();
        }
        String key = key(token);
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e == null) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(e.expires())) {
                entries.remove(key);
                return Optional.empty();
            }
            return Optional.of(e.identity());
        }
    }

    /** Keeps a positive review; {@code tokenExpiry} (null when unknown) caps the entry's life. */
    public void put(String token, Identity identity, Instant tokenExpiry) {
        if (maxEntries == 0 || ttl.isZero()) {
            return;
        }
        Instant expires = clock.instant().plus(ttl);
        if (tokenExpiry != null && tokenExpiry.isBefore(expires)) {
            expires = tokenExpiry;
        }
        if (!clock.instant().isBefore(expires)) {
            return;
        }
        synchronized (entries) {
            entries.put(key(token), new Entry(identity, expires));
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    static String key(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
