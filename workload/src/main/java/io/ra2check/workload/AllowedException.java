package io.ra2check.workload;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule the caller accepts failing: on every object ({@code ra2.app.030}) or on one ({@code
 * ra2.app.030@DaemonSet/ra2check-agent}). Scoping an exception to its object keeps it from hiding the same failure
 * elsewhere.
 *
 * @param scope {@code Kind/name}, or null for every object
 */
record AllowedException(String text, String ruleId, String scope) {
    private static final Pattern FORMAT = Pattern.compile("(ra2\\.app\\.\\d{3})(?:@([A-Za-z0-9]+/[^/@\\s]+))?");

    static AllowedException parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("allowed exception '" + text + "': expected a rule ID (ra2.app.030) "
                    + "or a rule ID and an object (ra2.app.030@DaemonSet/ra2check-agent)");
        }
        if (WorkloadRules.byId(m.group(1)) == null) {
            throw new IllegalArgumentException("allowed exception '" + text + "': " + m.group(1)
                    + " is not a workload rule (they are " + ruleIdRanges() + ")");
        }
        return new AllowedException(text.trim(), m.group(1), m.group(2));
    }

    /** The rule IDs with consecutive runs collapsed: "ra2.app.007, ra2.app.016, ra2.app.025 to ra2.app.048". */
    static String ruleIdRanges() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        java.util.List<WorkloadRule> rules = WorkloadRules.all();
        int start = 0;
        for (int i = 1; i <= rules.size(); i++) {
            if (i == rules.size() || number(rules.get(i).id()) != number(rules.get(i - 1).id()) + 1) {
                parts.add(start == i - 1 ? rules.get(start).id() : rules.get(start).id() + " to " + rules.get(i - 1).id());
                start = i;
            }
        }
        return String.join(", ", parts);
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf('.') + 1));
    }

    boolean covers(String rule, ObjectRef object) {
        return ruleId.equals(rule) && (scope == null || object.matches(scope));
    }
}
