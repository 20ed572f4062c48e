package io.ra2check.agent.accept;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One server of a delivery as it was handed in: a snapshot archive or a captured host tree.
 *
 * @param label       how the user named it (the argument, or its path under {@code --dir}): shown in every report
 * @param location    the host root to open (for the shared-hosts layout {@code <case>/rootfs}, the rootfs)
 * @param defaultName the server's name when its host name was not captured: the file name without its archive
 *                    extension, or the directory's (the case's) name
 */
public record ServerSource(String label, Path location, String defaultName) {
    public ServerSource {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(defaultName, "defaultName");
    }
}
