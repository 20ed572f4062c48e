package io.ra2check.agent.accept;

import io.ra2check.agent.host.ArchiveMember;
import io.ra2check.agent.snapshot.ArchiveWriter;
import io.ra2check.agent.testing.HostTree;
import io.ra2check.agent.testing.SmbiosBuilder;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Deliveries of servers for acceptance tests and the benchmark: {@link HostTree} fixture hosts varied the way real
 * deliveries vary (another CPU model, fewer larger DIMMs, another BIOS, a server that fails, a damaged snapshot, an
 * ARM host), written as snapshot archives (.tar.gz of the tree with its snapshot manifest, as {@code ra2check
 * snapshot} writes them) or left as trees.
 *
 * <p>{@code main(dir, count)} writes a delivery of {@code count} snapshots for {@code bench/accept-bench.sh}.
 */
public final class FleetFixtures {
    public static final String GOLD_6230N = "Intel(R) Xeon(R) Gold 6230N CPU @ 2.30GHz";
    public static final String GOLD_6252N = "Intel(R) Xeon(R) Gold 6252N CPU @ 2.30GHz";

    private FleetFixtures() {
    }

    /**
     * A compliant server (both profiles) as the delivery's majority has it: 2 x Gold 6230N, 8 x 8 GiB, BIOS 1.2.3.
     */
    public static HostTree server(Path dir, String hostname, String serial) {
        HostTree t = HostTree.compliant(dir);
        t.smbios(smbios("1.2.3", serial, GOLD_6230N, 8, 8192));
        return hostname(t, hostname);
    }

    public static HostTree hostname(HostTree t, String hostname) {
        return t.write("/proc/sys/kernel/hostname", hostname + "\n");
    }

