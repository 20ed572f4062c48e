package io.ra2check.collector.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The JWT reader on hostile tokens (any caller chooses the bearer token): it never throws, and an expiry it reads is
 * the {@code exp} claim of a well-formed token's payload. Crashes found by the fuzz-jwt execution land in
 * JwtFuzzTestInputs and are replayed by the normal test run.
 */
class JwtFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void expiryNeverThrows(byte[] data) throws java.io.IOException {
        String raw = new String(data, StandardCharsets.UTF_8);
        Jwt.expiry(raw);
        // the same bytes as a payload of an otherwise well-formed token
        String token = "eyJhbGciOiJSUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding().encodeToString(data) + ".c2ln";
        Optional<Instant> exp = Jwt.expiry(token);
        if (exp.isPresent()) {
            com.fasterxml.jackson.databind.JsonNode claims = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(data);
            if (claims == null || !claims.has("exp") || claims.get("exp").asLong() != exp.get().getEpochSecond()) {
                throw new AssertionError("an expiry that is not the payload's exp claim: " + raw);
            }
        }
    }
}
