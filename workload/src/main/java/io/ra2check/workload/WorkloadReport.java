package io.ra2check.workload;

import io.ra2check.report.Outcome;

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
}
