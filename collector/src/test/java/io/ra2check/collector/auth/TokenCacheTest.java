package io.ra2check.collector.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCacheTest {
    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TokenCache.Identity id = new TokenCache.Identity("sa", "n1");

    @Test
    void entriesExpireAfterTheirTimeToLive() {
        TestClock clock = new TestClock();
        TokenCache c = new TokenCache(Duration.ofSeconds(60), 10, clock);
        c.put("t", id, null);
        assertEquals(id, c.get("t").orElseThrow());
        clock.now = clock.now.plusSeconds(59);
        assertTrue(c.get("t").isPresent());
        clock.now = clock.now.plusSeconds(1);
        assertTrue(c.get("t").isEmpty());
    }

    @Test
    void neverBeyondTheTokensOwnExpiry() {
        TestClock clock = new TestClock();
        TokenCache c = new TokenCache(Duration.ofSeconds(60), 10, clock);
        c.put("t", id, clock.now.plusSeconds(5));
        clock.now = clock.now.plusSeconds(5);
        assertTrue(c.get("t").isEmpty());
        c.put("expired", id, clock.now.minusSeconds(1));
        assertEquals(0, c.size());
    }

    @Test
    void boundedLeastRecentlyUsedFirst() {
        TokenCache c = new TokenCache(Duration.ofSeconds(60), 2, new TestClock());
        c.put("a", id, null);
        c.put("b", id, null);
        c.get("a");
        c.put("c", id, null);
        assertEquals(2, c.size());
        assertTrue(c.get("a").isPresent());
        assertTrue(c.get("b").isEmpty());
        assertTrue(c.get("c").isPresent());
    }

    @Test
    void disabledWithZeroTtlOrSize() {
        TokenCache off = new TokenCache(Duration.ZERO, 10, new TestClock());
        off.put("a", id, null);
        assertTrue(off.get("a").isEmpty());
        TokenCache none = new TokenCache(Duration.ofSeconds(5), 0, new TestClock());
        none.put("a", id, null);
        assertTrue(none.get("a").isEmpty());
    }

    @Test
    void keysAreDigestsNotTokens() {
        assertFalse(TokenCache.key("secret-token").contains("secret"));
        assertEquals(44, TokenCache.key("secret-token").length());
    }

    @Test
    void readsTheExpiryOfAJwtAndNothingFromOtherTokens() {
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"exp\":1795000000,\"aud\":[\"x\"]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Instant.ofEpochSecond(1795000000), Jwt.expiry("h." + payload + ".s").orElseThrow());
        assertTrue(Jwt.expiry("opaque").isEmpty());
        assertTrue(Jwt.expiry("a.!!!.c").isEmpty());
        String noExp = Base64.getUrlEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8));
        assertTrue(Jwt.expiry("a." + noExp + ".c").isEmpty());
        String huge = Base64.getUrlEncoder().encodeToString("{\"exp\":1e300}".getBytes(StandardCharsets.UTF_8));
        assertTrue(Jwt.expiry("a." + huge + ".c").isEmpty());
    }
}
