package io.ra2check.agent.probe;

import io.ra2check.agent.facts.CpuFacts;
import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.facts.Hypervisors;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.report.Evidence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.ra2check.agent.probe.ProbeSupport.line;

/** Sockets, cores, threads, SMT, NUMA and virtualization from /proc/cpuinfo and /sys/devices/system/{cpu,node}. */
public final class CpuProbe {
    static final String CPUINFO = "/proc/cpuinfo";
    static final String CPU_DIR = "/sys/devices/system/cpu";
    static final String NODE_DIR = "/sys/devices/system/node";

    public CpuFacts probe(HostRoot root) {
        HostFs fs = root.fs();
        Fact<Cpuinfo> cpuinfo = readCpuinfo(fs);
        Fact<String> arch = architecture(fs, cpuinfo);
        Fact<String> model = cpuinfo.map(Cpuinfo::modelName, "/proc/cpuinfo has no model name");
        Fact<Boolean> ht = cpuinfo.map(c -> c.flags().isEmpty() ? null : c.flags().contains("ht"),
                "/proc/cpuinfo has no flags");
        Fact<CpuFacts.CpuLists> lists = cpuLists(fs, cpuinfo);
        Fact<CpuFacts.Topology> topology = topology(fs, lists);
        Fact<CpuFacts.Smt> smt = smt(fs, topology);
        Fact<Boolean> pdpe1gb = cpuinfo.map(c -> c.flags().isEmpty() || !"x86_64".equals(c.architecture()) ? null
                : c.flags().contains("pdpe1gb"), "/proc/cpuinfo has no x86 flags");
        return new CpuFacts(arch, model, topology, smt, lists, numaNodes(fs), virtualization(fs, cpuinfo), ht,
                pdpe1gb);
    }

    // ---------------------------------------------------------------------------------------------------- cpuinfo

    /** What /proc/cpuinfo says about the first processor, and the architecture its shape reveals. */
    /** @param processorIds the "processor" numbers, which are the online CPUs (s390x's one-block form has none) */
    record Cpuinfo(String modelName, Set<String> flags, String architecture, int processors,
                   List<Integer> processorIds) {
    }

    private static Fact<Cpuinfo> readCpuinfo(HostFs fs) {
        try {
            String text = fs.readString(CPUINFO);
            Cpuinfo c = parseCpuinfo(text);
            return Fact.of(c, new Evidence(CPUINFO, c.processors() + " processors, model " + c.modelName()));
        } catch (IOException e) {
            return Fact.unknown(Fs.describe(CPUINFO, e));
        }
    }

    static Cpuinfo parseCpuinfo(String text) {
        String model = null;
        Set<String> flags = new LinkedHashSet<>();
        Map<String, String> first = new HashMap<>();
        int processors = 0;
        List<Integer> ids = new ArrayList<>();
        boolean inFirst = true;
        for (String raw : text.split("\n")) {
            int colon = raw.indexOf(':');
            if (raw.isBlank()) {
                if (processors > 0) {
                    inFirst = false;
                }
                continue;
            }
            if (colon < 0) {
                continue;
            }
            String key = raw.substring(0, colon).trim();
            String value = raw.substring(colon + 1).trim();
            if (key.equals("processor")) {
                processors++;
                try {
                    int id = Integer.parseInt(value);
                    // a bound: no kernel numbers CPUs beyond NR_CPUS (8192 on distribution kernels)
                    if (id >= 0 && id < 65536 && ids.size() < 65536) {
                        ids.add(id);
                    }
                } catch (NumberFormatException e) {
                    // s390x writes "processor 0: version = ..." lines: no id to take
                }
            }
            if (inFirst) {
                first.putIfAbsent(key, value);
            }
        }
        model = first.get("model name");
        if (model == null) {
            model = first.get("cpu model");
        }
        if (model == null && first.containsKey("cpu") && !first.get("cpu").isEmpty()) {
            model = first.get("cpu");
        }
        String f = first.containsKey("flags") ? first.get("flags") : first.get("Features");
        if (f != null) {
            for (String flag : f.split("\\s+")) {
                if (!flag.isEmpty()) {
                    flags.add(flag);
                }
            }
        }
        String arch;
        if (first.containsKey("vendor_id") && first.get("vendor_id").startsWith("IBM/S390")) {
            arch = "s390x";
        } else if (first.containsKey("vendor_id") || first.containsKey("flags")) {
            arch = flags.contains("lm") ? "x86_64" : "i686";
        } else if (first.containsKey("CPU implementer")) {
            arch = "aarch64";
        } else if (first.containsKey("cpu") && first.get("cpu").toUpperCase(Locale.ROOT).startsWith("POWER")) {
            arch = "ppc64le";
        } else if (first.containsKey("isa") && first.get("isa").startsWith("rv64")) {
            arch = "riscv64";
        } else {
            arch = null;
        }
        return new Cpuinfo(model, Set.copyOf(flags), arch, processors,
                ids.size() == processors ? List.copyOf(ids) : List.of());
    }

