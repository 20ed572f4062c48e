package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;

import java.util.List;

/**
 * An add-on shown by its API group in discovery and by objects of one of its kinds: the group absent means the add-on
 * is not installed (FAIL); present without objects, installed but not set up (FAIL with what is missing); with
 * objects, PASS.
 */
final class AddOn {
    private AddOn() {
    }

    static Finding judge(ClusterView c, String expected, String addOn, String groupPrefix, List<String> kinds,
                         String notSetUp) {
        if (!c.served().complete()) {
            return Finding.unknown(expected, "API discovery could not be read: " + c.served().unknownReason(),
                    List.of());
        }
        List<String> versions = c.served().items().stream().filter(gv -> gv.startsWith(groupPrefix + "/")).toList();
        if (versions.isEmpty()) {
            return Finding.fail(expected, addOn + " is not installed: discovery lists no " + groupPrefix + " API",
                    List.of(Evidence.of("API discovery " + groupPrefix, "(not served)")));
        }
        StringBuilder objects = new StringBuilder();
        for (String kind : kinds) {
            ClusterView.Listing<String> l = c.custom(kind);
            if (!l.complete()) {
                return Finding.unknown(expected, l.unknownReason(), List.of(Evidence.of("API discovery "
                        + groupPrefix, String.join(", ", versions))));
            }
            if (!l.items().isEmpty()) {
                objects.append(objects.length() > 0 ? "; " : "").append(kind).append(": ")
                        .append(String.join(", ", l.items()));
            }
        }
        List<Evidence> evidence = List.of(Evidence.of("API discovery " + groupPrefix, String.join(", ", versions)),
                Evidence.of(String.join("/", kinds), objects.length() == 0 ? "(none)" : objects.toString()));
        if (objects.length() == 0) {
            return Finding.fail(expected, addOn + " is installed but " + notSetUp, evidence);
        }
        return Finding.pass(expected, addOn + ": " + objects, evidence);
    }
}
