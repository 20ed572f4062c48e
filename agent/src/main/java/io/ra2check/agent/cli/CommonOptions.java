package io.ra2check.agent.cli;

import io.ra2check.agent.Version;
import io.ra2check.agent.config.CheckConfig;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.host.HostRoots;
import io.ra2check.report.RequirementCatalog;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Options every command that reads a host shares. */
final class CommonOptions {
    @Option(names = "--root", paramLabel = "DIR|SNAPSHOT",
            description = "Host root to check: / (default), a directory holding a host's files, or a snapshot "
                    + "archive (.tar.gz).")
    String root;

    @Option(names = "--mounted", description = "The --root directory is a live host's root mounted here (as /host in "
            + "the DaemonSet): statvfs and kernel calls describe that host.")
    boolean mounted;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration: profile, conditions, ignores and "
            + "threshold overrides (YAML).")
    Path config;

    @Option(names = "--kubelet-config", paramLabel = "FILE", description = "Judge this kubelet configuration file "
            + "instead of the host's (for checks before kubeadm join).")
    Path kubeletConfig;

    HostRoot openRoot() {
        try {
            return HostRoots.open(root, mounted, null, Version.get());
        } catch (HostRoots.UnusableRootException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    CheckConfig loadConfig(RequirementCatalog catalog) {
        if (kubeletConfig != null && !Files.isRegularFile(kubeletConfig)) {
            throw new Main.UsageError("--kubelet-config " + kubeletConfig + ": not a readable file");
        }
        if (config == null) {
            return CheckConfig.empty();
        }
        try {
            return CheckConfig.load(config, catalog);
        } catch (CheckConfig.ConfigException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }
}
