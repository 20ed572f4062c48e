package io.ra2check.agent.workload;

import io.ra2check.report.Finding;
import io.ra2check.report.Level;

import java.util.Objects;

/**
 * One RA2 workload requirement (chapter 4, "Kubernetes workloads", {@code ra2.app.*}) as a check over manifests.
 *
 * @param id          the requirement ID, e.g. {@code ra2.app.033}
 * @param title       the requirement's title in the RA2 table
 * @param level       must or should, from the requirement's wording
 * @param requirement what RA2 asks, in short (the wording's substance, for reports)
 * @param remediation what to change in the manifest when the check fails
 * @param judge       the check: a finding for one object, or null when the rule says nothing about objects of
 *                    that kind (a Service has no containers)
 */
public record WorkloadRule(String id, String title, Level level, String requirement, String remediation,
                           Judge judge) {

    /**
     * Judges one object. Pure: looks only at the object and, for rules that need them, the other objects of the
     * same set (a namespace's LimitRange, an autoscaler that targets a Deployment).
     */
    @FunctionalInterface
    public interface Judge {
        Finding judge(KubeObject object, ManifestSet all);
    }

    public WorkloadRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(judge, "judge");
    }
}
