package io.ra2check.agent.probe;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.List;
import java.util.Map;

/**
 * A kubelet's /proc/PID/cmdline is whatever the host says. Reading it never throws; flags that pass the check are
 * applied without error (the check and the use read them alike).
 */
class KubeletFlagsFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void checkedFlagsAlwaysApply(byte[] cmdline) {
        Map<String, String> flags = KubeletFlags.parse(cmdline);
        if (KubeletFlags.problem(flags) == null) {
            KubeletProbe.effective(Map.of(), flags, List.of("cmdline"));
        }
    }
}
