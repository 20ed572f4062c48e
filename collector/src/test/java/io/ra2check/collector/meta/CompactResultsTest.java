package io.ra2check.collector.meta;

import io.ra2check.collector.testing.TestReports;
import io.ra2check.report.Level;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Outcome;
import io.ra2check.report.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactResultsTest {
    @Test
    void roundTripsEverythingStatusesAreComputedFrom() {
        NodeReport r = TestReports.report("n1").outcome("ra2.ch.004", Outcome.FAIL).outcome("ra2.ch.012",
                Outcome.UNKNOWN).ignore("ra2.ch.009").build();
        String s = CompactResults.encode(r.verdicts());
        assertTrue(s.startsWith("ch.001=Pmm,ch.002=Pnm,"), s);
        assertTrue(s.contains("ch.004=Fmm,"), s);
        assertTrue(s.contains("ch.009=Pss!,"), s);
        assertTrue(s.contains("k8s.005=Mmm,"), s);
        List<CompactResults.Entry> back = CompactResults.decode(s);
        assertEquals(r.verdicts().size(), back.size());
        for (int i = 0; i < back.size(); i++) {
            Verdict v = r.verdicts().get(i);
            Verdict w = back.get(i).toVerdict(r.profile(), TestReports.CATALOG, Verdict.BY_AGENT);
            assertEquals(v.id(), w.id());
            assertEquals(v.outcome(), w.outcome());
            assertEquals(v.levels(), w.levels());
            assertEquals(v.ignored(), w.ignored());
            assertEquals(v.status(), w.status(), v.id());
            assertEquals(v.title(), w.title());
        }
    }

    @Test
    void decodesTheEmptyListAndRefusesAnythingElse() {
        assertEquals(List.of(), CompactResults.decode(""));
        for (String bad : new String[] {"ch.001", "ch.001=P", "ch.001=Pmmm", "ch.001=Xmm", "ch.001=Pmx",
                "ch.001=Pmm?", "CH.001=Pmm", "ch.001=Pmm,ch.001=Fmm", "ch.001=Pmm,", "../x=Pmm"}) {
            assertThrows(IllegalArgumentException.class, () -> CompactResults.decode(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> CompactResults.decode(null));
    }

    @Test
    void entriesGiveTheLevelOfEachProfile() {
        CompactResults.Entry e = CompactResults.decode("k8s.006=Fnm").get(0);
        assertEquals("ra2.k8s.006", e.id());
        assertEquals(Level.NONE, e.basic());
        assertEquals(Level.MUST, e.networkIntensive());
    }
}
