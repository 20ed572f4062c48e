package io.ra2check.agent.facts;

import io.ra2check.report.Evidence;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * One observed value with where it came from, or the reason it could not be observed. A fact is never silently
 * defaulted: a file that was not captured or could not be read gives {@link #unknown}, which checks turn into UNKNOWN
 * verdicts, never into FAIL or PASS.
 *
 * @param value         the value, null exactly when the fact is unknown
 * @param unknownReason why the value is unknown (null when known)
 * @param evidence      the files read and what they said
 */
public record Fact<T>(T value, String unknownReason, List<Evidence> evidence) {

    public Fact {
        if ((value == null) == (unknownReason == null)) {
            throw new IllegalArgumentException("a fact has either a value or a reason it is unknown");
        }
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public static <T> Fact<T> of(T value, List<Evidence> evidence) {
        return new Fact<>(Objects.requireNonNull(value, "value"), null, evidence);
    }

    public static <T> Fact<T> of(T value, Evidence... evidence) {
        return of(value, List.of(evidence));
    }

    public static <T> Fact<T> unknown(String reason, List<Evidence> evidence) {
        return new Fact<>(null, Objects.requireNonNull(reason, "reason"), evidence);
    }

    public static <T> Fact<T> unknown(String reason, Evidence... evidence) {
        return unknown(reason, List.of(evidence));
    }

    public boolean known() {
        return value != null;
    }

    public T get() {
        if (value == null) {
            throw new NoSuchElementException("unknown fact: " + unknownReason);
        }
        return value;
    }

    public T orElse(T other) {
        return value != null ? value : other;
    }

    /** The same evidence and reason, with the value transformed (a null result makes the fact unknown). */
    public <U> Fact<U> map(Function<? super T, ? extends U> f, String reasonIfNull) {
        if (value == null) {
            return new Fact<>(null, unknownReason, evidence);
        }
        U u = f.apply(value);
        return u == null ? new Fact<>(null, reasonIfNull, evidence) : new Fact<>(u, null, evidence);
    }
}
