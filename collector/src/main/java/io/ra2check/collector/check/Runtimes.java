package io.ra2check.collector.check;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the container runtime checks (ra2.crt.001, ra2.crt.002) know about runtimes and kubelet releases. */
final class Runtimes {
    /** Container runtimes known not to implement the OCI runtime specification, with the reason. */
    static final Map<String, String> NON_OCI = Map.of(
            "rkt", "rkt runs App Container (appc) pods, not OCI runtime bundles");
    /** The kubelet release that removed dockershim: from it on, the kubelet reaches every runtime through the CRI. */
    static final KubeVersion CRI_ONLY_SINCE = new KubeVersion(1, 24);

    private Runtimes() {
    }

    /** The runtime name of a {@code containerRuntimeVersion} ({@code containerd://1.7.2} gives containerd). */
    static Optional<String> name(String runtimeVersion) {
        int i = runtimeVersion.indexOf("://");
        if (i <= 0) {
            return Optional.empty();
        }
        return Optional.of(runtimeVersion.substring(0, i).toLowerCase(Locale.ROOT));
    }

    static boolean atLeast(KubeVersion v, KubeVersion min) {
        return v.major() > min.major() || (v.major() == min.major() && v.minor() >= min.minor());
    }
}
