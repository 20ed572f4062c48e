package io.ra2check.collector.publish;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.ra2check.collector.check.NodeFacts;
import io.ra2check.collector.meta.Keys;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Ra2Conformant} Node condition: False when a requirement FAILs (the message lists the failing IDs),
 * Unknown when none fails but some could not be read (UNKNOWN; those IDs are listed), True otherwise.
 */
public final class ConformantCondition {
    public static final String TYPE = Keys.CONDITION_TYPE;
    static final int MAX_MESSAGE = 1024;

    /** What the condition says; times are set when it is written. */
    public record Value(String status, String reason, String message) {
    }

    private ConformantCondition() {
    }

    public static Value of(List<Verdict> verdicts) {
        List<String> failed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Verdict v : verdicts) {
            if (v.status() == Status.FAIL) {
                failed.add(v.id());
            } else if (v.status() == Status.UNKNOWN) {
                unknown.add(v.id());
            }
        }
        if (!failed.isEmpty()) {
            return new Value("False", "RequirementsFailed", list("failing: ", failed));
        }
        if (!unknown.isEmpty()) {
            return new Value("Unknown", "RequirementsUnknown", list("could not be read: ", unknown));
        }
        return new Value("True", "RequirementsMet", "no requirement fails and none is unknown");
    }

    private static String list(String prefix, List<String> ids) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < ids.size(); i++) {
            String next = (i == 0 ? "" : ",") + ids.get(i);
            if (b.length() + next.length() > MAX_MESSAGE - 40) {
                b.append(" and ").append(ids.size() - i).append(" more");
                break;
            }
            b.append(next);
        }
        return b.toString();
    }

    /** The condition of this type on the node, or null. */
    public static NodeCondition find(List<NodeCondition> conditions) {
        if (conditions == null) {
            return null;
        }
        for (NodeCondition c : conditions) {
            if (TYPE.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    /** True when the node's condition already says {@code v} (heartbeat left aside: it is not rewritten alone). */
    public static boolean same(NodeFacts.OwnedCondition current, Value v) {
        return current != null && v.status().equals(current.status()) && v.reason().equals(current.reason())
                && v.message().equals(current.message());
    }
}