    private static Fact<String> architecture(HostFs fs, Fact<Cpuinfo> cpuinfo) {
        ProbeSupport.Line l = line(fs, "/proc/sys/kernel/arch");
        if (l.ok() && !l.text().isEmpty()) {
            return Fact.of(l.text(), l.evidence());
        }
        return cpuinfo.map(Cpuinfo::architecture, "/proc/cpuinfo does not reveal the architecture");
    }

    // ---------------------------------------------------------------------------------------------------- lists

    private static Fact<CpuFacts.CpuLists> cpuLists(HostFs fs, Fact<Cpuinfo> cpuinfo) {
        ProbeSupport.Line online = line(fs, CPU_DIR + "/online");
        ProbeSupport.Line offline = line(fs, CPU_DIR + "/offline");
        ProbeSupport.Line possible = line(fs, CPU_DIR + "/possible");
        ProbeSupport.Line present = line(fs, CPU_DIR + "/present");
        List<Evidence> ev = List.of(online.evidence(), offline.evidence(), possible.evidence(), present.evidence());
        if (!online.ok()) {
            // /proc/cpuinfo lists exactly the online CPUs: the same list, where the sysfs file was not captured
            if (cpuinfo.known() && !cpuinfo.get().processorIds().isEmpty()) {
                List<Integer> ids = new ArrayList<>(new java.util.TreeSet<>(cpuinfo.get().processorIds()));
                String list = CpuList.format(ids);
                List<Evidence> withCpuinfo = new ArrayList<>(ev);
                withCpuinfo.add(new Evidence(CPUINFO, "processors " + list + " (the online CPUs; "
                        + online.path() + " " + online.error() + ")"));
                return Fact.of(new CpuFacts.CpuLists(list, offline.text(), possible.text(), present.text(),
                        ids.size()), withCpuinfo);
            }
            return Fact.unknown(online.path() + ": " + online.error(), ev);
        }
        try {
            int count = CpuList.parse(online.text()).size();
            return Fact.of(new CpuFacts.CpuLists(online.text(), offline.text(), possible.text(), present.text(),
                    count), ev);
        } catch (IllegalArgumentException e) {
            return Fact.unknown(online.path() + ": " + e.getMessage(), ev);
        }
    }

    // ---------------------------------------------------------------------------------------------------- topology

    /** One CPU's place: its package and the set of CPUs that share its core. */
    record CpuPlace(int cpu, int packageId, String coreKey, int threadsInCore) {
    }

