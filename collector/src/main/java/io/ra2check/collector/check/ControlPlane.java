package io.ra2check.collector.check;

/** The control plane's Kubernetes release ({@code /version} gitVersion), or why it is not known. */
public record ControlPlane(String version, String unknownReason) {
    public ControlPlane {
        if ((version == null) == (unknownReason == null)) {
            throw new IllegalArgumentException("exactly one of version and unknownReason");
        }
    }

    public static ControlPlane of(String version) {
        return new ControlPlane(version, null);
    }

    public static ControlPlane unknown(String reason) {
        return new ControlPlane(null, reason);
    }
}
