package io.ra2check.collector.meta;

import io.ra2check.collector.check.NodeFacts;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a node still reports, without a write per report. Every report refreshes {@code ra2check.io/last-seen}
 * only when the value on the node is at least {@link #refreshEvery()} old, so an agent reporting every interval
 * costs one Node write per {@code missed} intervals, not one per report. Because the last report may have come up to
 * one refresh period after the recorded time, a node is called stale only once {@code staleAfter + refreshEvery}
 * have passed since it: never before {@code missed} intervals of silence, at most twice that.
 *
 * <p>A stale node keeps its last verdicts (they describe its last report) but loses its {@code anuket.io/profile/*}
 * labels, which is what the scheduler acts on, and carries {@code ra2check.io/stale=true}; its next report restores
 * both. Pure: time comes in as arguments.
 */
public final class Liveness {
    /** Value of {@link Keys#STALE} on a node that stopped reporting. */
    public static final String STALE_VALUE = "true";
    /** A last-seen this far ahead of the clock is not believed (a kubelet may edit its own Node's annotations). */
    static final Duration MAX_FUTURE = Duration.ofMinutes(1);

    private final Duration staleAfter;

    /**
     * @param reportInterval the agents' reporting interval
     * @param missed         missed intervals after which a node is stale; 0 never calls a node stale
     */
    public Liveness(Duration reportInterval, int missed) {
        if (missed < 0 || reportInterval.isNegative() || reportInterval.isZero()) {
            throw new IllegalArgumentException("report interval must be positive and missed intervals not negative");
        }
        this.staleAfter = reportInterval.multipliedBy(missed);
    }

    public static Liveness disabled() {
        return new Liveness(Duration.ofMinutes(10), 0);
    }

    public boolean enabled() {
        return !staleAfter.isZero();
    }

    /** Silence after which a node may be called stale. */
    public Duration staleAfter() {
        return staleAfter;
    }

    /** How old {@code last-seen} must be before a report refreshes it. */
    public Duration refreshEvery() {
        return staleAfter;
    }

    /** How often the leader should look for nodes that went stale or came back. */
    public Duration scanEvery() {
        Duration d = staleAfter.dividedBy(10);
        if (d.compareTo(Duration.ofMillis(100)) < 0) {
            return Duration.ofMillis(100);
        }
        return d.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : d;
    }

    /** The recorded last-seen time of a node, when present, readable and not implausibly in the future. */
    public static Optional<Instant> lastSeen(Map<String, String> owned, Instant now) {
        String v = owned.get(Keys.LAST_SEEN);
        if (v == null || v.length() > 40) {
            return Optional.empty();
        }
        try {
            Instant t = Instant.parse(v);
            return t.isAfter(now.plus(MAX_FUTURE)) ? Optional.empty() : Optional.of(t);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the node has been silent long enough to be stale. A node without a readable last-seen counts from
     * {@code observedSince} (when the caller started watching): every report writes a missing last-seen, so its
     * absence since then is silence.
     */
    public boolean isStale(NodeFacts node, Instant now, Instant observedSince) {
        if (!enabled()) {
            return false;
        }
        Instant from = lastSeen(node.ownedAnnotations(), now).orElse(observedSince);
        return Duration.between(from, now).compareTo(staleAfter.plus(refreshEvery())) > 0;
    }

    /** The judgement's metadata for a node that just reported: last-seen refreshed when due, not stale. */
    public Judgement onReport(Judgement j, NodeFacts node, Instant now) {
        if (!enabled()) {
            return j;
        }
        Map<String, String> annotations = new LinkedHashMap<>(j.annotations());
        Optional<Instant> seen = lastSeen(node.ownedAnnotations(), now);
        boolean fresh = seen.isPresent() && Duration.between(seen.get(), now).compareTo(refreshEvery()) < 0;
        annotations.put(Keys.LAST_SEEN, fresh ? node.ownedAnnotations().get(Keys.LAST_SEEN)
                : now.truncatedTo(ChronoUnit.SECONDS).toString());
        return j.withMetadata(j.labels(), annotations);
    }

    /** The judgement's metadata for a node judged without a report: last-seen kept, labels withdrawn when stale. */
    public Judgement onReconcile(Judgement j, NodeFacts node, Instant now, Instant observedSince) {
        if (!enabled()) {
            return j;
        }
        Map<String, String> annotations = new LinkedHashMap<>(j.annotations());
        String seen = node.ownedAnnotations().get(Keys.LAST_SEEN);
        if (seen != null && lastSeen(node.ownedAnnotations(), now).isPresent()) {
            annotations.put(Keys.LAST_SEEN, seen);
        }
        if (!isStale(node, now, observedSince)) {
            return j.withMetadata(j.labels(), annotations);
        }
        annotations.put(Keys.STALE, STALE_VALUE);
        Map<String, String> labels = new LinkedHashMap<>();
        j.labels().keySet().forEach(k -> labels.put(k, null));
        return j.withMetadata(labels, annotations);
    }
}
