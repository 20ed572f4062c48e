package io.ra2check.agent.daemon;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: attempt n waits a random time up to min(max, base * 2^n), so that a thousand
 * agents whose collector went away do not come back in lockstep.
 */
public record Backoff(Duration base, Duration max) {

    /** @param random uniform in [0, 1) */
    public Duration delay(int attempt, DoubleSupplier random) {
        long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt, 30));
        long d = (long) (cap * random.getAsDouble());
        // never spin: at least a tenth of the base
        return Duration.ofMillis(Math.max(base.toMillis() / 10, d));
    }
}
