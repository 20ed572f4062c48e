package io.ra2check.collector.meta;

import io.ra2check.report.Finding;
import io.ra2check.report.Level;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Verdict;
import io.ra2check.report.Verdicts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verdicts in the few characters per requirement the Node annotations can afford: {@code ch.001=Pmm,ch.002=Fnm!}, one
 * entry per requirement, {@code ra2.} left out, then the outcome (P pass, F fail, U unknown, M manual, N not
 * applicable), the level in the basic and the network-intensive profile (m must, s should, o may, n none) and
 * {@code !} when the operator ignores the requirement. That is everything statuses and profile compliance are computed
 * from, so a collector can recompute a node's labels from its annotations alone.
 */
public final class CompactResults {
    private static final Pattern ID = Pattern.compile("ra2\\.[a-z0-9]{1,8}\\.[0-9]{3}");

    /** One requirement's result. */
    public record Entry(String id, Outcome outcome, Level basic, Level networkIntensive, boolean ignored) {
        public Level level(Profile p) {
            return p == Profile.BASIC ? basic : networkIntensive;
        }

        /** A verdict carrying just this entry: title from the catalog, no expected/actual/evidence. */
        public Verdict toVerdict(Profile profile, RequirementCatalog catalog, String judgedBy) {
            Map<Profile, Level> levels = new EnumMap<>(Profile.class);
            levels.put(Profile.BASIC, basic);
            levels.put(Profile.NETWORK_INTENSIVE, networkIntensive);
            String title = catalog.find(id).map(Requirement::title).orElse(id);
            String remediation = catalog.find(id).map(Requirement::remediation).orElse(null);
            // the annotation keeps only the outcome: expected, actual and evidence are in the agent's report
            String reason = outcome == Outcome.UNKNOWN || outcome == Outcome.MANUAL || outcome == Outcome.NOT_APPLICABLE
                    ? "rebuilt from the node's annotations, which keep the outcome only: the reason is in the "
                    + "node's report" : null;
            return Verdicts.of(id, title, remediation, new Finding(outcome, "", "", reason, List.of()), levels, null,
                    ignored, profile, judgedBy);
        }
    }

    private CompactResults() {
    }

    public static String encode(List<Verdict> verdicts) {
        StringBuilder sb = new StringBuilder(verdicts.size() * 12);
        for (Verdict v : verdicts) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(v.id().substring(4)).append('=').append(outcome(v.outcome()))
                    .append(level(v.level(Profile.BASIC))).append(level(v.level(Profile.NETWORK_INTENSIVE)));
            if (v.ignored()) {
                sb.append('!');
            }
        }
        return sb.toString();
    }

    /** Reads what {@link #encode} wrote; anything else (a hand-edited annotation) is an IllegalArgumentException. */
    public static List<Entry> decode(String s) {
        if (s == null) {
            throw new IllegalArgumentException("missing");
        }
        List<Entry> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (String part : s.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0 || part.length() < eq + 4 || part.length() > eq + 5) {
                throw new IllegalArgumentException("bad entry '" + part + "'");
            }
            String id = "ra2." + part.substring(0, eq);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("bad requirement ID '" + id + "'");
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("duplicate requirement ID '" + id + "'");
            }
            boolean ignored = part.length() == eq + 5;
            if (ignored && part.charAt(eq + 4) != '!') {
                throw new IllegalArgumentException("bad entry '" + part + "'");
            }
            out.add(new Entry(id, outcome(part.charAt(eq + 1)), level(part.charAt(eq + 2)), level(part.charAt(eq + 3)),
                    ignored));
        }
        return out;
    }

    private static char outcome(Outcome o) {
        return switch (o) {
            case PASS -> 'P';
            case FAIL -> 'F';
            case UNKNOWN -> 'U';
            case MANUAL -> 'M';
            case NOT_APPLICABLE -> 'N';
        };
    }

    private static Outcome outcome(char c) {
        return switch (c) {
            case 'P' -> Outcome.PASS;
            case 'F' -> Outcome.FAIL;
            case 'U' -> Outcome.UNKNOWN;
            case 'M' -> Outcome.MANUAL;
            case 'N' -> Outcome.NOT_APPLICABLE;
            default -> throw new IllegalArgumentException("bad outcome '" + c + "'");
        };
    }

    private static char level(Level l) {
        return switch (l) {
            case MUST -> 'm';
            case SHOULD -> 's';
            case MAY -> 'o';
            case NONE -> 'n';
        };
    }

    private static Level level(char c) {
        return switch (c) {
            case 'm' -> Level.MUST;
            case 's' -> Level.SHOULD;
            case 'o' -> Level.MAY;
            case 'n' -> Level.NONE;
            default -> throw new IllegalArgumentException("bad level '" + c + "'");
        };
    }
}
