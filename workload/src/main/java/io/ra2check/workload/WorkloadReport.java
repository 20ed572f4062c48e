package io.ra2check.workload;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.Verdict;
import io.ra2check.report.Verdicts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every finding of a workload check, and the allowed exceptions that excused nothing (a stale exception hides the
 * next regression, so callers should see it).
 */
public record WorkloadReport(List<WorkloadFinding> findings, List<String> unusedExceptions) {
    public WorkloadReport {
        findings = List.copyOf(findings);
        unusedExceptions = List.copyOf(unusedExceptions);
    }

    /** Unexcused FAILs of "must" rules and WARNs of "should" rules. */
    public List<WorkloadFinding> problems() {
        return findings.stream().filter(WorkloadFinding::isProblem).toList();
    }

    /** No problem: every rule that a manifest can settle is met or excused. */
    public boolean conformant() {
        return problems().isEmpty();
    }

    public List<WorkloadFinding> forObject(String kind, String name) {
        return findings.stream().filter(f -> f.object().kind().equals(kind) && f.object().name().equals(name))
                .toList();
    }

    public List<WorkloadFinding> forRule(String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    /** The IDs of the rules with this outcome on at least one object. */
    public Set<String> rulesWithOutcome(Outcome outcome) {
        Set<String> ids = new TreeSet<>();
        findings.stream().filter(f -> f.outcome() == outcome).forEach(f -> ids.add(f.ruleId()));
        return ids;
    }

    /** The findings, one per line. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        findings.forEach(f -> sb.append(f.describe()).append('\n'));
        unusedExceptions.forEach(e -> sb.append("unused allowed exception ").append(e).append('\n'));
        return sb.toString();
    }

    /** Objects named in a rule verdict's actual value before "and N more": the evidence lists every one. */
    private static final int NAMED_OBJECTS = 5;

    /**
     * One verdict per rule, every rule (the CI view: one test per requirement), judged over all the objects: the
     * worst unexcused outcome decides (FAIL, then UNKNOWN, then MANUAL), an excused FAIL with nothing worse makes the
     * verdict an ignored FAIL (status SKIP), and a rule no object is subject to is NOT_APPLICABLE. The evidence has
     * one line per object, then the deciding objects' own evidence.
     */
    public List<Verdict> ruleVerdicts() {
        List<Verdict> out = new ArrayList<>();
        for (WorkloadRule rule : WorkloadRules.all()) {
            out.add(ruleVerdict(rule, forRule(rule.id())));
        }
        return out;
    }

    private static Verdict ruleVerdict(WorkloadRule rule, List<WorkloadFinding> fs) {
        List<WorkloadFinding> deciding = List.of();
        boolean ignored = false;
        for (Outcome o : List.of(Outcome.FAIL, Outcome.UNKNOWN, Outcome.MANUAL)) {
            deciding = fs.stream().filter(f -> f.outcome() == o && !f.excepted()).toList();
            if (!deciding.isEmpty()) {
                break;
            }
        }
        if (deciding.isEmpty()) {
            deciding = fs.stream().filter(WorkloadFinding::excepted).toList();
            ignored = !deciding.isEmpty();
        }
        if (deciding.isEmpty()) {
            deciding = fs.stream().filter(f -> f.outcome() == Outcome.PASS).toList();
        }
        Finding f;
        if (deciding.isEmpty()) {
            String reason = fs.isEmpty() ? "no object in the input is subject to this rule"
                    : fs.get(0).verdict().reason();
            f = Finding.notApplicable(fs.isEmpty() ? "" : fs.get(0).verdict().expected(), reason, evidence(fs, List.of()));
        } else {
            Verdict first = deciding.get(0).verdict();
            Outcome outcome = first.outcome();
            String actual = outcome == Outcome.PASS ? "met by " + count(deciding.size())
                    : outcome + (ignored ? " (allowed exception)" : "") + " on " + count(deciding.size()) + ": "
                            + named(deciding);
            String reason = outcome == Outcome.PASS || outcome == Outcome.FAIL ? null
                    : first.reason() == null ? "see each object's evidence" : first.reason();
            f = new Finding(outcome, first.expected(), actual, reason, evidence(fs, deciding));
        }
        // any profile gives the same status: WorkloadRule holds its level equal in all of them
        return Verdicts.of(rule.requirement(), f, rule.requirement().levels(), null, ignored, Profile.BASIC,
                WorkloadCheck.JUDGED_BY);
    }

    private static String count(int n) {
        return n == 1 ? "1 object" : n + " objects";
    }

    private static String named(List<WorkloadFinding> fs) {
        List<String> names = fs.stream().limit(NAMED_OBJECTS).map(f -> f.object().display() + " ("
                + f.verdict().actual() + ")").toList();
        return String.join("; ", names) + (fs.size() > NAMED_OBJECTS ? "; and " + (fs.size() - NAMED_OBJECTS)
                + " more" : "");
    }

    private static List<Evidence> evidence(List<WorkloadFinding> all, List<WorkloadFinding> deciding) {
        List<Evidence> ev = new ArrayList<>();
        for (WorkloadFinding f : all) {
            ev.add(Evidence.of(f.object().display() + " [" + f.object().origin() + "]", f.status()
                    + (f.excepted() ? " (allowed exception)" : "") + ": " + f.verdict().actual()));
        }
        if (!deciding.isEmpty() && deciding.get(0).outcome() != Outcome.PASS) {
            deciding.forEach(f -> ev.addAll(f.verdict().evidence()));
        }
        return ev;
    }
}
