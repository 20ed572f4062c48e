package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.facts.OsFacts;
import io.ra2check.report.Requirement;

import java.util.ArrayList;
import java.util.List;

/** ra2.os.001: a deb- or rpm-based Linux distribution (os-release ID or ID_LIKE). */
public final class LinuxDistributionCheck implements Check {
    @Override
    public String id() {
        return "ra2.os.001";
    }

    @Override
    public Finding evaluate(HostFacts facts, Requirement req) {
        List<String> deb = req.stringListThreshold("debFamilies");
        List<String> rpm = req.stringListThreshold("rpmFamilies");
        String expected = "a deb- or rpm-based Linux distribution";
        var release = facts.os().osRelease();
        Evidences ev = new Evidences().add(release);
        if (!release.known()) {
            return Finding.unknown(expected, release.unknownReason(), ev.list());
        }
        OsFacts.OsRelease r = release.get();
        List<String> ids = new ArrayList<>();
        ids.add(r.id());
        ids.addAll(r.idLike());
        String family = ids.stream().filter(deb::contains).findFirst().map(x -> "deb-based (" + x + ")")
                .orElse(ids.stream().filter(rpm::contains).findFirst().map(x -> "rpm-based (" + x + ")").orElse(null));
        return Finding.of(family != null, expected, r.describe() + (family == null
                ? ": neither deb- nor rpm-based (ID " + ids + ")" : ", " + family), ev.list());
    }
}
