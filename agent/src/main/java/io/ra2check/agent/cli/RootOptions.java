package io.ra2check.agent.cli;

import io.ra2check.agent.Version;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.host.HostRoots;
import picocli.CommandLine.Option;

/** Which host a command reads: the options of check, facts and agent. */
final class RootOptions {
    @Option(names = "--root", paramLabel = "DIR|SNAPSHOT",
            description = "Host root to check: / (default), a directory laid out like / (or a folder holding "
                    + "one as rootfs/), or a snapshot archive (.tar.gz).")
    String root;

    @Option(names = "--mounted", description = "The --root directory is a live host's root mounted here (as /host in "
            + "the DaemonSet): statvfs and kernel calls describe that host.")
    boolean mounted;

    /** The root, or a one-line usage error when it cannot be used. */
    HostRoot open() {
        try {
            return HostRoots.openForCheck(root, mounted, Version.get());
        } catch (HostRoots.UnusableRootException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    String location() {
        return root == null ? "/" : root;
    }
}
