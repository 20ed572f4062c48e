package io.ra2check.agent.check;

import io.ra2check.report.Finding;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.report.Level;
import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;
import io.ra2check.report.RequirementCatalog;
import io.ra2check.report.Verdict;
import io.ra2check.report.Verdicts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Facts -> verdicts: runs each requirement's check and applies levels, conditions and the operator's ignores. */
public final class NodeChecker {
    private static final Map<String, String> CONDITIONS = Map.of(
            "afxdp", "applies only if AF_XDP is used (declare conditions: {afxdp: true} in --config)",
            "realtime", "applies only to real-time (rt-tsn) nodes (declare conditions: {realtime: true} in --config)");

    private final RequirementCatalog catalog;
    private final CheckOptions options;
    private final Map<String, Check> checks = new LinkedHashMap<>();

    public NodeChecker(RequirementCatalog catalog, CheckOptions options) {
        this.catalog = catalog;
        this.options = options;
        for (Check c : allChecks()) {
            checks.put(c.id(), c);
        }
        for (Requirement r : catalog.all()) {
            if (r.scope() == Requirement.Scope.NODE && !checks.containsKey(r.id())) {
                throw new IllegalStateException(r.id() + " is a node requirement without a check");
            }
        }
    }

    /** Every node-scope check. */
    public static List<Check> allChecks() {
        List<Check> all = new ArrayList<>(List.of(new HugepagesCheck(), new SriovCapableNicCheck(),
                new SriovVirtualFunctionsCheck(), new SmtCheck(), new VmCpuAllocationCheck(),
                new DualStackAddressCheck(), new CpuQuantityCheck(), new SsdCheck(), new FilesystemCapacityCheck(),
                new VcpuQuantityCheck(), new MemoryQuantityCheck(), new NicPortCountCheck(),
                new NicSpeedCheck("ra2.ch.014"), new NicSpeedCheck("ra2.ch.015"), new PcieSlotCheck(),
                new AfXdpZeroCopyCheck(), new RealtimeKernelCheck(), new LinuxDistributionCheck(),
                new KernelVersionCheck(), new WindowsWorkerCheck()));
        all.addAll(KubeletChecks.all());
        return all;
    }

    /** Names of the conditions requirements can depend on. */
    public static java.util.Set<String> conditionNames() {
        return CONDITIONS.keySet();
    }

    public List<Verdict> judge(HostFacts facts, Profile profile) {
        List<Verdict> out = new ArrayList<>();
        for (Requirement r : catalog.perNode()) {
            out.add(verdict(r, finding(r, facts), profile));
        }
        return out;
    }

    private Finding finding(Requirement r, HostFacts facts) {
        return switch (r.scope()) {
            case NODE -> {
                try {
                    yield checks.get(r.id()).evaluate(facts, r);
                } catch (RuntimeException e) {
                    // a check bug must not take the other verdicts down, nor pass for a finding
                    yield Finding.unknown(r.title(), "internal error in the check: " + e, List.of());
                }
            }
            case CLUSTER -> Finding.manual(r.title(), "not judged here", "needs the cluster's view: decided by the "
                    + "ra2check collector when the node reports to it", List.of());
            case MANUAL -> Finding.manual(r.title(), "not machine-checkable", "no inspection of a node can prove this:"
                    + " a person must confirm it", List.of());
        };
    }

    private Verdict verdict(Requirement r, Finding f, Profile profile) {
        Map<Profile, Level> levels = new EnumMap<>(Profile.class);
        String condition = null;
        boolean conditionDeclared = r.condition() == null || options.conditions().contains(r.condition());
        for (Profile p : Profile.values()) {
            levels.put(p, conditionDeclared ? r.level(p) : Level.NONE);
        }
        if (!conditionDeclared) {
            condition = CONDITIONS.getOrDefault(r.condition(), "applies only if " + r.condition());
        }
        boolean ignored = options.ignored().contains(r.id());
        return Verdicts.of(r, f, levels, condition, ignored, profile, Verdict.BY_AGENT);
    }
}
