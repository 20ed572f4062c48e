package io.ra2check.report;

import java.util.Map;

/**
 * The generated part of {@code docs/requirements.md}: counts per family and disposition, and every requirement of
 * the catalog with who decides it. Written from the catalog so that the page cannot drift from it.
 */
public final class RequirementsDoc {
    public static final String BEGIN = "<!-- BEGIN GENERATED from requirements.yaml by RequirementsDocTest: do not edit -->";
    public static final String END = "<!-- END GENERATED -->";

    private RequirementsDoc() {
    }

    public static String markdown(RequirementCatalog catalog) {
        Coverage c = Coverage.of(catalog, java.util.List.of());
        StringBuilder sb = new StringBuilder();
        sb.append(BEGIN).append("\n\n");
        sb.append("### Every requirement and who decides it\n\n");
        sb.append(c.items().size()).append(" requirements; ").append(c.automatic())
                .append(" decided by ra2check itself (agent, collector or workload rules).\n\n");
        sb.append("| family |");
        for (Requirement.Disposition d : Requirement.Disposition.values()) {
            sb.append(' ').append(d.wireName()).append(" |");
        }
        sb.append(" total |\n|---|");
        sb.append("---|".repeat(Requirement.Disposition.values().length)).append("---|\n");
        for (Map.Entry<String, Map<Requirement.Disposition, Integer>> f : c.byFamily().entrySet()) {
            sb.append("| ra2.").append(f.getKey()).append(" |");
            int total = 0;
            for (int n : f.getValue().values()) {
                sb.append(' ').append(n).append(" |");
                total += n;
            }
            sb.append(' ').append(total).append(" |\n");
        }
        sb.append("| **all** |");
        for (int n : c.byDisposition().values()) {
            sb.append(" **").append(n).append("** |");
        }
        sb.append(" **").append(c.items().size()).append("** |\n\n");
        sb.append("| ID | title | levels | disposition | how it is decided |\n|---|---|---|---|---|\n");
        for (Coverage.Item i : c.items()) {
            Requirement r = i.requirement();
            sb.append("| ").append(r.id()).append(" | ").append(cell(r.title())).append(" | ")
                    .append(level(r.level(Profile.BASIC))).append(" / ")
                    .append(level(r.level(Profile.NETWORK_INTENSIVE))).append(" | ")
                    .append(r.disposition().wireName()).append(" | ").append(cell(Coverage.howDecided(r)))
                    .append(" |\n");
        }
        sb.append('\n').append(END);
        return sb.toString();
    }

    private static String level(Level l) {
        return switch (l) {
            case MUST -> "M";
            case SHOULD -> "S";
            case MAY -> "may";
            case NONE -> "-";
        };
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
