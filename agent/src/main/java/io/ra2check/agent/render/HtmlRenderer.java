package io.ra2check.agent.render;

import io.ra2check.report.Compliance;
import io.ra2check.report.Coverage;
import io.ra2check.report.Evidence;
import io.ra2check.report.Inventory;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.ReportSummary;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.ra2check.agent.render.Html.esc;
import static io.ra2check.agent.render.InventoryText.UNKNOWN;

/**
 * A node report as one self-contained HTML page ({@code check --output html}), and the per-server section that
 * {@code accept --html} repeats for every server of a delivery. Inline CSS only, no scripts, and a content security
 * policy that forbids loading anything, so the file can be archived, mailed and opened offline. Printed (A4), each
 * server starts on a new page under a line with the tool version, profile and date. A pure function of its input; every
 * value from the host is escaped ({@link Html#esc}).
 */
public final class HtmlRenderer {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * How a server's section is introduced.
     *
     * @param anchor     the section's id (verdict rows get {@code anchor-ID})
     * @param title      the server's name
     * @param badge      the overall verdict shown beside the name
     * @param badgeClass the CSS class suffix that colours it ({@code MEETS}, {@code DOES_NOT_MEET}, ...)
     * @param notice     a sentence shown above everything else (why the verdicts need care), or null
     * @param source     where the server's data came from, as the user named it
     */
    public record Heading(String anchor, String title, String badge, String badgeClass, String notice,
                          String source) {
    }

    /** The whole page for one node. */
    public String render(NodeReport r) {
        StringBuilder sb = new StringBuilder(32768);
        String head = runningHead(r.tool().version(), r.profile(), r.generatedAt());
        appendDocumentStart(sb, "ra2check: " + r.node() + " (" + r.profile().wireName() + ")", head);
        sb.append("<header class=\"doc\"><h1>RA2 node check: ").append(esc(r.node()))
                .append("</h1>\n<p class=\"meta\">").append(esc(head)).append("</p></header>\n");
        Compliance c = compliance(r);
        appendServer(sb, r, new Heading("node", r.node(), label(c), c.name(), null, r.root().path()), null, x -> {
        });
        appendCoverage(sb, Coverage.of(r));
        appendDocumentEnd(sb);
        return sb.toString();
    }

    /** The node's compliance with the profile of its report. */
    public static Compliance compliance(NodeReport r) {
        return ReportSummary.evaluate(r.verdicts(), r.profile()).compliance();
    }

    /** "DOES NOT MEET". */
    public static String label(Enum<?> e) {
        return e.name().replace('_', ' ');
    }

    /** "ra2check 0.1.0 · profile basic · 2026-11-21 10:00 UTC": printed at the top of every server's pages. */
    public static String runningHead(String toolVersion, Profile profile, Instant at) {
        return "ra2check " + toolVersion + " \u00b7 profile " + profile.wireName() + " \u00b7 " + MINUTES.format(at);
    }

    // ------------------------------------------------------------------------------------------------ document

