package io.ra2check.collector.publish;

import io.ra2check.report.Status;
import io.ra2check.report.Verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The requirements whose status differs between two judgements of a node, as an Event's note. */
public final class StatusChanges {
    static final int MAX_NOTE = 1024;

    /** One changed requirement; {@code before} is null for a requirement the earlier judgement lacked. */
    public record Change(String id, Status before, Status after) {
    }

    private StatusChanges() {
    }

    public static List<Change> between(List<Verdict> before, List<Verdict> after) {
        Map<String, Status> old = new LinkedHashMap<>();
        for (Verdict v : before) {
            old.put(v.id(), v.status());
        }
        List<Change> out = new java.util.ArrayList<>();
        for (Verdict v : after) {
            Status was = old.get(v.id());
            if (was != v.status()) {
                out.add(new Change(v.id(), was, v.status()));
            }
        }
        return out;
    }

    /** A regression: something became FAIL or UNKNOWN. */
    public static boolean worse(List<Change> changes) {
        return changes.stream().anyMatch(c -> c.after() == Status.FAIL || c.after() == Status.UNKNOWN);
    }

    /** "ra2.ch.004 PASS->FAIL, ra2.k8s.002 UNKNOWN->PASS", cut at 1,024 characters with a count of the rest. */
    public static String note(List<Change> changes) {
        StringBuilder b = new StringBuilder(changes.size() + " requirement status change(s): ");
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            String next = (i == 0 ? "" : ", ") + c.id() + " " + (c.before() == null ? "new" : c.before().name())
                    + "->" + c.after().name();
            if (b.length() + next.length() > MAX_NOTE - 24) {
                b.append(" and ").append(changes.size() - i).append(" more");
                break;
            }
            b.append(next);
        }
        return b.toString();
    }
}
