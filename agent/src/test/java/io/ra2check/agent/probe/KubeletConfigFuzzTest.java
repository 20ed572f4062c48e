package io.ra2check.agent.probe;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Kubelet configs come from hosts and operators. Whatever the bytes, decoding returns values or an
 * InvalidKubeletConfig of one line, and quickly: YAML bombs (aliases, deep nesting) are refused, not expanded.
 */
class KubeletConfigFuzzTest {
    /**
     * Far above what any input Jazzer makes needs (instrumentation slows the reader several times, the CI machine
     * is shared); a bomb that expanded would take minutes.
     */
    private static final long MAX_NANOS = 5_000_000_000L;

    static {
        // class loading and the first compilation are not the input's work
        decode("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncpuManagerPolicy: static\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void decode(byte[] data) {
        try {
            KubeletConfigFile.parse(data, "warm-up", KubeletConfigFile.Mode.HOST);
        } catch (KubeletConfigFile.InvalidKubeletConfig e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void decodeReturnsOrRefusesInOneLine(byte[] data) {
        for (KubeletConfigFile.Mode mode : KubeletConfigFile.Mode.values()) {
            long t0 = System.nanoTime();
            try {
                KubeletConfigFile.Parsed p = KubeletConfigFile.parse(data, "k.yaml", mode);
                KubeletProbe.effective(p.values(), java.util.Map.of(), java.util.List.of("k.yaml"));
            } catch (KubeletConfigFile.InvalidKubeletConfig expected) {
                if (expected.getMessage().contains("\n")) {
                    throw new IllegalStateException("error over several lines: " + expected.getMessage());
                }
            }
            long took = System.nanoTime() - t0;
            if (took > MAX_NANOS) {
                throw new IllegalStateException(data.length + " bytes took " + took / 1_000_000 + " ms");
            }
        }
    }
}
