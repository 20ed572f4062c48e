package io.ra2check.workload;

import io.ra2check.report.Finding;
import io.ra2check.report.Level;
import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;

import java.util.Objects;

/**
 * One RA2 workload requirement (chapter 4, "Kubernetes workloads", {@code ra2.app.*}) as a check over Kubernetes
 * objects. What people argue about (title, wording, level, remediation) is the catalog's
 * ({@code requirements.yaml}); only the judging is code.
 *
 * @param requirement the catalog entry
 * @param judge       the check: a finding for one object, or null when the rule says nothing about objects of
 *                    that kind (a Service has no containers)
 */
public record WorkloadRule(Requirement requirement, Judge judge) {

    /**
     * Judges one object. Pure: looks only at the object and, for rules that need them, the other objects of the
     * same set (a namespace's LimitRange, an autoscaler that targets a Deployment).
     */
    @FunctionalInterface
    public interface Judge {
        Finding judge(KubeObject object, ManifestSet all);
    }

    public WorkloadRule {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(judge, "judge");
        // a workload verdict is not about a node, so there is no profile to choose a level by
        for (Profile p : Profile.values()) {
            if (requirement.level(p) != requirement.level(Profile.BASIC)) {
                throw new IllegalArgumentException(requirement.id() + ": a workload rule needs the same level in "
                        + "every profile, the catalog gives " + requirement.levels());
            }
        }
    }

    public String id() {
        return requirement.id();
    }

    public String title() {
        return requirement.title();
    }

    /** The same in every profile (checked when the rule is made). */
    public Level level() {
        return requirement.level(Profile.BASIC);
    }

    /** What to change in the manifest when the check fails (null when the catalog gives none). */
    public String remediation() {
        return requirement.remediation();
    }
}
