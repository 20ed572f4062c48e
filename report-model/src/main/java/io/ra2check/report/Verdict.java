package io.ra2check.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The judgement on one requirement.
 *
 * @param id          requirement ID, e.g. {@code ra2.ch.004}
 * @param title       short title from the requirement catalog
 * @param outcome     what the check found, independent of profile
 * @param status      the verdict under the report's profile
 * @param levels      the requirement's level in each profile, after conditions (AF_XDP, real-time) were applied
 * @param condition   for a conditional requirement whose condition is not declared: what it applies to (null otherwise)
 * @param expected    what the requirement asks for, in words and numbers
 * @param actual      what was found
 * @param reason      the check's reason for an UNKNOWN, MANUAL or NOT_APPLICABLE outcome (null otherwise); the
 *                    reason for a status, which also covers levels and ignores, is {@link #reasonFor(Profile)}
 * @param evidence    the observations behind the outcome
 * @param remediation what to do when the requirement is not met (null when there is nothing to do)
 * @param ignored     the operator asked to ignore this requirement ({@code --ignore})
 * @param judgedBy    who produced the outcome: {@code agent} (from the host) or {@code collector} (from the cluster)
 */
public record Verdict(
        String id,
        String title,
        Outcome outcome,
        Status status,
        Map<Profile, Level> levels,
        String condition,
        String expected,
        String actual,
        String reason,
        List<Evidence> evidence,
        String remediation,
        boolean ignored,
        String judgedBy) {

    public static final String BY_AGENT = "agent";
    public static final String BY_COLLECTOR = "collector";

    public Verdict {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(judgedBy, "judgedBy");
        EnumMap<Profile, Level> copy = new EnumMap<>(Profile.class);
        for (Profile p : Profile.values()) {
            copy.put(p, levels == null ? Level.NONE : levels.getOrDefault(p, Level.NONE));
        }
        levels = java.util.Collections.unmodifiableMap(copy);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        expected = expected == null ? "" : expected;
        actual = actual == null ? "" : actual;
    }

    public Level level(Profile profile) {
        return levels.get(profile);
    }

    /** The status this verdict would have under another profile. */
    public Status statusFor(Profile profile) {
        return Verdicts.status(outcome, level(profile), ignored);
    }

    /** The reason that goes with {@link #statusFor(Profile)}, or null when the status needs none. */
    public String reasonFor(Profile profile) {
        return Verdicts.reason(outcome, level(profile), ignored, reason, condition, profile);
    }

    /** The same verdict attributed to another judge (a copy, not a new judgement). */
    public Verdict withJudgedBy(String by) {
        return new Verdict(id, title, outcome, status, levels, condition, expected, actual, reason, evidence,
                remediation, ignored, by);
    }

    /** This verdict re-judged under {@code profile} (status recomputed from outcome and level). */
    public Verdict forProfile(Profile profile) {
        return new Verdict(id, title, outcome, statusFor(profile), levels, condition, expected, actual, reason,
                evidence, remediation, ignored, judgedBy);
    }
}
