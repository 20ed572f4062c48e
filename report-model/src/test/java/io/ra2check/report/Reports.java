package io.ra2check.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small reports for tests. */
final class Reports {
    private Reports() {
    }

    static Verdict verdict(String id, Outcome outcome, Level basic, Level ni, Profile profile) {
        Map<Profile, Level> levels = Map.of(Profile.BASIC, basic, Profile.NETWORK_INTENSIVE, ni);
        return new Verdict(id, "title of " + id, outcome, Verdicts.status(outcome, levels.get(profile), false), levels,
                null, "expected", "actual", null, List.of(new Evidence("/sys/x", "1")), "fix it", false,
                Verdict.BY_AGENT);
    }

    static NodeReport report(Profile profile, Verdict... verdicts) {
        return new NodeReport(new NodeReport.Tool("ra2check", "0.1.0"), "worker-1",
                Instant.parse("2026-11-21T10:00:00Z"), 12.5, new NodeReport.Root("/", "live"), profile,
                Inventory.empty(), Map.of("kernel", "6.1.0"), List.of(verdicts));
    }
}
