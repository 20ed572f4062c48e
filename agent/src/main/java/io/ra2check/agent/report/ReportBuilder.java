package io.ra2check.agent.report;

import io.ra2check.agent.facts.HostFacts;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.Verdict;

import java.time.Instant;
import java.util.List;

/** Verdicts + facts -> the node report. */
public final class ReportBuilder {
    public static final String TOOL = "ra2check";

    private ReportBuilder() {
    }

    public static NodeReport build(String toolVersion, String nodeName, Instant at, double durationMs, HostFacts facts,
                                   Profile profile, List<Verdict> verdicts) {
        return new NodeReport(new NodeReport.Tool(TOOL, toolVersion), nodeName, at, durationMs,
                new NodeReport.Root(facts.root(), facts.rootKind()), profile, InventoryBuilder.of(facts),
                Fingerprint.of(facts), verdicts);
    }
}
