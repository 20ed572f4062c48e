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

    @Test
    void theFactoryAttachesRemediationExactlyWhenTheRequirementIsNotMet() {
        Requirement ram = RequirementCatalog.builtIn().get("ra2.ch.012");
        java.util.Map<Profile, Level> levels = ram.levels();
        Verdict fail = Verdicts.of(ram, Finding.fail("32 GiB", "16 GiB", java.util.List.of()), levels, null, false,
                Profile.BASIC, Verdict.BY_AGENT);
        assertEquals(Status.FAIL, fail.status());
        assertEquals(ram.remediation(), fail.remediation());
        for (Finding f : java.util.List.of(Finding.pass("32 GiB", "64 GiB", java.util.List.of()),
                Finding.unknown("32 GiB", "the SMBIOS table is root-only", java.util.List.of()),
                Finding.manual("32 GiB", "in a VM", "check the host", java.util.List.of()),
                Finding.notApplicable("32 GiB", "not a VM", java.util.List.of()))) {
            Verdict v = Verdicts.of(ram, f, levels, null, false, Profile.BASIC, Verdict.BY_AGENT);
            assertEquals(null, v.remediation(), f.outcome() + " has nothing sure to fix");
            assertEquals(f.reason(), v.reason());
        }
        // a should requirement not met: WARN, still with its remediation; ignored: SKIP, remediation kept for the record
        Requirement ssd = RequirementCatalog.builtIn().get("ra2.ch.009");
        Verdict warn = Verdicts.of(ssd, Finding.fail("SSD", "HDD", java.util.List.of()), ssd.levels(), null, false,
                Profile.BASIC, Verdict.BY_AGENT);
        assertEquals(Status.WARN, warn.status());
        assertEquals(ssd.remediation(), warn.remediation());
        Verdict ignored = Verdicts.of(ram, Finding.fail("32 GiB", "16 GiB", java.util.List.of()), levels, null, true,
                Profile.BASIC, "collector");
        assertEquals(Status.SKIP, ignored.status());
        assertEquals("collector", ignored.judgedBy());
    }

    @Test
    void aRuleLevelAppliesToEveryProfile() {
        assertEquals(Level.SHOULD, Verdicts.everyProfile(Level.SHOULD).get(Profile.NETWORK_INTENSIVE));
        assertEquals(Level.SHOULD, Verdicts.everyProfile(Level.SHOULD).get(Profile.BASIC));
    }
}
