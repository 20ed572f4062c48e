package io.ra2check.agent;

import io.ra2check.agent.check.CheckOptions;
import io.ra2check.agent.check.NodeChecker;
import io.ra2check.agent.config.CheckConfig;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.probe.HostProbe;
import io.ra2check.agent.report.ReportBuilder;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Profile;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Verdict;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One check of one host, the same code path for {@code check}, {@code agent} and {@code accept}: probes -> facts ->
 * checks -> verdicts -> report.
 */
public final class NodeScan {
    private final RequirementCatalog catalog;
    private final CheckOptions options;
    private final Path kubeletConfig;
    private final String toolVersion;
    private final Clock clock;

    /**
     * @param catalog       the requirement catalog with the operator's thresholds applied
     * @param kubeletConfig a kubelet config on this machine to judge instead of the host's (or null)
     */
    public NodeScan(RequirementCatalog catalog, CheckOptions options, Path kubeletConfig, String toolVersion,
                    Clock clock) {
        this.catalog = catalog;
        this.options = options;
        this.kubeletConfig = kubeletConfig;
        this.toolVersion = toolVersion;
        this.clock = clock;
    }

    /** The catalog and options a configuration file and --ignore describe. */
    public static NodeScan configured(RequirementCatalog builtIn, CheckConfig config, Set<String> extraIgnores,
                                      Path kubeletConfig, Clock clock) {
        RequirementCatalog catalog = builtIn.withThresholds(config.thresholds());
        Set<String> ignored = new HashSet<>(config.ignore());
        ignored.addAll(extraIgnores);
        return new NodeScan(catalog, new CheckOptions(config.conditions(), ignored), kubeletConfig, Version.get(),
                clock);
    }

    public RequirementCatalog catalog() {
        return catalog;
    }

    /** The facts a scan of {@code root} reads. */
    public HostFacts facts(HostRoot root) {
        List<String> storage = catalog.get("ra2.ch.010").stringListThreshold("runtimeStoragePaths");
        return new HostProbe(storage, kubeletConfig).probe(root);
    }

    /** Probes, checks and reports one host. */
    public Result scan(HostRoot root, Profile profile, String nodeName) {
        long t0 = System.nanoTime();
        java.time.Instant at = clock.instant();
        HostFacts facts = facts(root);
        List<Verdict> verdicts = new NodeChecker(catalog, options).judge(facts, profile);
        double ms = (System.nanoTime() - t0) / 1e6;
        String node = nodeName != null ? nodeName
                : facts.os().hostname().known() ? facts.os().hostname().get().toLowerCase(Locale.ROOT) : "unknown";
        NodeReport report = ReportBuilder.build(toolVersion, node, at, ms, facts, profile, verdicts);
        return new Result(facts, report);
    }

    public record Result(HostFacts facts, NodeReport report) {
    }
}
