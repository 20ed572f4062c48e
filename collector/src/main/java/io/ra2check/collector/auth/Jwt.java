package io.ra2check.collector.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the {@code exp} claim of a JWT without verifying it. Used only to expire a cache entry no later than the
 * token: a forged {@code exp} can only shorten how long a token the API server accepted is cached.
 */
final class Jwt {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Jwt() {
    }

    static Optional<Instant> expiry(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].length() > 8192) {
            return Optional.empty();
        }
        try {
            JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims == null ? null : claims.get("exp");
            if (exp == null || !exp.canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochSecond(exp.asLong()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
