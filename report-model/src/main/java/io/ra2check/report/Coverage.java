package io.ra2check.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a report covers the chapter: every requirement of the catalog with its disposition, and the verdict the report
 * has for it, if any. Renderers list what is not decided in the report as visibly as what failed.
 *
 * @param items every catalog requirement, in catalog order
 */
public record Coverage(List<Item> items) {

    /** One requirement and the report's verdict on it (null when the report does not decide it). */
    public record Item(Requirement requirement, Verdict verdict) {
        public Requirement.Disposition disposition() {
            return requirement.disposition();
        }

        public boolean inReport() {
            return verdict != null;
        }
    }

    public Coverage {
        items = List.copyOf(items);
    }

    /** The coverage of {@code verdicts}; verdicts the catalog does not know are left out (the report lists them). */
    public static Coverage of(RequirementCatalog catalog, List<Verdict> verdicts) {
        Map<String, Verdict> byId = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            byId.putIfAbsent(v.id(), v);
        }
        List<Item> items = new ArrayList<>();
        for (Requirement r : catalog.all()) {
            items.add(new Item(r, byId.get(r.id())));
        }
        return new Coverage(items);
    }

    /** The coverage of a report, against the built-in catalog (dispositions do not depend on thresholds). */
    public static Coverage of(NodeReport report) {
        return of(RequirementCatalog.shipped(), report.verdicts());
    }

    /** The requirements this report has no verdict for, in catalog order. */
    public List<Item> notInReport() {
        return items.stream().filter(i -> !i.inReport()).toList();
    }

    public int inReport() {
        return (int) items.stream().filter(Item::inReport).count();
    }

    /** How many requirements ra2check decides itself (agent, collector or workload rules). */
    public int automatic() {
        return (int) items.stream().filter(i -> i.disposition().automatic()).count();
    }

    /** Requirements per disposition, every disposition present (zero counts included). */
    public Map<Requirement.Disposition, Integer> byDisposition() {
        return count(items);
    }

    /** Per family (in catalog order), requirements per disposition. */
    public Map<String, Map<Requirement.Disposition, Integer>> byFamily() {
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        for (Item i : items) {
            groups.computeIfAbsent(i.requirement().family(), k -> new ArrayList<>()).add(i);
        }
        Map<String, Map<Requirement.Disposition, Integer>> out = new LinkedHashMap<>();
        groups.forEach((family, list) -> out.put(family, count(list)));
        return Collections.unmodifiableMap(out);
    }

    private static Map<Requirement.Disposition, Integer> count(List<Item> list) {
        Map<Requirement.Disposition, Integer> m = new EnumMap<>(Requirement.Disposition.class);
        for (Requirement.Disposition d : Requirement.Disposition.values()) {
            m.put(d, 0);
        }
        for (Item i : list) {
            m.merge(i.disposition(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(m);
    }

    /** One line saying who decides a requirement and how: what a person reads in a report and in {@code explain}. */
    public static String howDecided(Requirement r) {
        return switch (r.disposition()) {
            case AGENT -> "the ra2check agent, from the host";
            case COLLECTOR -> r.perNode() ? "the ra2check collector, from the cluster's view of the node"
                    : "the ra2check collector, from the cluster's API objects and discovery";
            case WORKLOAD -> "the ra2check workload rules, from the workload's manifests";
            case EXTERNAL -> r.external().test() + ": " + r.external().command();
            case MANUAL -> "a person must confirm: " + (r.confirm() != null ? r.confirm()
                    : "no machine can prove it");
            case OPTIONAL -> "optional platform service (RA2 makes it optional)"
                    + (r.confirm() != null ? "; " + r.confirm() : "");
        };
    }
}
