package io.ra2check.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ra2check.report.Reports.report;
import static io.ra2check.report.Reports.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportSummaryTest {
    @Test
    void aFailingMustOnlyInOneProfileBlocksOnlyThatProfile() {
        NodeReport r = report(Profile.BASIC,
                verdict("ra2.ch.004", Outcome.PASS, Level.MUST, Level.MUST, Profile.BASIC),
                verdict("ra2.ch.015", Outcome.FAIL, Level.NONE, Level.MUST, Profile.BASIC));
        ReportSummary s = r.summary();
        assertEquals(Compliance.MEETS, s.profiles().get(Profile.BASIC).compliance());
        assertEquals(Compliance.DOES_NOT_MEET, s.profiles().get(Profile.NETWORK_INTENSIVE).compliance());
        assertEquals(List.of("ra2.ch.015"), s.profiles().get(Profile.NETWORK_INTENSIVE).blocking());
        assertEquals(1, s.counts().get(Status.SKIP));
        assertEquals(List.of(), s.failed());
    }

    @Test
    void unknownMustLeavesProfileUndeterminedAndManualDoesNotBlock() {
        NodeReport r = report(Profile.BASIC,
                verdict("ra2.ch.016", Outcome.UNKNOWN, Level.MUST, Level.MUST, Profile.BASIC),
                verdict("ra2.ch.017", Outcome.MANUAL, Level.MUST, Level.MUST, Profile.BASIC));
        ReportSummary.ProfileResult basic = r.summary().profiles().get(Profile.BASIC);
        assertEquals(Compliance.UNDETERMINED, basic.compliance());
        assertEquals(List.of("ra2.ch.016"), basic.blocking());
        assertEquals(List.of("ra2.ch.017"), basic.manual());
    }

    @Test
    void aShouldThatFailsWarnsWithoutBlocking() {
        NodeReport r = report(Profile.BASIC,
                verdict("ra2.ch.009", Outcome.FAIL, Level.SHOULD, Level.SHOULD, Profile.BASIC));
        assertEquals(Compliance.MEETS, r.summary().profiles().get(Profile.BASIC).compliance());
        assertEquals(List.of("ra2.ch.009"), r.summary().warned());
    }

    @Test
    void forProfileRecomputesStatuses() {
        NodeReport r = report(Profile.BASIC,
                verdict("ra2.ch.015", Outcome.FAIL, Level.NONE, Level.MUST, Profile.BASIC));
        assertEquals(Status.SKIP, r.verdicts().get(0).status());
        NodeReport ni = r.forProfile(Profile.NETWORK_INTENSIVE);
        assertEquals(Status.FAIL, ni.verdicts().get(0).status());
        assertEquals("not part of the basic profile", r.verdicts().get(0).reasonFor(Profile.BASIC));
        assertEquals(null, ni.verdicts().get(0).reasonFor(Profile.NETWORK_INTENSIVE));
    }
}
