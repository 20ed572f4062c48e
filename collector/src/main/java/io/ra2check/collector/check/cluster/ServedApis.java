package io.ra2check.collector.check.cluster;

import io.ra2check.report.Evidence;
import io.ra2check.report.Finding;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Alpha and beta versions of built-in APIs that API discovery lists as served (ra2.k8s.012 second spec, k8s.019). */
final class ServedApis {
    private ServedApis() {
    }

    static Finding beyondAllowed(ClusterView c, String stage, List<String> builtInGroups, List<String> allowed) {
        String expected = "no " + stage + " version of a built-in API served" + (allowed.isEmpty() ? ""
                : " except " + String.join(", ", allowed));
        Set<String> served = c.servedSet();
        if (served == null) {
            return Finding.unknown(expected, "API discovery could not be read: " + c.served().unknownReason(),
                    List.of());
        }
        Pattern version = Pattern.compile("v[0-9]+" + stage + "[0-9]+");
        Set<String> found = new TreeSet<>();
        for (String gv : served) {
            int slash = gv.lastIndexOf('/');
            String group = slash < 0 ? "" : gv.substring(0, slash);
            String v = slash < 0 ? gv : gv.substring(slash + 1);
            if (version.matcher(v).matches() && builtInGroups.contains(group.isEmpty() ? "core" : group)
                    && !allowed.contains(gv)) {
                found.add(gv);
            }
        }
        List<Evidence> evidence = List.of(Evidence.of("API discovery: group/versions served", served.size()),
                Evidence.of("built-in " + stage + " versions served", found.isEmpty() ? "(none)"
                        : String.join(", ", found)));
        return found.isEmpty() ? Finding.pass(expected, "no " + stage + " built-in API served", evidence)
                : Finding.fail(expected, stage + " APIs served: " + String.join(", ", found), evidence);
    }
}
