package io.ra2check.collector.testing;

import io.ra2check.report.Evidence;
import io.ra2check.report.Inventory;
import io.ra2check.report.Level;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.ReportJson;
import io.ra2check.report.Requirement;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Verdict;
import io.ra2check.report.Verdicts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Agent reports for tests, shaped like the agent's: every catalog requirement, cluster-scope ones as MANUAL. */
public final class TestReports {
    public static final RequirementCatalog CATALOG = RequirementCatalog.builtIn();
    private static final ReportJson JSON = new ReportJson();

    private TestReports() {
    }

    /** A builder starting from "every node-scope requirement passes". */
    public static Builder report(String node) {
        return new Builder(node);
    }

    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    public static final class Builder {
        private final String node;
        private Profile profile = Profile.NETWORK_INTENSIVE;
        private final Map<String, Outcome> outcomes = new HashMap<>();
        private final Map<String, Boolean> ignored = new HashMap<>();
        private Map<String, String> fingerprint = new LinkedHashMap<>(Map.of(
                "os", "debian 12", "kernel", "6.1.0-18-amd64", "kubelet-config", "sha256:0a1b2c"));
        private Instant generatedAt = Instant.parse("2026-11-21T10:00:00Z");
        private String toolVersion = "0.1.0";
        // each report built is newer than the last, as an agent's are: the collector refuses an older one
        private NodeReport.Origin origin = new NodeReport.Origin("test-run", SEQUENCE.incrementAndGet());
        private Inventory inventory = Inventory.empty();

        private Builder(String node) {
            this.node = node;
        }

        public Builder profile(Profile p) {
            profile = p;
            return this;
        }

        public Builder outcome(String id, Outcome o) {
            outcomes.put(id, o);
            return this;
        }

        public Builder ignore(String id) {
            ignored.put(id, true);
            return this;
        }

        /** Every requirement the agent decides fails. */
        public Builder failEverything() {
            for (Requirement r : CATALOG.perNode()) {
                if (r.scope() == Requirement.Scope.NODE) {
                    outcomes.put(r.id(), Outcome.FAIL);
                }
            }
            return this;
        }

        public Builder fingerprint(String key, String value) {
            fingerprint.put(key, value);
            return this;
        }

        public Builder noFingerprint() {
            fingerprint = new LinkedHashMap<>();
            return this;
        }

        public Builder generatedAt(Instant t) {
            generatedAt = t;
            return this;
        }

        /** The agent run and sequence; null for a report without an origin (ordered by generatedAt alone). */
        public Builder origin(NodeReport.Origin o) {
            origin = o;
            return this;
        }

        public Builder inventory(Inventory i) {
            inventory = i;
            return this;
        }

        public Builder toolVersion(String v) {
            toolVersion = v;
            return this;
        }

        public NodeReport build() {
            List<Verdict> verdicts = new ArrayList<>();
            for (Requirement r : CATALOG.perNode()) {
                Map<Profile, Level> levels = new EnumMap<>(r.levels());
                String condition = null;
                Outcome o;
                String reason = null;
                if (r.condition() != null) {
                    // conditions not declared: reported, required by no profile
                    levels.put(Profile.BASIC, Level.NONE);
                    levels.put(Profile.NETWORK_INTENSIVE, Level.NONE);
                    condition = "applies when " + r.condition() + " is used";
                }
                switch (r.scope()) {
                    case CLUSTER -> {
                        o = Outcome.MANUAL;
                        reason = "decided by the collector";
                    }
                    case MANUAL -> {
                        o = Outcome.MANUAL;
                        reason = "needs a person";
                    }
                    default -> o = outcomes.getOrDefault(r.id(), Outcome.PASS);
                }
                if (r.scope() == Requirement.Scope.NODE && outcomes.containsKey(r.id())) {
                    o = outcomes.get(r.id());
                }
                if (o == Outcome.UNKNOWN || o == Outcome.NOT_APPLICABLE) {
                    reason = "test: " + o;
                }
                boolean ign = ignored.getOrDefault(r.id(), false);
                Level level = levels.get(profile);
                verdicts.add(new Verdict(r.id(), r.title(), o, Verdicts.status(o, level, ign), levels, condition,
                        "expected of " + r.id(), "actual of " + r.id(),
                        Verdicts.reason(o, level, ign, reason, condition, profile),
                        List.of(new Evidence("/sys/test/" + r.id(), "1")),
                        o == Outcome.FAIL ? r.remediation() : null, ign, Verdict.BY_AGENT));
            }
            return new NodeReport(new NodeReport.Tool("ra2check", toolVersion), node, generatedAt, 1234.5,
                    new NodeReport.Root("/host", "mounted"), profile, inventory, fingerprint, verdicts, origin);
        }

        public byte[] json() {
            return JSON.write(build()).getBytes(StandardCharsets.UTF_8);
        }
    }
}
