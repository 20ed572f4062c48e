package io.ra2check.collector.check;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;
import io.ra2check.report.Compliance;
import io.ra2check.report.Profile;

import java.util.Map;

/**
 * ra2.k8s.011: the node carries anuket.io/profile/<p>=true exactly for the profiles it meets. Judged last, from the
 * compliance of every other verdict.
 */
public final class ProfileLabelsCheck implements NodeCheck {
    @Override
    public String id() {
        return "ra2.k8s.011";
    }

    @Override
    public Finding evaluate(NodeContext c, Requirement requirement) {
        return profileLabels(c.complianceWithoutLabels(), c.manageLabels(), c.node().ownedLabels());
    }

    /**
     * ra2.k8s.011: the node carries {@code anuket.io/profile/<p>=true} exactly for the profiles it meets.
     *
     * @param compliance    the node's compliance with each profile, ra2.k8s.011 itself left out
     * @param manageLabels  whether the collector sets the labels (then they follow the compliance by construction)
     * @param currentLabels the node's labels under {@code anuket.io/profile/} now
     */
    public static Finding profileLabels(Map<Profile, Compliance> compliance, boolean manageLabels,
                                        Map<String, String> currentLabels) {
        String expected = "anuket.io/profile/<profile>=true exactly for the profiles the node meets";
        List<Evidence> evidence = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Profile p : Profile.values()) {
            String key = "anuket.io/profile/" + p.wireName();
            boolean meets = compliance.get(p) == Compliance.MEETS;
            String now = currentLabels.get(key);
            evidence.add(Evidence.of("compliance with " + p.wireName(), compliance.get(p)));
            if (manageLabels) {
                shown.add(key + (meets ? "=true" : " absent"));
            } else {
                evidence.add(Evidence.of("label " + key, now == null ? "(absent)" : now));
                shown.add(key + (now == null ? " absent" : "=" + now));
                if (meets != "true".equals(now)) {
                    wrong.add(key + (meets ? " should be true" : " should be absent"));
                }
            }
        }
        if (manageLabels) {
            return Finding.pass(expected, "set by the collector: " + String.join(", ", shown), evidence);
        }
        return wrong.isEmpty() ? Finding.pass(expected, String.join(", ", shown), evidence)
                : Finding.fail(expected, String.join(", ", wrong) + " (labels are not managed by the collector)",
                evidence);
    }

}
