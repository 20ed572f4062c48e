package io.ra2check.agent.accept;

import io.ra2check.report.Level;
import io.ra2check.report.Profile;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of accepting a delivery: one row per server (failures first), how often each requirement failed, and the
 * hardware outliers. What every fleet renderer (text, HTML, CSV, JUnit) renders; derived from the servers' results
 * by pure functions.
 *
 * @param servers  sorted: by status ({@link ServerStatus} order: failures first), then name, then given order
 * @param skipped  entries of {@code --dir} that are neither snapshots nor host trees
 */
public record FleetReport(String toolVersion, Profile profile, Instant generatedAt, double durationMs,
                          List<ServerResult> servers, List<RequirementTally> requirements,
                          Outliers.Analysis outliers, List<String> skipped) {

    public FleetReport {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(generatedAt, "generatedAt");
        servers = List.copyOf(servers);
        requirements = List.copyOf(requirements);
        skipped = List.copyOf(skipped);
    }

    /** Failures first, then servers that could not be judged, undecided ones, those that meet the profile. */
    public static final Comparator<ServerResult> ORDER = Comparator.comparing(ServerResult::status)
            .thenComparing(ServerResult::name).thenComparingInt(ServerResult::ordinal);

    /**
     * How one requirement went across the servers that were judged against the profile.
     *
     * @param level   its level in the run's profile
     * @param counts  how many judged servers got each status
     * @param judged  how many servers were judged (those DAMAGED, ERROR, NOT_LINUX or NOT_X86_64 are not)
     * @param failing the servers where it is FAIL, in the summary's order
     */
    public record RequirementTally(String id, String title, Level level, Map<Status, Integer> counts, int judged,
                                   List<ServerResult> failing) {
        public RequirementTally {
            counts = Collections.unmodifiableMap(new EnumMap<>(counts));
            failing = List.copyOf(failing);
        }

        public int count(Status s) {
            return counts.getOrDefault(s, 0);
        }
    }

    public static FleetReport of(String toolVersion, Profile profile, Instant generatedAt, double durationMs,
                                 List<ServerResult> results, List<String> skipped) {
        List<ServerResult> sorted = new ArrayList<>(results);
        sorted.sort(ORDER);
        return new FleetReport(toolVersion, profile, generatedAt, durationMs, sorted, tally(sorted, profile),
                Outliers.analyse(sorted), skipped);
    }

    /** Per requirement, in catalog order (the order of the reports' verdicts), over the judged servers. */
    static List<RequirementTally> tally(List<ServerResult> sorted, Profile profile) {
        Map<String, Verdict> first = new LinkedHashMap<>();
        Map<String, EnumMap<Status, Integer>> counts = new LinkedHashMap<>();
        Map<String, List<ServerResult>> failing = new LinkedHashMap<>();
        int judged = 0;
        for (ServerResult r : sorted) {
            if (!r.status().judged()) {
                continue;
            }
            judged++;
            for (Verdict v : r.report().verdicts()) {
                first.putIfAbsent(v.id(), v);
                counts.computeIfAbsent(v.id(), k -> new EnumMap<>(Status.class)).merge(v.status(), 1, Integer::sum);
                if (v.status() == Status.FAIL) {
                    failing.computeIfAbsent(v.id(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        List<RequirementTally> out = new ArrayList<>();
        for (Verdict v : first.values()) {
            out.add(new RequirementTally(v.id(), v.title(), v.level(profile), counts.get(v.id()), judged,
                    failing.getOrDefault(v.id(), List.of())));
        }
        return out;
    }

    /** How many servers have each status (every status present, zeros included). */
    public Map<ServerStatus, Integer> statusCounts() {
        Map<ServerStatus, Integer> m = new EnumMap<>(ServerStatus.class);
        for (ServerStatus s : ServerStatus.values()) {
            m.put(s, 0);
        }
        for (ServerResult r : servers) {
            m.merge(r.status(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Servers whose verdicts were judged against the profile. */
    public int judged() {
        return (int) servers.stream().filter(r -> r.status().judged()).count();
    }

    /** Every server meets the profile: the delivery can be signed off. */
    public boolean allAccepted() {
        return !servers.isEmpty() && servers.stream().allMatch(r -> r.status().accepted());
    }

    /** Requirements that failed on at least one server. */
    public List<RequirementTally> failedRequirements() {
        return requirements.stream().filter(t -> t.count(Status.FAIL) > 0).toList();
    }
}
