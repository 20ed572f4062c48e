package io.ra2check.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts and profile compliance derived from a report's verdicts. Never stored as truth: always recomputed from the
 * verdicts, so a posted report cannot claim a summary its verdicts do not support.
 *
 * @param counts   how many verdicts have each status under the report's profile
 * @param failed   IDs with status FAIL under the report's profile
 * @param warned   IDs with status WARN
 * @param unknown  IDs with status UNKNOWN
 * @param profiles compliance of the node with each profile, whatever the report's own profile
 */
public record ReportSummary(
        Map<Status, Integer> counts,
        List<String> failed,
        List<String> warned,
        List<String> unknown,
        Map<Profile, ProfileResult> profiles) {

    /**
     * A node's compliance with one profile.
     *
     * @param blocking the "must" requirements that FAIL (DOES_NOT_MEET) or are UNKNOWN (UNDETERMINED)
     * @param manual   the "must" requirements that need a person; they do not block the profile, since no machine can
     *                 prove them, and are listed so that a person can
     */
    public record ProfileResult(Profile profile, Compliance compliance, List<String> blocking, List<String> manual) {
        public ProfileResult {
            blocking = List.copyOf(blocking);
            manual = List.copyOf(manual);
        }
    }

    public static ReportSummary of(NodeReport report) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        List<String> failed = new ArrayList<>();
        List<String> warned = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Verdict v : report.verdicts()) {
            counts.merge(v.status(), 1, Integer::sum);
            switch (v.status()) {
                case FAIL -> failed.add(v.id());
                case WARN -> warned.add(v.id());
                case UNKNOWN -> unknown.add(v.id());
                default -> {
                }
            }
        }
        Map<Profile, ProfileResult> profiles = new EnumMap<>(Profile.class);
        for (Profile p : Profile.values()) {
            profiles.put(p, evaluate(report.verdicts(), p));
        }
        return new ReportSummary(Collections.unmodifiableMap(counts), List.copyOf(failed), List.copyOf(warned),
                List.copyOf(unknown), Collections.unmodifiableMap(profiles));
    }

    /** Whether a node with these verdicts meets {@code profile}. */
    public static ProfileResult evaluate(List<Verdict> verdicts, Profile profile) {
        List<String> failing = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        List<String> manual = new ArrayList<>();
        for (Verdict v : verdicts) {
            if (v.level(profile) != Level.MUST) {
                continue;
            }
            switch (v.statusFor(profile)) {
                case FAIL -> failing.add(v.id());
                case UNKNOWN -> undecided.add(v.id());
                case MANUAL -> manual.add(v.id());
                default -> {
                }
            }
        }
        if (!failing.isEmpty()) {
            return new ProfileResult(profile, Compliance.DOES_NOT_MEET, failing, manual);
        }
        if (!undecided.isEmpty()) {
            return new ProfileResult(profile, Compliance.UNDETERMINED, undecided, manual);
        }
        return new ProfileResult(profile, Compliance.MEETS, List.of(), manual);
    }
}
