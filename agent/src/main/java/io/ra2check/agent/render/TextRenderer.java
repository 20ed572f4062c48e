package io.ra2check.agent.render;

import io.ra2check.report.Compliance;
import io.ra2check.report.Coverage;
import io.ra2check.report.Evidence;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.ReportSummary;
import io.ra2check.report.Requirement;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report for a terminal: a line per requirement ({@code [PASS] ra2.ch.004 CPU SMT  SMT active}), then what to
 * fix, then the counts and each profile's compliance. A pure function of the report.
 */
public final class TextRenderer {
    private final boolean color;
    private final boolean verbose;

    /**
     * @param color   use ANSI colours (for a terminal)
     * @param verbose list each verdict's evidence under it
     */
    public TextRenderer(boolean color, boolean verbose) {
        this.color = color;
        this.verbose = verbose;
    }

    public String render(NodeReport r) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append(bold("ra2check " + r.tool().version())).append(" - node ").append(r.node()).append(" - profile ")
                .append(r.profile().wireName()).append(" - root ").append(r.root().path()).append(" (")
                .append(r.root().kind()).append(") - ").append(r.generatedAt()).append(" - ")
                .append(io.ra2check.agent.check.Units.oneDecimal(r.durationMs())).append(" ms").append('\n');
        if (r.inventory().model() != null || r.inventory().cpuModel() != null) {
            sb.append(describeMachine(r)).append('\n');
        }
        sb.append('\n');
        int titleWidth = 0;
        for (Verdict v : r.verdicts()) {
            titleWidth = Math.max(titleWidth, v.title().length());
        }
        titleWidth = Math.min(titleWidth, 44);
        for (Verdict v : r.verdicts()) {
            String tag = "[" + v.status().name() + "]";
            sb.append(paint(v.status(), pad(tag, 9))).append(' ').append(pad(v.id(), 12)).append(' ')
                    .append(pad(v.title(), titleWidth)).append("  ").append(detail(v, r.profile())).append('\n');
            if (verbose) {
                sb.append("            expected: ").append(v.expected()).append('\n');
                for (Evidence e : v.evidence()) {
                    sb.append("            ").append(e.source()).append(": ").append(e.value()).append('\n');
                }
            }
        }
        appendNicPorts(sb, r);
        List<Verdict> toFix = new ArrayList<>();
        for (Verdict v : r.verdicts()) {
            if ((v.status() == Status.FAIL || v.status() == Status.WARN) && v.remediation() != null) {
                toFix.add(v);
            }
        }
        if (!toFix.isEmpty()) {
            sb.append('\n').append(bold("Remediation")).append('\n');
            for (Verdict v : toFix) {
                sb.append(paint(v.status(), "[" + v.status().name() + "]")).append(' ').append(v.id()).append(' ')
                        .append(v.title()).append(": expected ").append(v.expected()).append('\n')
                        .append("    ").append(v.remediation()).append('\n');
            }
        }
        ReportSummary s = r.summary();
        sb.append('\n').append(bold("Summary")).append(": ");
        List<String> counts = new ArrayList<>();
        for (Status st : Status.values()) {
            counts.add(s.counts().get(st) + " " + st.name());
        }
        sb.append(String.join(", ", counts)).append('\n');
        for (ReportSummary.ProfileResult p : s.profiles().values()) {
            sb.append("Profile ").append(p.profile().wireName()).append(": ")
                    .append(paint(p.compliance() == Compliance.MEETS ? Status.PASS
                            : p.compliance() == Compliance.DOES_NOT_MEET ? Status.FAIL : Status.UNKNOWN,
                            p.compliance().name().replace('_', ' ')));
            if (!p.blocking().isEmpty()) {
                sb.append(p.compliance() == Compliance.DOES_NOT_MEET ? " (failing: " : " (undecided: ")
                        .append(String.join(", ", p.blocking())).append(')');
            }
            if (!p.manual().isEmpty()) {
                sb.append("; for a person: ").append(String.join(", ", p.manual()));
            }
            sb.append('\n');
        }
        appendCoverage(sb, Coverage.of(r));
        return sb.toString();
    }

    /** What this report does not judge, by who decides it: as visible as what failed. */
    void appendCoverage(StringBuilder sb, Coverage c) {
        List<Coverage.Item> missing = c.notInReport();
        sb.append(bold("Coverage")).append(": ").append(c.items().size()).append(" requirements of RA2 chapter 4, ")
                .append(c.inReport()).append(" judged in this report");
        if (missing.isEmpty()) {
            sb.append('\n');
            return;
        }
        sb.append("; not judged here (").append(missing.size()).append("):\n");
        for (Requirement.Disposition d : Requirement.Disposition.values()) {
            List<String> ids = missing.stream().filter(i -> i.disposition() == d).map(i -> i.requirement().id())
                    .toList();
            if (ids.isEmpty()) {
                continue;
            }
            String head = "  " + d.wireName() + " " + DECIDED_BY.get(d) + " (" + ids.size() + "): ";
            StringBuilder line = new StringBuilder(head);
            for (int i = 0; i < ids.size(); i++) {
                String next = ids.get(i) + (i + 1 < ids.size() ? "," : "");
                if (line.length() + next.length() + 1 > 118) {
                    sb.append(line).append('\n');
                    line = new StringBuilder("      ");
                } else if (line.length() > head.length()) {
                    line.append(' ');
                }
                line.append(next);
            }
            sb.append(line).append('\n');
        }
        sb.append("  ra2check explain ID says how each is decided.\n");
    }

    private static final java.util.Map<Requirement.Disposition, String> DECIDED_BY = java.util.Map.of(
            Requirement.Disposition.AGENT, "(the agent on the host)",
            Requirement.Disposition.COLLECTOR, "(the collector, from the cluster's API)",
            Requirement.Disposition.WORKLOAD, "(ra2check workload rules, from manifests)",
            Requirement.Disposition.EXTERNAL, "(a named external test)",
            Requirement.Disposition.MANUAL, "(for a person to confirm)",
            Requirement.Disposition.OPTIONAL, "(optional platform services)");

    /** Per physical port: name, PCI address, driver, firmware, current and maximum speed, AF_XDP zero-copy. */
    private void appendNicPorts(StringBuilder sb, NodeReport r) {
        var nics = r.inventory().nics();
        if (nics == null || nics.isEmpty()) {
            return;
        }
        sb.append('\n').append(bold("NIC ports")).append('\n');
        for (var n : nics) {
            sb.append(String.format(Locale.ROOT, "  %-13s %-10s %-10s firmware %-22s link %-9s max %-9s XDP zero-copy %s",
                    n.pciAddress(), orDash(n.name()), orDash(n.driver()), orDash(n.firmware()),
                    n.speedMbps() == null ? "?" : speed(n.speedMbps()),
                    n.maxSpeedMbps() == null ? "?" : speed(n.maxSpeedMbps()),
                    n.xdpZeroCopy() == null ? "?" : n.xdpZeroCopy() ? "yes" : "no"));
            if (n.maxSpeedSource() != null) {
                sb.append("  (max: ").append(n.maxSpeedSource().replaceFirst(" \\(.*", "")).append(')');
            }
            sb.append('\n');
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String speed(long mbps) {
        return mbps % 1000 == 0 ? mbps / 1000 + "Gb/s" : mbps + "Mb/s";
    }

    private static String describeMachine(NodeReport r) {
        var i = r.inventory();
        List<String> parts = new ArrayList<>();
        if (i.vendor() != null || i.model() != null) {
            parts.add((i.vendor() == null ? "" : i.vendor() + " ") + (i.model() == null ? "" : i.model()));
        }
        if (i.cpuModel() != null) {
            parts.add(i.cpuModel());
        }
        if (i.virtualization() != null) {
            parts.add(i.virtualization());
        }
        return String.join(" - ", parts).trim();
    }

    static String detail(Verdict v, Profile profile) {
        String reason = v.reasonFor(profile);
        return switch (v.status()) {
            case PASS, FAIL, WARN -> v.actual();
            case SKIP, UNKNOWN, MANUAL -> reason == null ? v.actual() : reason;
        };
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private String bold(String s) {
        return color ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    private String paint(Status st, String s) {
        if (!color) {
            return s;
        }
        String code = switch (st) {
            case PASS -> "32";
            case FAIL -> "31";
            case WARN -> "33";
            case UNKNOWN -> "35";
            case MANUAL -> "36";
            case SKIP -> "90";
        };
        return "\u001b[" + code + "m" + s + "\u001b[0m";
    }
}
