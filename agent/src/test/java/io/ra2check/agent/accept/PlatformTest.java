package io.ra2check.agent.accept;

import io.ra2check.agent.facts.Fact;
import io.ra2check.report.Evidence;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformTest {
    private static final Fact<String> X86 = Fact.of("x86_64", new Evidence("/proc/cpuinfo", "80 processors"));
    private static final Fact<String> UNKNOWN = Fact.unknown("/proc/cpuinfo: missing");

    @Test
    void anX86LinuxHostIsJudged() {
        assertNull(Platform.classify(true, true, X86));
    }

    @Test
    void anUnknownArchitectureIsNotCalledNonX86() {
        assertNull(Platform.classify(false, true, UNKNOWN), "an SMBIOS-only capture is still a Linux capture");
        assertNull(Platform.classify(true, false, UNKNOWN));
    }

    @Test
    void aKnownOtherArchitectureIsNotX86WithItsSource() {
        Platform.Mismatch m = Platform.classify(true, true, Fact.of("aarch64",
                new Evidence("/proc/cpuinfo", "80 processors, model null")));
        assertEquals(ServerStatus.NOT_X86_64, m.status());
        assertTrue(m.reason().startsWith("architecture aarch64 (from /proc/cpuinfo)"), m.reason());
        Platform.Mismatch i686 = Platform.classify(true, true, Fact.of("i686",
                new Evidence("/proc/sys/kernel/arch", "i686")));
        assertEquals(ServerStatus.NOT_X86_64, i686.status());
        assertTrue(i686.reason().startsWith("architecture i686 (32-bit x86) (from /proc/sys/kernel/arch)"),
                i686.reason());
    }

    @Test
    void noProcAndNoSysIsNotLinuxWhateverElseIsKnown() {
        assertEquals(ServerStatus.NOT_LINUX, Platform.classify(false, false, UNKNOWN).status());
        assertEquals(ServerStatus.NOT_LINUX, Platform.classify(false, false, X86).status());
    }
}
