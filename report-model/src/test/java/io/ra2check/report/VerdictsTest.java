package io.ra2check.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VerdictsTest {
    @Test
    void failOfAMustIsFailOfAShouldIsWarn() {
        assertEquals(Status.FAIL, Verdicts.status(Outcome.FAIL, Level.MUST, false));
        assertEquals(Status.WARN, Verdicts.status(Outcome.FAIL, Level.SHOULD, false));
        assertEquals(Status.SKIP, Verdicts.status(Outcome.FAIL, Level.MAY, false));
    }

    @Test
    void levelNoneAndIgnoredAndNotApplicableSkip() {
        assertEquals(Status.SKIP, Verdicts.status(Outcome.FAIL, Level.NONE, false));
        assertEquals(Status.SKIP, Verdicts.status(Outcome.FAIL, Level.MUST, true));
        assertEquals(Status.SKIP, Verdicts.status(Outcome.NOT_APPLICABLE, Level.MUST, false));
    }

    @Test
    void unknownAndManualKeepTheirStatusUnderAnyRequiringLevel() {
        assertEquals(Status.UNKNOWN, Verdicts.status(Outcome.UNKNOWN, Level.MUST, false));
        assertEquals(Status.UNKNOWN, Verdicts.status(Outcome.UNKNOWN, Level.SHOULD, false));
        assertEquals(Status.MANUAL, Verdicts.status(Outcome.MANUAL, Level.MUST, false));
        assertEquals(Status.PASS, Verdicts.status(Outcome.PASS, Level.MUST, false));
    }

    @Test
    void reasonExplainsSkipsAndKeepsCheckReasonForUnknown() {
        assertEquals("ignored by operator",
                Verdicts.reason(Outcome.FAIL, Level.MUST, true, null, null, Profile.BASIC));
        assertEquals("not part of the basic profile",
                Verdicts.reason(Outcome.FAIL, Level.NONE, false, null, null, Profile.BASIC));
        assertEquals("applies only if AF_XDP is used",
                Verdicts.reason(Outcome.PASS, Level.NONE, false, null, "applies only if AF_XDP is used",
                        Profile.BASIC));
        assertEquals("permission denied",
                Verdicts.reason(Outcome.UNKNOWN, Level.MUST, false, "permission denied", null, Profile.BASIC));
        assertEquals(null, Verdicts.reason(Outcome.PASS, Level.MUST, false, null, null, Profile.BASIC));
    }
}
