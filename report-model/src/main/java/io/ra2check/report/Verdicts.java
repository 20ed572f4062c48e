package io.ra2check.report;

import java.util.EnumMap;
import java.util.Map;

/**
 * The one way a check's finding becomes a verdict, for the agent's node checks, the collector's cluster checks, the
 * workload rules and verdicts rebuilt from annotations: the status from the outcome and the profile's level, and the
 * remediation attached exactly when the requirement is found not met (outcome FAIL), whatever its level. A PASS has
 * nothing to fix, and an UNKNOWN or MANUAL may well be met: telling a person to change what may be right is not a
 * reason they can act on.
 */
public final class Verdicts {
    public static final String IGNORED_REASON = "ignored by operator";

    private Verdicts() {
    }

    /**
     * A verdict on a catalog requirement.
     *
     * @param levels    the requirement's levels after conditions were applied
     * @param condition for a conditional requirement whose condition is not declared: what it applies to, else null
     */
    public static Verdict of(Requirement requirement, Finding finding, Map<Profile, Level> levels, String condition,
                             boolean ignored, Profile profile, String judgedBy) {
        return of(requirement.id(), requirement.title(), requirement.remediation(), finding, levels, condition,
                ignored, profile, judgedBy);
    }

    /**
     * A verdict on a requirement known by its metadata only (a verdict rebuilt from compact annotations). The
     * remediation goes with a failed requirement only: this host's, where the check gave one, else {@code remediation}.
     */
    public static Verdict of(String id, String title, String remediation, Finding finding, Map<Profile, Level> levels,
                             String condition, boolean ignored, Profile profile, String judgedBy) {
        Level level = levels.getOrDefault(profile, Level.NONE);
        return new Verdict(id, title, finding.outcome(), status(finding.outcome(), level, ignored), levels, condition,
                finding.expected(), finding.actual(), finding.reason(), finding.evidence(),
                finding.outcome() == Outcome.FAIL ? finding.remediationOr(remediation) : null, ignored, judgedBy);
    }

    /** The same level in every profile (the workload rules' levels do not depend on the node's profile). */
    public static Map<Profile, Level> everyProfile(Level level) {
        Map<Profile, Level> m = new EnumMap<>(Profile.class);
        for (Profile p : Profile.values()) {
            m.put(p, level);
        }
        return m;
    }

    public static Status status(Outcome outcome, Level level, boolean ignored) {
        if (ignored || outcome == Outcome.NOT_APPLICABLE || level == Level.NONE) {
            return Status.SKIP;
        }
        return switch (outcome) {
            case PASS -> Status.PASS;
            case UNKNOWN -> Status.UNKNOWN;
            case MANUAL -> Status.MANUAL;
            case FAIL -> switch (level) {
                case MUST -> Status.FAIL;
                case SHOULD -> Status.WARN;
                // "may" is optional: not having it is not a finding
                case MAY, NONE -> Status.SKIP;
            };
            case NOT_APPLICABLE -> Status.SKIP;
        };
    }

    /**
     * The reason shown with a status. The check's own reason (why a fact is unknown, why it does not apply) wins where
     * it explains the status; otherwise the level explains it.
     */
    public static String reason(Outcome outcome, Level level, boolean ignored, String checkReason, String condition,
                                Profile profile) {
        if (ignored) {
            return IGNORED_REASON;
        }
        if (outcome == Outcome.NOT_APPLICABLE) {
            return checkReason;
        }
        if (level == Level.NONE) {
            return condition != null ? condition : "not part of the " + profile.wireName() + " profile";
        }
        if (outcome == Outcome.FAIL && level == Level.MAY) {
            return "optional (\"may\") requirement";
        }
        return switch (outcome) {
            case UNKNOWN, MANUAL -> checkReason;
            default -> null;
        };
    }
}
