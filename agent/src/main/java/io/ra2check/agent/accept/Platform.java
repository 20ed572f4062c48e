package io.ra2check.agent.accept;

import io.ra2check.agent.facts.Fact;
import io.ra2check.report.Evidence;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a captured host is a platform RA2's hardware requirements speak about: a Linux host on x86-64. Decided only
 * from what is known: an architecture that could not be read is not "not x86-64", and a capture that holds /sys but no
 * /proc (an SMBIOS or PCI-only capture) is Linux.
 */
public final class Platform {
    private Platform() {
    }

    /** A reason a server is not judged against the profile. */
    public record Mismatch(ServerStatus status, String reason) {
    }

    /**
     * @param hasProc      the root has a /proc directory
     * @param hasSys       the root has a /sys directory
     * @param architecture the CPU facts' architecture ({@code x86_64}, {@code aarch64}, ...)
     * @return the mismatch, or null when the host is (or may be) a Linux x86-64 host
     */
    public static Mismatch classify(boolean hasProc, boolean hasSys, Fact<String> architecture) {
        if (!hasProc && !hasSys) {
            return new Mismatch(ServerStatus.NOT_LINUX, "neither /proc nor /sys is in the capture: not a Linux host "
                    + "(or nothing of its kernel interfaces was captured), so no requirement can be judged");
        }
        if (architecture.known()) {
            String arch = architecture.get().trim().toLowerCase(Locale.ROOT);
            if (!arch.equals("x86_64") && !arch.equals("amd64")) {
                String what = arch.matches("i[3-6]86") ? arch + " (32-bit x86)" : arch;
                return new Mismatch(ServerStatus.NOT_X86_64, "architecture " + what + " (from "
                        + sources(architecture) + "): RA2's hardware requirements assume x86-64 servers; the verdicts "
                        + "are shown for reference only");
            }
        }
        return null;
    }

    private static String sources(Fact<String> f) {
        Set<String> s = new LinkedHashSet<>();
        for (Evidence e : f.evidence()) {
            s.add(e.source());
        }
        return s.isEmpty() ? "the CPU facts" : String.join(", ", s);
    }
}