    /** Still compliant, but with other processors (in /proc/cpuinfo and SMBIOS). */
    public static HostTree otherCpu(HostTree t, String serial) {
        try {
            Path cpuinfo = t.root().resolve("proc/cpuinfo");
            Files.writeString(cpuinfo, Files.readString(cpuinfo).replace(GOLD_6230N, GOLD_6252N));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return t.smbios(smbios("1.2.3", serial, GOLD_6252N, 8, 8192));
    }

    /** Still compliant (the same 64 GiB), but in four 16 GiB DIMMs instead of eight 8 GiB ones. */
    public static HostTree fewerDimms(HostTree t, String serial) {
        return t.smbios(smbios("1.2.3", serial, GOLD_6230N, 4, 16384));
    }

    /** Fails ra2.ch.008 (one socket of 20 cores, in the kernel topology and in SMBIOS). */
    public static HostTree oneSocket(HostTree t, String serial) {
        t.cpus(1, 20, 2, false);
        SmbiosBuilder b = new SmbiosBuilder().bios("Acme BIOS", "1.2.3", false).system("Acme", "Telco-2U", serial)
                .processor("CPU1", true, 20, 40, GOLD_6230N).processor("CPU2", false, 0, 0, null);
        slotsAndDimms(b, 8, 8192);
        return t.smbios(b.end());
    }

    /** An ARM host: /proc/cpuinfo in the arm64 kernel's format (no vendor_id or flags; CPU implementer). */
    public static HostTree arm(HostTree t) {
        StringBuilder cpuinfo = new StringBuilder();
        for (int cpu = 0; cpu < 80; cpu++) {
            cpuinfo.append("processor\t: ").append(cpu).append("\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm ")
                    .append("aes pmull sha1 sha2 crc32 atomics\nCPU implementer\t: 0x41\nCPU architecture: 8\n")
                    .append("CPU variant\t: 0x3\nCPU part\t: 0xd0c\nCPU revision\t: 1\n\n");
        }
        return t.write("/proc/cpuinfo", cpuinfo.toString());
    }

    /** The fixture's SMBIOS table with the given BIOS version, serial, processors and DIMMs (of 16 slots). */
    public static SmbiosBuilder smbios(String biosVersion, String serial, String cpuModel, int dimms, int dimmMiB) {
        SmbiosBuilder b = new SmbiosBuilder().bios("Acme BIOS", biosVersion, false).system("Acme", "Telco-2U", serial)
                .processor("CPU1", true, 20, 40, cpuModel).processor("CPU2", true, 20, 40, cpuModel);
        slotsAndDimms(b, dimms, dimmMiB);
        return b.end();
    }

    private static void slotsAndDimms(SmbiosBuilder b, int dimms, int dimmMiB) {
        for (int i = 1; i <= 8; i++) {
            b.slot("PCIe Slot " + i, 0xB6, 0x0B, i <= 4 ? 0x04 : 0x03, 0x10 + i);
        }
        b.memoryArray(16);
        for (int i = 0; i < 16; i++) {
            b.memoryDevice("DIMM" + i, i < dimms ? dimmMiB : 0);
        }
    }

    // ------------------------------------------------------------------------------------------------ archives

    /** The tree as a snapshot archive (every file, directory and link, manifest first). */
    public static Path archive(HostTree tree, Path out) {
        return archive(tree.root(), out, Map.of());
    }

    /**
     * The tree under {@code root} as a .tar.gz, with some files' contents replaced (host paths such as
     * {@code /proc/sys/kernel/hostname}): many servers from one tree, without writing the tree again.
     */
    public static Path archive(Path root, Path out, Map<String, byte[]> replaced) {
        return writeArchive(entries(root, replaced), out);
    }

    /** The tree's entries, manifest first, in path order. */
    public static List<ArchiveMember> entries(Path root, Map<String, byte[]> replaced) {
        List<ArchiveMember> entries = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    entries.add(ArchiveMember.symlink(rel, Files.readSymbolicLink(p).toString()));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(ArchiveMember.directory(rel));
                } else {
                    byte[] content = replaced.getOrDefault("/" + rel, null);
                    ArchiveMember e = ArchiveMember.file(rel, content != null ? content : Files.readAllBytes(p));
                    if (rel.equals("ra2check-snapshot.json")) {
                        entries.add(0, e);
                    } else {
                        entries.add(e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    public static Path writeArchive(List<ArchiveMember> entries, Path out) {
        try (OutputStream o = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16))) {
            ArchiveWriter.write(entries, o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A snapshot cut short, as an interrupted copy leaves it. */
    public static Path truncated(Path archive, Path out) {
        try {
            byte[] b = Files.readAllBytes(archive);
            return Files.write(out, Arrays.copyOf(b, b.length / 2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A snapshot archive of a FreeBSD host: no /proc, no /sys, only what a BSD has. */
    public static Path freebsd(Path out) {
        return writeArchive(List.of(
                ArchiveMember.file("etc/os-release", ("NAME=FreeBSD\nVERSION=\"14.1-RELEASE\"\nID=freebsd\n"
                        + "PRETTY_NAME=\"FreeBSD 14.1-RELEASE\"\n").getBytes(StandardCharsets.UTF_8)),
                ArchiveMember.file("COPYRIGHT", "Copyright 1992-2024 The FreeBSD Project.\n"
                        .getBytes(StandardCharsets.UTF_8))), out);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------------ benchmark

    /**
     * Writes a delivery of {@code count} snapshot archives to {@code dir}: mostly compliant servers with their own
     * host names and serials, every 10th with other processors, every 15th with fewer DIMMs, every 20th with one
     * socket (fails), every 50th an ARM host, and the last a truncated archive.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FleetFixtures DIR COUNT");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        Path work = Files.createTempDirectory("ra2check-fleet");
        Path plain = server(work.resolve("plain"), "x", "x").root();
        Path cpu = otherCpu(server(work.resolve("cpu"), "x", "x"), "x").root();
        Path dimms = fewerDimms(server(work.resolve("dimms"), "x", "x"), "x").root();
        Path failing = oneSocket(server(work.resolve("failing"), "x", "x"), "x").root();
        Path armHost = arm(server(work.resolve("arm"), "x", "x")).root();
        for (int i = 1; i <= count; i++) {
            String name = String.format("node-%03d", i);
            String serial = String.format("SN-%04d", i);
            Path tree;
            SmbiosBuilder table;
            if (i % 50 == 0) {
                tree = armHost;
                table = smbios("1.2.3", serial, GOLD_6230N, 8, 8192);
            } else if (i % 20 == 0) {
                tree = failing;
                table = new SmbiosBuilder().bios("Acme BIOS", "1.2.3", false).system("Acme", "Telco-2U", serial)
                        .processor("CPU1", true, 20, 40, GOLD_6230N).processor("CPU2", false, 0, 0, null);
                slotsAndDimms(table, 8, 8192);
                table.end();
            } else if (i % 15 == 0) {
                tree = dimms;
                table = smbios("1.2.3", serial, GOLD_6230N, 4, 16384);
            } else if (i % 10 == 0) {
                tree = cpu;
                table = smbios("1.2.3", serial, GOLD_6252N, 8, 8192);
            } else {
                tree = plain;
                table = smbios("1.2.3", serial, GOLD_6230N, 8, 8192);
            }
            Path out = dir.resolve(name + ".tar.gz");
            archive(tree, out, Map.of("/proc/sys/kernel/hostname", utf8(name + "\n"),
                    "/sys/firmware/dmi/tables/DMI", table.table(),
                    "/sys/firmware/dmi/tables/smbios_entry_point", table.entryPoint3(3, 2)));
            if (i == count) {
                byte[] b = Files.readAllBytes(out);
                Files.write(out, Arrays.copyOf(b, b.length / 2));
            }
        }
        try (Stream<Path> s = Files.walk(work)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        System.out.println("wrote " + count + " snapshots to " + dir);
    }
}
