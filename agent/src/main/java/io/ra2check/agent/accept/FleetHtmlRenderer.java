package io.ra2check.agent.accept;

import io.ra2check.agent.render.HtmlRenderer;
import io.ra2check.agent.render.InventoryText;
import io.ra2check.report.Inventory;
import io.ra2check.report.Status;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.ra2check.agent.render.Html.esc;

/**
 * The acceptance report as one self-contained HTML file: the fleet summary (a row per server, failures first), how
 * often each requirement failed, the hardware outliers, then every server on its own printed pages with the same
 * section {@code check --output html} shows. A pure function of the {@link FleetReport}.
 */
public final class FleetHtmlRenderer {
    private final HtmlRenderer serverPages = new HtmlRenderer();

    public String render(FleetReport f) {
        java.io.StringWriter w = new java.io.StringWriter(65536 + 40000 * f.servers().size());
        try {
            render(f, w);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    /**
     * The same document, written to {@code out} a server at a time: a delivery of 1,000 servers is a 40 MB page, which
     * held whole (and then encoded whole) does not fit the launcher's 64 MiB heap.
     */
    public void render(FleetReport f, java.io.Writer out) throws java.io.IOException {
        StringBuilder sb = new StringBuilder(65536);
        String head = HtmlRenderer.runningHead(f.toolVersion(), f.profile(), f.generatedAt());
        HtmlRenderer.appendDocumentStart(sb, "RA2 hardware acceptance (" + f.profile().wireName() + "), "
                + f.servers().size() + " servers", head);
        appendHeader(sb, f, head);
        appendSummary(sb, f);
        appendRequirements(sb, f);
        appendOutliers(sb, f);
        if (!f.skipped().isEmpty()) {
            sb.append("<section id=\"skipped\"><h2>Skipped</h2>\n<p>In the directory but neither a snapshot archive ")
                    .append("(.tar.gz, .tgz, .tar) nor a host tree (sys/ or proc/): ");
            List<String> names = new ArrayList<>();
            for (String s : f.skipped()) {
                names.add("<code>" + esc(s) + "</code>");
            }
            sb.append(String.join(", ", names)).append("</p></section>\n");
        }
        for (ServerResult r : f.servers()) {
            out.append(sb);
            sb.setLength(0);
            appendServer(sb, f, r, head);
        }
        HtmlRenderer.appendDocumentEnd(sb);
        out.append(sb);
        out.flush();
    }

    private static void appendHeader(StringBuilder sb, FleetReport f, String head) {
        int n = f.servers().size();
        sb.append("<header class=\"doc\">\n<h1>RA2 hardware acceptance: ").append(n)
                .append(n == 1 ? " server" : " servers").append(", profile ").append(esc(f.profile().wireName()))
                .append("</h1>\n<p class=\"meta\">").append(esc(head))
                .append(String.format(Locale.ROOT, " \u00b7 checked in %.1f s", f.durationMs() / 1000))
                .append("</p>\n<p class=\"tally\">");
        List<String> counts = new ArrayList<>();
        for (Map.Entry<ServerStatus, Integer> e : f.statusCounts().entrySet()) {
            if (e.getValue() > 0) {
                counts.add(e.getValue() + " " + HtmlRenderer.badge(e.getKey().label(), e.getKey().name()));
            }
        }
        sb.append(String.join(" &#160; ", counts)).append("</p>\n<p class=\"signoff\">");
        long accepted = f.servers().stream().filter(r -> r.status().accepted()).count();
        if (f.allAccepted()) {
            sb.append("Every server meets the ").append(esc(f.profile().wireName())).append(" profile as delivered.");
        } else {
            sb.append(n - accepted).append(" of ").append(n).append(n == 1 ? " server does" : " servers do")
                    .append(" not meet the ").append(esc(f.profile().wireName()))
                    .append(" profile as delivered (or could not be judged).");
        }
        sb.append("</p>\n</header>\n");
    }

    // ------------------------------------------------------------------------------------------------ summary

    private static void appendSummary(StringBuilder sb, FleetReport f) {
        sb.append("<section id=\"summary\">\n<h2>Fleet summary</h2>\n<p class=\"src\">One row per server, failures ")
                .append("first. <span class=\"unk\">?</span> = not captured or not readable. ")
                .append("<span class=\"outlier\">\u2260</span> = differs from the majority of the delivery.</p>\n")
                .append("<table class=\"grid summary\" id=\"summary-table\">\n<colgroup><col class=\"w17\"/>")
                .append("<col class=\"w12\"/><col class=\"w13\"/><col class=\"w8\"/><col class=\"w13\"/>")
                .append("<col class=\"w7\"/><col class=\"w8\"/><col class=\"w8\"/><col class=\"w14\"/>")
                .append("</colgroup>\n")
                .append("<thead><tr><th>Server</th><th>Machine</th>")
                .append("<th>CPU</th><th>RAM</th><th>NIC ports</th><th>SR-IOV</th><th>PCIe slots</th>")
                .append("<th>Disks</th><th>Verdict</th></tr></thead>\n<tbody>\n");
        for (ServerResult r : f.servers()) {
            sb.append("<tr class=\"server-row\" data-status=\"").append(r.status().name()).append("\"><td><a href=\"#")
                    .append(r.anchor()).append("\">").append(esc(r.name())).append("</a><div class=\"src\">")
                    .append(esc(r.source().label())).append("</div>");
            Inventory i = r.report() == null ? null : r.report().inventory();
            if (i != null && i.serial() != null) {
                sb.append("<div class=\"src\">serial ").append(esc(i.serial())).append("</div>");
            }
            sb.append("</td>");
            if (i == null) {
                sb.append("<td colspan=\"7\" class=\"reason\">").append(esc(r.reason())).append("</td>");
            } else {
                Set<Outliers.Attribute> odd = deviating(f, r);
                cell(sb, odd, EnumSet.of(Outliers.Attribute.VENDOR, Outliers.Attribute.MODEL), InventoryText.machine(i),
                        EnumSet.of(Outliers.Attribute.BIOS), "BIOS " + InventoryText.text(i.biosVersion()));
                cell(sb, odd, EnumSet.of(Outliers.Attribute.CPU_MODEL), InventoryText.cpuModel(i),
                        EnumSet.of(Outliers.Attribute.TOPOLOGY), InventoryText.topology(i));
                cell(sb, odd, EnumSet.of(Outliers.Attribute.MEMORY), InventoryText.memory(i),
                        EnumSet.of(Outliers.Attribute.DIMMS), InventoryText.dimms(i));
                cell(sb, odd, EnumSet.noneOf(Outliers.Attribute.class), InventoryText.nicPorts(i),
                        EnumSet.of(Outliers.Attribute.NIC_MODELS, Outliers.Attribute.NIC_FIRMWARE),
                        InventoryText.nicModels(i));
                cell(sb, odd, EnumSet.noneOf(Outliers.Attribute.class), InventoryText.sriov(i), null, null);
                cell(sb, odd, EnumSet.of(Outliers.Attribute.PCIE_SLOTS), InventoryText.pcieSlots(i), null, null);
                cell(sb, odd, EnumSet.of(Outliers.Attribute.DISKS), InventoryText.disks(i), null, null);
            }
            sb.append("<td>").append(HtmlRenderer.badge(r.status().label(), r.status().name()));
            if (!r.failedIds().isEmpty()) {
                sb.append("<div class=\"src\">failed: ").append(idLinks(r, r.failedIds())).append("</div>");
            }
            if (r.status() == ServerStatus.UNDETERMINED) {
                sb.append("<div class=\"src\">undecided: ").append(idLinks(r, r.undecidedIds())).append("</div>");
            }
            if (r.reason() != null && i != null) {
                sb.append("<div class=\"reason\">").append(esc(r.reason())).append("</div>");
            }
            sb.append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</section>\n");
    }

    /** The attributes a server deviates on. */
    private static Set<Outliers.Attribute> deviating(FleetReport f, ServerResult r) {
        Set<Outliers.Attribute> s = EnumSet.noneOf(Outliers.Attribute.class);
        Outliers.ServerFindings findings = f.outliers().of(r.ordinal());
        if (findings != null) {
            for (Outliers.Deviation d : findings.deviations()) {
                s.add(d.attribute());
            }
        }
        return s;
    }

    /**
     * A summary cell: a value and a smaller second line, each marked when the server deviates from the majority on an
     * attribute that line shows.
     */
    private static void cell(StringBuilder sb, Set<Outliers.Attribute> odd, Set<Outliers.Attribute> mainShows,
                             String main, Set<Outliers.Attribute> secondShows, String second) {
        sb.append("<td>");
        line(sb, odd, mainShows, main);
        if (second != null) {
            sb.append("<div class=\"src\">");
            line(sb, odd, secondShows, second);
            sb.append("</div>");
        }
        sb.append("</td>");
    }

    private static void line(StringBuilder sb, Set<Outliers.Attribute> odd, Set<Outliers.Attribute> shows,
                             String text) {
        List<String> titles = new ArrayList<>();
        for (Outliers.Attribute a : shows) {
            if (odd.contains(a)) {
                titles.add(a.title());
            }
        }
        if (titles.isEmpty()) {
            sb.append(HtmlRenderer.value(text));
            return;
        }
        sb.append("<span class=\"outlier\" title=\"").append(esc("differs from the majority: "
                + String.join(", ", titles))).append("\">\u2260 ").append(esc(text)).append("</span>");
    }

    private static String idLinks(ServerResult r, List<String> ids) {
        List<String> links = new ArrayList<>();
        for (String id : ids) {
            links.add("<a href=\"#" + esc(r.anchor() + "-" + id) + "\">" + esc(id) + "</a>");
        }
        return String.join(", ", links);
    }

    // ------------------------------------------------------------------------------------------------ requirements

    private static void appendRequirements(StringBuilder sb, FleetReport f) {
        int judged = f.judged();
        int notJudged = f.servers().size() - judged;
        sb.append("<section id=\"requirements\">\n<h2>Requirements across the delivery</h2>\n<p>Over the ")
                .append(judged).append(judged == 1 ? " server" : " servers").append(" judged against the ")
                .append(esc(f.profile().wireName())).append(" profile");
        if (notJudged > 0) {
            sb.append("; ").append(notJudged).append(notJudged == 1 ? " server was" : " servers were")
                    .append(" not judged: damaged, not Linux or not x86-64");
        }
        sb.append(".</p>\n");
        List<FleetReport.RequirementTally> failed = f.failedRequirements();
        if (failed.isEmpty()) {
            sb.append("<p>No requirement failed on any server.</p>\n");
        } else {
            sb.append("<ul class=\"failed-requirements\">\n");
            for (FleetReport.RequirementTally t : failed) {
                List<String> links = new ArrayList<>();
                for (ServerResult r : t.failing()) {
                    links.add("<a href=\"#" + esc(r.anchor() + "-" + t.id()) + "\">" + esc(r.name()) + "</a>");
                }
                sb.append("<li><b>").append(esc(t.id())).append("</b> ").append(esc(t.title())).append(": failed on ")
                        .append(t.count(Status.FAIL)).append(" of ").append(t.judged()).append("<div class=\"src\">")
                        .append(String.join(", ", links)).append("</div></li>\n");
            }
            sb.append("</ul>\n");
        }
        sb.append("<table class=\"grid counts\" id=\"requirement-counts\">\n<thead><tr><th>Requirement</th>")
                .append("<th>Level</th>");
        for (Status s : Status.values()) {
            sb.append("<th class=\"num\">").append(s.name()).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (FleetReport.RequirementTally t : f.requirements()) {
            sb.append("<tr><td><b>").append(esc(t.id())).append("</b> ").append(esc(t.title())).append("</td><td>")
                    .append(t.level().wireName()).append("</td>");
            for (Status s : Status.values()) {
                int c = t.count(s);
                sb.append("<td class=\"num").append(c > 0 && (s == Status.FAIL || s == Status.WARN) ? " hot" : "")
                        .append("\">").append(c == 0 ? "" : String.valueOf(c)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n</section>\n");
    }

    // ------------------------------------------------------------------------------------------------ outliers

    private static void appendOutliers(StringBuilder sb, FleetReport f) {
        sb.append("<section id=\"outliers\">\n<h2>Outliers</h2>\n<p>Servers whose hardware differs from the majority ")
                .append("of the delivery (the value more than half of the servers where it is known share), whether ")
                .append("or not they pass. Where no value has a majority, the delivery is split on it and no ")
                .append("server is flagged. A value that is not known is not compared.</p>\n");
        List<String> rows = new ArrayList<>();
        for (ServerResult r : f.servers()) {
            Outliers.ServerFindings s = f.outliers().of(r.ordinal());
            if (s == null) {
                continue;
            }
            for (Outliers.Deviation d : s.deviations()) {
                rows.add("<tr class=\"outlier-row\"><td><a href=\"#" + r.anchor() + "\">" + esc(r.name())
                        + "</a></td><td>" + esc(d.attribute().title()) + "</td><td class=\"outlier\">"
                        + esc(d.value()) + "</td><td>" + esc(d.reference()) + "<div class=\"src\">"
                        + d.referenceCount() + " of " + d.known() + " servers</div></td></tr>\n");
            }
        }
        if (rows.isEmpty()) {
            sb.append("<p>No server differs from the majority on any attribute compared.</p>\n");
        } else {
            sb.append("<table class=\"grid\" id=\"outlier-table\">\n<thead><tr><th>Server</th><th>Differs in</th>")
                    .append("<th>Its value</th><th>Majority</th></tr></thead>\n<tbody>\n");
            rows.forEach(sb::append);
            sb.append("</tbody>\n</table>\n");
        }
        sb.append("<h3>Attributes compared</h3>\n<table class=\"grid\" id=\"attribute-table\">\n<thead><tr>")
                .append("<th>Attribute</th><th>Majority</th><th>Values (servers)</th><th>Not compared</th></tr>")
                .append("</thead>\n<tbody>\n");
        for (Outliers.AttributeResult a : f.outliers().attributes()) {
            sb.append("<tr><td>").append(esc(a.attribute().title())).append("</td><td>");
            if (a.reference() != null) {
                sb.append(esc(a.reference())).append("<div class=\"src\">").append(a.referenceCount()).append(" of ")
                        .append(a.known()).append("</div>");
            } else if (a.tooFewKnown()) {
                sb.append("<span class=\"none\">known on ").append(a.known()).append(" of ")
                        .append(a.known() + a.unknown()).append(" servers only: not compared</span>");
            } else if (a.split()) {
                sb.append("<span class=\"split\">split: no majority</span>");
            } else {
                sb.append("<span class=\"none\">not known on any server</span>");
            }
            sb.append("</td><td>");
            List<String> values = new ArrayList<>();
            a.distribution().forEach((v, c) -> values.add(esc(v) + " (" + c + ")"));
            sb.append(String.join("<br/>", values)).append("</td><td>")
                    .append(a.unknown() == 0 ? "" : a.unknown() + (a.unknown() == 1 ? " server" : " servers")
                            + ": unknown").append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</section>\n");
    }

    // ------------------------------------------------------------------------------------------------ servers

    private void appendServer(StringBuilder sb, FleetReport f, ServerResult r, String head) {
        HtmlRenderer.Heading h = new HtmlRenderer.Heading(r.anchor(), r.name(), r.status().label(), r.status().name(),
                r.report() == null ? null : r.reason(), r.source().label());
        if (r.report() == null) {
            sb.append("<section class=\"server newpage\" id=\"").append(r.anchor()).append("\">\n");
            HtmlRenderer.appendHeading(sb, h, head);
            sb.append("<p class=\"notice\">").append(esc(r.reason())).append("</p>\n<p>Source: <code>")
                    .append(esc(r.source().label())).append("</code>. No requirement could be checked.</p>\n")
                    .append("</section>\n");
            return;
        }
        serverPages.appendServer(sb, r.report(), h, head, out -> appendComparison(out, f, r));
    }

    /** How the server compares with the delivery, under its machine table. */
    private static void appendComparison(StringBuilder sb, FleetReport f, ServerResult r) {
        Outliers.ServerFindings s = f.outliers().of(r.ordinal());
        if (s == null) {
            return;
        }
        sb.append("<h3>Compared with the delivery</h3>\n");
        if (s.deviations().isEmpty()) {
            sb.append("<p>Like the majority on every attribute compared.</p>\n");
        } else {
            sb.append("<ul class=\"deviations\">\n");
            for (Outliers.Deviation d : s.deviations()) {
                sb.append("<li><span class=\"outlier\">").append(esc(d.attribute().title())).append(": ")
                        .append(esc(d.value())).append("</span> (majority: ").append(esc(d.reference())).append(", ")
                        .append(d.referenceCount()).append(" of ").append(d.known()).append(")</li>\n");
            }
            sb.append("</ul>\n");
        }
        if (!s.notCompared().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Outliers.NotCompared n : s.notCompared()) {
                parts.add(esc(n.attribute().title()) + " (" + esc(n.reason()) + ")");
            }
            sb.append("<p class=\"src\">Not compared, unknown: ").append(String.join("; ", parts)).append("</p>\n");
        }
    }
}
