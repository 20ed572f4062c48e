package io.ra2check.report;

/** The one rule that turns a check's outcome and a profile's level into a status. */
public final class Verdicts {
    public static final String IGNORED_REASON = "ignored by operator";

    private Verdicts() {
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