    private static Fact<CpuFacts.Topology> topology(HostFs fs, Fact<CpuFacts.CpuLists> lists) {
        List<Integer> cpus = new ArrayList<>();
        for (String name : ProbeSupport.listOrEmpty(fs, CPU_DIR)) {
            if (name.startsWith("cpu") && name.length() > 3 && name.chars().skip(3).allMatch(Character::isDigit)
                    && name.length() < 10) {
                cpus.add(Integer.parseInt(name.substring(3)));
            }
        }
        if (cpus.isEmpty()) {
            return Fact.unknown(CPU_DIR + ": no cpuN directories");
        }
        cpus.sort(null);
        Set<Integer> online = null;
        if (lists.known()) {
            online = new HashSet<>(CpuList.parse(lists.get().online()));
        }
        List<CpuPlace> places = new ArrayList<>();
        List<Integer> presentOffline = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int cpu : cpus) {
            String dir = CPU_DIR + "/cpu" + cpu;
            if (online != null && !online.contains(cpu)) {
                presentOffline.add(cpu);
                continue;
            }
            String topo = dir + "/topology";
            Integer pkg = ProbeSupport.intOrNull(line(fs, topo + "/physical_package_id"));
            ProbeSupport.Line siblings = line(fs, topo + "/thread_siblings_list");
            if (pkg == null) {
                if (online == null && !fs.exists(topo)) {
                    // without an online list, a CPU without topology is taken as offline
                    presentOffline.add(cpu);
                } else {
                    problems.add("cpu" + cpu + ": physical_package_id unreadable");
                }
                continue;
            }
            String coreKey;
            int threads;
            if (siblings.ok()) {
                try {
                    List<Integer> sib = CpuList.parse(siblings.text());
                    coreKey = CpuList.format(sib);
                    threads = sib.size();
                } catch (IllegalArgumentException e) {
                    problems.add(siblings.path() + ": " + e.getMessage());
                    continue;
                }
            } else {
                Integer core = ProbeSupport.intOrNull(line(fs, topo + "/core_id"));
                Integer die = ProbeSupport.intOrNull(line(fs, topo + "/die_id"));
                if (core == null) {
                    problems.add("cpu" + cpu + ": neither thread_siblings_list nor core_id readable");
                    continue;
                }
                coreKey = (die == null ? 0 : die) + "/" + core;
                threads = 0;
            }
            places.add(new CpuPlace(cpu, pkg, coreKey, threads));
        }
        if (!problems.isEmpty() || places.isEmpty()) {
            return Fact.unknown(problems.isEmpty() ? "no online CPU has a readable topology"
                    : String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
        }
        CpuFacts.Topology t = aggregate(places, presentOffline);
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence(CPU_DIR + "/cpu*/topology/physical_package_id",
                "packages " + t.coresBySocket().keySet() + " over " + t.logicalCpus() + " online CPUs"));
        ev.add(new Evidence(CPU_DIR + "/cpu*/topology/thread_siblings_list",
                t.coresBySocket() + " cores by package, up to " + t.threadsPerCore() + " threads per core"));
        if (!presentOffline.isEmpty()) {
            ev.add(new Evidence(CPU_DIR + "/online", "CPUs offline and not counted: " + CpuList.format(presentOffline)));
        }
        return Fact.of(t, ev);
    }

    /** Counts cores per package and threads per core from each online CPU's place. */
    static CpuFacts.Topology aggregate(List<CpuPlace> places, List<Integer> presentOffline) {
        Map<Integer, Set<String>> cores = new TreeMap<>();
        Map<String, Integer> threadsByCore = new HashMap<>();
        for (CpuPlace p : places) {
            cores.computeIfAbsent(p.packageId(), k -> new HashSet<>()).add(p.coreKey());
            // where thread_siblings_list was missing, count the CPUs seen on the core instead
            threadsByCore.merge(p.packageId() + "#" + p.coreKey(), 1, Integer::sum);
        }
        int threadsPerCore = 0;
        for (CpuPlace p : places) {
            int t = p.threadsInCore() > 0 ? p.threadsInCore() : threadsByCore.get(p.packageId() + "#" + p.coreKey());
            threadsPerCore = Math.max(threadsPerCore, t);
        }
        TreeMap<Integer, Integer> bySocket = new TreeMap<>();
        cores.forEach((pkg, set) -> bySocket.put(pkg, set.size()));
        return new CpuFacts.Topology(java.util.Collections.unmodifiableSortedMap(bySocket), threadsPerCore,
                places.size(), List.copyOf(presentOffline));
    }

    // ---------------------------------------------------------------------------------------------------- SMT

    private static Fact<CpuFacts.Smt> smt(HostFs fs, Fact<CpuFacts.Topology> topology) {
        ProbeSupport.Line active = line(fs, CPU_DIR + "/smt/active");
        ProbeSupport.Line control = line(fs, CPU_DIR + "/smt/control");
        if (active.ok() && (active.text().equals("0") || active.text().equals("1"))) {
            return Fact.of(new CpuFacts.Smt(active.text().equals("1"), control.ok() ? control.text() : null),
                    active.evidence(), control.evidence());
        }
        if (control.ok() && (control.text().equals("notsupported") || control.text().equals("forceoff")
                || control.text().equals("off"))) {
            return Fact.of(new CpuFacts.Smt(false, control.text()), control.evidence());
        }
        // kernels before 4.19 have no smt/ directory: several threads on one core means SMT is on
        if (topology.known()) {
            CpuFacts.Topology t = topology.get();
            List<Evidence> ev = new ArrayList<>(topology.evidence());
            ev.add(0, active.evidence());
            if (t.threadsPerCore() > 1) {
                return Fact.of(new CpuFacts.Smt(true, null), ev);
            }
            if (t.presentButOffline().isEmpty()) {
                return Fact.of(new CpuFacts.Smt(false, null), ev);
            }
            return Fact.unknown("no smt/active, and one thread per online core while CPUs "
                    + CpuList.format(t.presentButOffline()) + " are offline (their siblings may be)", ev);
        }
        return Fact.unknown(active.path() + ": " + (active.ok() ? "unexpected value '" + active.text() + "'"
                : active.error()) + ", and the CPU topology is unknown", active.evidence());
    }

    // ---------------------------------------------------------------------------------------------------- NUMA

    private static Fact<List<CpuFacts.NumaNode>> numaNodes(HostFs fs) {
        List<String> names;
        try {
            names = fs.list(NODE_DIR);
        } catch (IOException e) {
            return Fact.unknown(Fs.describe(NODE_DIR, e));
        }
        List<CpuFacts.NumaNode> nodes = new ArrayList<>();
        for (String n : names) {
            if (!n.startsWith("node") || n.length() == 4 || !n.chars().skip(4).allMatch(Character::isDigit)
                    || n.length() > 9) {
                continue;
            }
            String dir = NODE_DIR + "/" + n;
            ProbeSupport.Line list = line(fs, dir + "/cpulist");
            String cpus = null;
            try {
                if (list.ok()) {
                    cpus = CpuList.format(CpuList.parse(list.text()));
                } else {
                    ProbeSupport.Line map = line(fs, dir + "/cpumap");
                    if (map.ok()) {
                        cpus = CpuList.format(CpuList.parseMask(map.text()));
                    }
                }
            } catch (IllegalArgumentException e) {
                cpus = null;
            }
            nodes.add(new CpuFacts.NumaNode(Integer.parseInt(n.substring(4)), cpus));
        }
        nodes.sort(java.util.Comparator.comparingInt(CpuFacts.NumaNode::id));
        if (nodes.isEmpty()) {
            return Fact.unknown(NODE_DIR + ": no nodeN directories");
        }
        return Fact.of(List.copyOf(nodes), new Evidence(NODE_DIR, nodes.size() + " nodes: "
                + nodes.stream().map(x -> "node" + x.id() + "=" + x.cpus()).toList()));
    }

    // ---------------------------------------------------------------------------------------------------- VM

    /** DMI identity files that name a hypervisor in guests (systemd-detect-virt reads the same). */
    static final List<String> DMI_IDENTITY = List.of("sys_vendor", "product_name", "product_version", "board_vendor",
            "board_name", "bios_vendor");

    private static Fact<CpuFacts.Virtualization> virtualization(HostFs fs, Fact<Cpuinfo> cpuinfo) {
        ProbeSupport.Line xen = line(fs, "/sys/hypervisor/type");
        List<Evidence> ev = new ArrayList<>();
        Boolean flag = null;
        if (cpuinfo.known() && !cpuinfo.get().flags().isEmpty()) {
            flag = cpuinfo.get().flags().contains("hypervisor");
            ev.add(new Evidence(CPUINFO, "hypervisor flag " + (flag ? "set" : "not set")));
        }
        ev.add(xen.evidence());
        List<Hypervisors.Identity> identities = new ArrayList<>();
        for (String f : DMI_IDENTITY) {
            ProbeSupport.Line l = dmi(fs, f);
            if (l.ok() && !l.text().isEmpty()) {
                identities.add(new Hypervisors.Identity(l.path(), l.text()));
                ev.add(l.evidence());
            }
        }
        return decideVirtualization(flag, xen.ok() ? xen.text() : null, identities, ev);
    }

    /**
     * VM or bare metal from the cpuinfo hypervisor flag (null: not read), /sys/hypervisor/type (null: absent) and the
     * DMI identity strings: any one naming a hypervisor makes a VM; bare metal needs the flag read and unset with no
     * identity naming a hypervisor.
     */
    static Fact<CpuFacts.Virtualization> decideVirtualization(Boolean hypervisorFlag, String hypervisorType,
                                                               List<Hypervisors.Identity> identities,
                                                               List<Evidence> ev) {
        Hypervisors.Named named = Hypervisors.named(identities);
        if (named != null) {
            return Fact.of(new CpuFacts.Virtualization(true, named.hypervisor(), named.describe()), ev);
        }
        if (hypervisorType != null && !hypervisorType.isEmpty()) {
            return Fact.of(new CpuFacts.Virtualization(true, hypervisorName(hypervisorType),
                    "/sys/hypervisor/type '" + hypervisorType + "'"), ev);
        }
        if (hypervisorFlag == null) {
            return Fact.unknown("neither /proc/cpuinfo flags nor a known hypervisor identity could be read", ev);
        }
        return Fact.of(new CpuFacts.Virtualization(hypervisorFlag, null, hypervisorFlag
                ? "cpuinfo hypervisor flag set" : "cpuinfo hypervisor flag not set"
                + (identities.isEmpty() ? "" : " and no DMI identity names a hypervisor")), ev);
    }

    private static ProbeSupport.Line dmi(HostFs fs, String name) {
        ProbeSupport.Line l = line(fs, "/sys/class/dmi/id/" + name);
        return l.ok() ? l : line(fs, "/sys/devices/virtual/dmi/id/" + name);
    }

    private static String hypervisorName(String xenType) {
        return xenType.equalsIgnoreCase("xen") ? "Xen" : xenType;
    }
}
