package io.ra2check.agent.cli;

import io.ra2check.agent.NodeScan;
import io.ra2check.agent.config.CheckConfig;
import io.ra2check.agent.probe.KubeletConfigFile;
import io.ra2check.agent.probe.KubeletProbe;
import io.ra2check.report.Profile;
import io.ra2check.report.RequirementCatalog;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How hosts are judged: profile, configuration, kubelet config and ignores, shared by check, agent and accept.
 * Everything is validated before any host is read, so a mistake costs a one-line error, not a wasted scan.
 */
final class JudgementOptions {
    @Option(names = "--profile", paramLabel = "PROFILE", description = "basic or network-intensive (default: the "
            + "config's, else basic).")
    String profile;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration: profile, conditions, ignores and "
            + "threshold overrides (YAML).")
    Path config;

    @Option(names = "--kubelet-config", paramLabel = "FILE", description = "Judge this kubelet configuration file "
            + "instead of the host's (for checks before kubeadm join).")
    Path kubeletConfig;

    @Option(names = "--ignore", paramLabel = "ID", split = ",", description = "Requirement IDs to report as SKIP "
            + "(ignored by operator).")
    List<String> ignore = List.of();

    /** What the options describe, validated. */
    record Judgement(RequirementCatalog catalog, CheckConfig config, Profile profile, NodeScan scan) {
    }

    Judgement resolve(RequirementCatalog catalog, Clock clock) {
        if (kubeletConfig != null && !Files.isRegularFile(kubeletConfig)) {
            throw new Main.UsageError("--kubelet-config " + kubeletConfig + ": not a readable file");
        }
        if (kubeletConfig != null) {
            try {
                KubeletProbe.readOperatorFile(kubeletConfig);
            } catch (KubeletConfigFile.InvalidKubeletConfig e) {
                throw new Main.UsageError("--kubelet-config " + e.getMessage());
            }
        }
        CheckConfig cfg = loadConfig(config, catalog);
        Set<String> ids = new LinkedHashSet<>();
        for (String id : ignore) {
            String t = id.trim();
            if (catalog.find(t).isEmpty()) {
                throw new Main.UsageError("--ignore: unknown requirement '" + t + "'");
            }
            ids.add(t);
        }
        Profile p = profile != null ? parseProfile(profile) : cfg.profile() != null ? cfg.profile() : Profile.BASIC;
        return new Judgement(catalog, cfg, p, NodeScan.configured(catalog, cfg, ids, kubeletConfig, clock));
    }

    /** The {@code --config} file, or the empty config without one; a bad file is a usage error. */
    static CheckConfig loadConfig(Path config, RequirementCatalog catalog) {
        if (config == null) {
            return CheckConfig.empty();
        }
        try {
            return CheckConfig.load(config, catalog);
        } catch (CheckConfig.ConfigException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    static Profile parseProfile(String s) {
        try {
            return Profile.fromWire(s);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--profile: " + e.getMessage());
        }
    }
}