    /** Doctype, head with the inline style sheet, and the opening body tag. */
    public static void appendDocumentStart(StringBuilder sb, String title, String pageHeader) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                // nothing may be loaded from anywhere: the page is complete as it is
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; img-src data:\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<meta name=\"generator\" content=\"ra2check\"/>\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS)
                .append("@page { @top-left { content: ").append(Html.cssString(pageHeader))
                .append("; font: 7.5pt sans-serif; color: #57606a; } }\n")
                .append("</style>\n</head>\n<body>\n");
    }

    public static void appendDocumentEnd(StringBuilder sb) {
        sb.append("</body>\n</html>\n");
    }

    // ------------------------------------------------------------------------------------------------ server section

    /**
     * One server: identity and hardware, profile compliance, and every verdict with its evidence and remediation.
     *
     * @param runningHead  when not null, the section starts a new printed page headed by this line
     * @param afterMachine adds what a caller knows beyond the report (how the server compares with its delivery)
     *                     after the machine table; it must escape what it writes
     */
    public void appendServer(StringBuilder sb, NodeReport r, Heading h, String runningHead,
                             Consumer<StringBuilder> afterMachine) {
        sb.append("<section class=\"server").append(runningHead != null ? " newpage" : "").append("\" id=\"")
                .append(esc(h.anchor())).append("\">\n");
        appendHeading(sb, h, runningHead);
        appendMachine(sb, r, h.source());
        afterMachine.accept(sb);
        appendNics(sb, r.inventory());
        appendSlots(sb, r.inventory(), slotsUnreadReason(r));
        appendDisks(sb, r.inventory());
        appendCompliance(sb, r, h.anchor());
        appendVerdicts(sb, r, h.anchor());
        sb.append("</section>\n");
    }

    /** The section head alone: for a server that could not be checked at all, the caller adds what it knows. */
    public static void appendHeading(StringBuilder sb, Heading h, String runningHead) {
        if (runningHead != null) {
            sb.append("<p class=\"runhead\">").append(esc(runningHead)).append("</p>\n");
        }
        sb.append("<h2>").append(badge(h.badge(), h.badgeClass())).append(' ').append(esc(h.title())).append("</h2>\n");
        if (h.notice() != null) {
            sb.append("<p class=\"notice\">").append(esc(h.notice())).append("</p>\n");
        }
    }

    /** A coloured label; the class suffix keeps only letters and underscores (it names a rule of the style sheet). */
    public static String badge(String text, String cssClass) {
        StringBuilder cls = new StringBuilder(cssClass.length());
        for (int i = 0; i < cssClass.length(); i++) {
            char c = cssClass.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_') {
                cls.append(c);
            }
        }
        return "<span class=\"badge b-" + cls + "\">" + esc(text) + "</span>";
    }

    private static void appendMachine(StringBuilder sb, NodeReport r, String source) {
        Inventory i = r.inventory();
        sb.append("<h3>Machine</h3>\n<table class=\"kv\">\n");
        kv(sb, "Source", source + " (" + r.root().kind() + ")", "Checked",
                r.generatedAt() + String.format(Locale.ROOT, " in %.0f ms", r.durationMs()));
        kv(sb, "Host name", InventoryText.text(i.hostname()), "Serial", InventoryText.text(i.serial()));
        kv(sb, "Vendor", InventoryText.text(i.vendor()), "Model", InventoryText.text(i.model()));
        kv(sb, "BIOS", InventoryText.text(i.biosVersion()), "Virtualization", InventoryText.text(i.virtualization()));
        kv(sb, "CPU", InventoryText.cpuModel(i), "Sockets x cores x threads", InventoryText.topology(i));
        kv(sb, "Logical CPUs", InventoryText.number(i.logicalCpus()), "NUMA nodes",
                InventoryText.number(i.numaNodes()));
        kv(sb, "Memory", InventoryText.memory(i) + (i.memorySource() == null ? "" : " (" + i.memorySource() + ")"),
                "DIMMs", InventoryText.dimms(i));
        kv(sb, "Operating system", InventoryText.text(i.os()), "Kernel", InventoryText.text(i.kernel()));
        sb.append("</table>\n");
    }

    private static void kv(StringBuilder sb, String k1, String v1, String k2, String v2) {
        sb.append("<tr><th>").append(esc(k1)).append("</th><td>").append(value(v1)).append("</td><th>").append(esc(k2))
                .append("</th><td>").append(value(v2)).append("</td></tr>\n");
    }

    /** An escaped value; "?" is marked so that it reads as "not captured", not as a value. */
    public static String value(String v) {
        return UNKNOWN.equals(v) ? unknownMark() : esc(v);
    }

    private static String unknownMark() {
        return "<span class=\"unk\" title=\"not captured or not readable\">?</span>";
    }

    private static String cell(Object o) {
        return o == null ? unknownMark() : esc(o.toString());
    }

    private static void appendNics(StringBuilder sb, Inventory i) {
        sb.append("<h3>NIC ports</h3>\n");
        if (i.nics() == null) {
            sb.append("<p class=\"none\">Not captured.</p>\n");
            return;
        }
        if (i.nics().isEmpty()) {
            sb.append("<p class=\"none\">No physical Ethernet ports.</p>\n");
            return;
        }
        table(sb, List.of("PCI address", "Interface", "Vendor:device", "Driver", "Firmware", "Speed now",
                "Fastest", "SR-IOV VFs", "AF_XDP zero-copy"), i.nics(), n -> List.of(nowrap(cell(n.pciAddress())),
                cell(n.name()), cell(n.vendorDevice()), cell(n.driver()), cell(n.firmware()),
                n.speedMbps() == null ? unknownMark() : esc(InventoryText.speed(n.speedMbps())),
                n.maxSpeedMbps() == null ? unknownMark() : esc(InventoryText.speed(n.maxSpeedMbps()))
                        + (n.maxSpeedSource() == null ? ""
                        : "<div class=\"src\">" + esc(n.maxSpeedSource()) + "</div>"),
                cell(n.sriovNumVfs()) + " of " + cell(n.sriovTotalVfs()),
                n.xdpZeroCopy() == null ? unknownMark() : n.xdpZeroCopy() ? "yes" : "no"));
    }

    /**
     * Why the slot table is missing, as ra2.ch.016 found it (permission denied, absent from the firmware, not
     * captured); null when the report does not say.
     */
    static String slotsUnreadReason(NodeReport r) {
        return r.verdict("ra2.ch.016").filter(v -> v.status() == Status.UNKNOWN && v.reason() != null
                && v.reason().contains("/sys/firmware/dmi/tables")).map(Verdict::reason).orElse(null);
    }

    private static void appendSlots(StringBuilder sb, Inventory i, String unreadReason) {
        sb.append("<h3>PCIe slots</h3>\n");
        if (i.pcieSlots() == null) {
            sb.append("<p class=\"none\">Not read").append(unreadReason == null ? " (the SMBIOS table could not be "
                    + "read)" : ": " + esc(unreadReason)).append(".</p>\n");
            return;
        }
        if (i.pcieSlots().isEmpty()) {
            sb.append("<p class=\"none\">The SMBIOS table lists no system slots.</p>\n");
            return;
        }
        table(sb, List.of("Designation", "Type", "Generation", "Lanes", "In use", "Bus address"), i.pcieSlots(),
                s -> List.of(cell(s.designation()), cell(s.type()), cell(s.pcieGeneration()), cell(s.lanes()),
                        s.inUse() == null ? unknownMark() : s.inUse() ? "yes" : "no", cell(s.busAddress())));
    }

    private static void appendDisks(StringBuilder sb, Inventory i) {
        sb.append("<h3>Disks</h3>\n");
        if (i.disks() == null) {
            sb.append("<p class=\"none\">Not captured.</p>\n");
            return;
        }
        if (i.disks().isEmpty()) {
            sb.append("<p class=\"none\">No fixed disks.</p>\n");
            return;
        }
        table(sb, List.of("Name", "Size", "Kind", "Model"), i.disks(), d -> List.of(cell(d.name()),
                d.sizeBytes() == null ? unknownMark() : esc(InventoryText.decimalSize(d.sizeBytes())),
                d.rotational() == null ? unknownMark() : d.rotational() ? "rotational (HDD)" : "SSD",
                cell(d.model())));
    }

    /** Marks a cell's content as not to be wrapped (PCI addresses). */
    private static String nowrap(String html) {
        return "<span class=\"nw\">" + html + "</span>";
    }

    private static <T> void table(StringBuilder sb, List<String> headers, List<T> rows,
                                  Function<T, List<String>> cells) {
        sb.append("<table class=\"grid\">\n<thead><tr>");
        for (String h : headers) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (T row : rows) {
            sb.append("<tr>");
            for (String c : cells.apply(row)) {
                sb.append("<td>").append(c).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static void appendCompliance(StringBuilder sb, NodeReport r, String anchor) {
        ReportSummary s = r.summary();
        sb.append("<h3>Profiles</h3>\n<ul class=\"profiles\">\n");
        for (ReportSummary.ProfileResult p : s.profiles().values()) {
            sb.append("<li>").append(p.profile() == r.profile() ? "<b>" : "").append(esc(p.profile().wireName()))
                    .append(p.profile() == r.profile() ? "</b>" : "").append(": ")
                    .append(badge(label(p.compliance()), p.compliance().name()));
            if (!p.blocking().isEmpty()) {
                sb.append(p.compliance() == Compliance.DOES_NOT_MEET ? " failing: " : " undecided: ")
                        .append(idLinks(p.blocking(), anchor));
            }
            if (!p.manual().isEmpty()) {
                sb.append("<div class=\"src\">for a person to confirm: ").append(idLinks(p.manual(), anchor))
                        .append("</div>");
            }
            sb.append("</li>\n");
        }
        sb.append("</ul>\n<p class=\"counts\">");
        List<String> counts = new ArrayList<>();
        for (Status st : Status.values()) {
            counts.add(s.counts().get(st) + " " + st.name());
        }
        sb.append(esc(String.join(", ", counts))).append(" under the ").append(esc(r.profile().wireName()))
                .append(" profile</p>\n");
    }

    /** Requirement IDs linked to their rows in the section. */
    private static String idLinks(List<String> ids, String anchor) {
        List<String> links = new ArrayList<>();
        for (String id : ids) {
            links.add("<a href=\"#" + esc(anchor + "-" + id) + "\">" + esc(id) + "</a>");
        }
        return String.join(", ", links);
    }

    private static void appendVerdicts(StringBuilder sb, NodeReport r, String anchor) {
        appendVerdicts(sb, r.verdicts(), r.profile(), anchor);
    }

    /** The table of verdicts, with evidence and what to fix (a node's, or a workload report's one per rule). */
    public static void appendVerdicts(StringBuilder sb, List<Verdict> verdicts, Profile profile, String anchor) {
        sb.append("<h3>Requirements</h3>\n<table class=\"verdicts\">\n<thead><tr><th>Status</th><th>Requirement</th>")
                .append("<th>Expected</th><th>Found</th></tr></thead>\n<tbody>\n");
        for (Verdict v : verdicts) {
            String reason = v.reasonFor(profile);
            sb.append("<tr class=\"v-").append(v.status().name()).append("\" id=\"").append(esc(anchor + "-" + v.id()))
                    .append("\"><td>").append(badge(v.status().name(), v.status().name())).append("</td><td><b>")
                    .append(esc(v.id())).append("</b> ").append(esc(v.title())).append("<div class=\"src\">")
                    .append(esc(levels(v))).append(v.ignored() ? ", ignored by operator" : "")
                    .append(v.judgedBy().equals(Verdict.BY_AGENT) ? "" : ", judged by " + esc(v.judgedBy()))
                    .append("</div></td><td>").append(esc(v.expected())).append("</td><td>");
            if (!v.actual().isEmpty()) {
                sb.append("<div>").append(esc(v.actual())).append("</div>");
            }
            if (reason != null && !reason.equals(v.actual())) {
                sb.append("<div class=\"reason\">").append(esc(reason)).append("</div>");
            }
            if (!v.evidence().isEmpty()) {
                sb.append("<ul class=\"ev\">");
                for (Evidence e : v.evidence()) {
                    sb.append("<li><code>").append(esc(e.source())).append("</code> ").append(esc(e.value()))
                            .append("</li>");
                }
                sb.append("</ul>");
            }
            if ((v.status() == Status.FAIL || v.status() == Status.WARN) && v.remediation() != null) {
                sb.append("<div class=\"fix\"><b>To fix:</b> ").append(esc(v.remediation())).append("</div>");
            }
            sb.append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    /** The requirements of the chapter this report does not judge, with who decides each and how. */
    public static void appendCoverage(StringBuilder sb, Coverage c) {
        List<Coverage.Item> missing = c.notInReport();
        sb.append("<section class=\"coverage\" id=\"coverage\">\n<h2>Coverage of RA2 chapter 4</h2>\n<p>")
                .append(c.items().size()).append(" requirements, ").append(c.inReport())
                .append(" judged in this report, ").append(c.automatic())
                .append(" decided by ra2check itself (agent, collector or workload rules).</p>\n");
        List<String> counts = new ArrayList<>();
        c.byDisposition().forEach((d, n) -> counts.add(n + " " + d.wireName()));
        sb.append("<p class=\"counts\">").append(esc(String.join(", ", counts))).append("</p>\n");
        if (!missing.isEmpty()) {
            sb.append("<h3>Not judged in this report (").append(missing.size()).append(")</h3>\n");
            table(sb, List.of("Requirement", "Levels", "Decided by", "How"), missing, i -> List.of(
                    "<b>" + esc(i.requirement().id()) + "</b> " + esc(i.requirement().title()),
                    esc(i.requirement().level(Profile.BASIC).wireName() + " / "
                            + i.requirement().level(Profile.NETWORK_INTENSIVE).wireName()),
                    esc(i.disposition().wireName()), esc(Coverage.howDecided(i.requirement()))));
        }
        sb.append("</section>\n");
    }

    /** "basic: must, network-intensive: should". */
    private static String levels(Verdict v) {
        List<String> parts = new ArrayList<>();
        for (Profile p : Profile.values()) {
            parts.add(p.wireName() + ": " + v.level(p).wireName());
        }
        return String.join(", ", parts);
    }

    /**
     * The style sheet: readable on screen, and on A4 paper with each server on its own pages, table heads repeated
     * and rows not split (except a verdict's, whose evidence may run on to the next page rather than leave half a page
     * blank; each evidence line stays whole). Colours print too (print-color-adjust), since the badges carry the
     * verdicts.
     */
    static final String CSS = """
            :root { --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --pass: #1a7f37; --fail: #cf222e;
              --warn: #9a6700; --unknown: #8250df; --manual: #0969da; --skip: #6e7781; }
            * { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            html { color: var(--fg); background: #fff; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans",
              sans-serif; max-width: 1280px; margin: 0 auto; padding: 16px 24px; }
            h1 { font-size: 1.6em; margin: 0 0 4px; }
            h2 { font-size: 1.3em; margin: 18px 0 6px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
            h3 { font-size: 1.05em; margin: 14px 0 4px; }
            p { margin: 4px 0; }
            a { color: var(--manual); }
            code { font: 0.92em ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; }
            header.doc { border-bottom: 3px solid var(--fg); padding-bottom: 8px; margin-bottom: 8px; }
            .meta, .runhead, .src, .counts { color: var(--muted); font-size: 0.86em; }
            .runhead { border-bottom: 1px solid var(--line); padding-bottom: 2px; margin-top: 28px; }
            .notice { background: #fff8c5; border-left: 4px solid var(--warn); padding: 6px 10px; }
            .none { color: var(--muted); font-style: italic; }
            .unk { color: var(--muted); font-weight: 600; cursor: help; }
            table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
            th, td { text-align: left; vertical-align: top; padding: 3px 6px; border-bottom: 1px solid var(--line);
              overflow-wrap: break-word; }
            td .src, td code, ul.ev, .reason, td a { overflow-wrap: anywhere; }
            .nw { white-space: nowrap; }
            thead th { background: #f6f8fa; border-bottom: 2px solid var(--line); }
            table.kv th { width: 13%; background: #f6f8fa; font-weight: 600; }
            table.kv td { width: 37%; }
            table.verdicts td:first-child { width: 8em; }
            table.verdicts td:nth-child(2) { width: 22%; }
            table.verdicts td:nth-child(3) { width: 18%; }
            tr.v-FAIL td { background: #fff5f5; }
            tr.v-WARN td { background: #fffbea; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            .badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 0.8em; font-weight: 700;
              color: #fff; background: var(--skip); white-space: nowrap; vertical-align: 1px; }
            .b-PASS, .b-MEETS { background: var(--pass); }
            .b-FAIL, .b-DOES_NOT_MEET { background: var(--fail); }
            .b-WARN { background: var(--warn); }
            .b-UNKNOWN, .b-UNDETERMINED { background: var(--unknown); }
            .b-MANUAL { background: var(--manual); }
            .b-DAMAGED, .b-ERROR, .b-NOT_LINUX, .b-NOT_X86_64 { background: #6e2c00; }
            ul.ev { margin: 3px 0 0; padding-left: 16px; font-size: 0.86em; color: var(--muted); }
            ul.ev li { margin: 0; }
            ul.profiles { padding-left: 18px; margin: 4px 0; }
            .reason { color: var(--muted); }
            .fix { margin-top: 4px; padding: 3px 6px; border-left: 3px solid var(--fail); background: #fff; }
            .outlier { color: var(--fail); font-weight: 700; }
            td.hot { color: var(--fail); font-weight: 700; }
            .tally .badge { font-size: 0.9em; }
            .signoff { font-weight: 600; font-size: 1.05em; }
            table.summary { font-size: 0.9em; table-layout: fixed; }
            .w7 { width: 7%; } .w8 { width: 8%; } .w12 { width: 12%; } .w13 { width: 13%; } .w14 { width: 14%; }
            .w17 { width: 17%; }
            tr.server-row td:first-child { min-width: 9em; }
            .split { color: var(--warn); }
            @page { size: A4; margin: 14mm 11mm 14mm 11mm; }
            @media print {
              body { font-size: 8.3pt; max-width: none; padding: 0; }
              ul.ev { font-size: 0.82em; }
              .newpage { break-before: page; }
              .runhead { margin-top: 0; }
              thead { display: table-header-group; }
              .notice, li, table.grid tr, table.kv tr { break-inside: avoid; }
              h2, h3 { break-after: avoid; }
              a { color: inherit; text-decoration: none; }
            }
            """;
}
