package io.ra2check.collector.publish;

import java.util.Locale;

/**
 * Which policy-report API the collector writes each node's report to: {@code auto} picks OpenReports' ClusterReport
 * when its CRD is installed, else wgpolicyk8s' ClusterPolicyReport when that CRD is, else nothing.
 */
public enum PublishMode {
    AUTO, OPENREPORTS, WGPOLICY, NONE;

    public static PublishMode parse(String s) {
        return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "openreports" -> OPENREPORTS;
            case "wgpolicy" -> WGPOLICY;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("unknown report API '" + s
                    + "' (expected auto, openreports, wgpolicy or none)");
        };
    }
}
