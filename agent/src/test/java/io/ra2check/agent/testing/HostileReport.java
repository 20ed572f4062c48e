package io.ra2check.agent.testing;

import io.ra2check.report.Evidence;
import io.ra2check.report.Inventory;
import io.ra2check.report.Level;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.Verdict;
import io.ra2check.report.Verdicts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A node report whose every string could have come from a hostile snapshot (host name, SMBIOS strings, file contents
 * quoted as evidence): markup, script, attribute breakouts, control characters, a lone surrogate, a bidi override.
 */
public final class HostileReport {
    /** What a renderer must show as text and never interpret. */
    public static final String SCRIPT = "<script>alert(1)</script>";
    public static final String BREAKOUT = "\"><img src=x onerror=alert(2)>";
    public static final String SINGLE = "' onmouseover='alert(3)";
    public static final String CONTROLS = "bell\u0007nul\u0000esc\u001b[31m lone\uD800 rlo\u202Egnp.exe";
    public static final String STYLE_BREAK = "</style><script>alert(4)</script>";
    public static final String LINK = "<a href=\"http://evil.example/\">click</a>";

    private HostileReport() {
    }

    public static NodeReport report(String node) {
        Inventory inv = new Inventory(node, BREAKOUT, SINGLE, CONTROLS, STYLE_BREAK, "vm (" + SCRIPT + ")", LINK,
                2, 20, 2, 80, 2, 64L << 30, "smbios", 8, 16,
                List.of(new Inventory.Nic(SCRIPT, BREAKOUT, SINGLE, LINK, CONTROLS, 25000L, 25000L, STYLE_BREAK, 64, 2,
                        null)),
                List.of(new Inventory.Slot(SCRIPT, BREAKOUT, 3, 8, true, SINGLE)),
                List.of(new Inventory.Disk(LINK, 1_000_000_000_000L, false, CONTROLS)),
                SCRIPT, BREAKOUT);
        Map<Profile, Level> must = Map.of(Profile.BASIC, Level.MUST, Profile.NETWORK_INTENSIVE, Level.MUST);
        List<Verdict> verdicts = List.of(
                new Verdict("ra2.ch.008", "Physical CPU Quantity " + SCRIPT, Outcome.FAIL,
                        Verdicts.status(Outcome.FAIL, Level.MUST, false), must, null, BREAKOUT, SINGLE, null,
                        List.of(new Evidence(LINK, CONTROLS), new Evidence("/proc/cpuinfo", STYLE_BREAK)),
                        "Fix " + SCRIPT, false, Verdict.BY_AGENT),
                new Verdict("ra2.ch.012", "RAM", Outcome.UNKNOWN, Verdicts.status(Outcome.UNKNOWN, Level.MUST, false),
                        must, null, "32 GiB", "unknown", "because " + BREAKOUT, List.of(), null, false,
                        Verdict.BY_AGENT),
                new Verdict("ra2.ch.004", "SMT", Outcome.PASS, Verdicts.status(Outcome.PASS, Level.MUST, false), must,
                        null, "SMT on", "SMT active", null, List.of(new Evidence("smt/active", "1")), null, false,
                        Verdict.BY_AGENT));
        return new NodeReport(new NodeReport.Tool("ra2check", "0.1.0"), node, Instant.parse("2026-11-21T10:00:00Z"),
                12.5, new NodeReport.Root("/snapshots/" + SCRIPT + ".tar.gz", "snapshot"), Profile.BASIC, inv,
                Map.of("os", SCRIPT), verdicts);
    }
}
