package io.ra2check.workload;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Manifests are a vendor's: whatever the bytes, reading gives objects or one ManifestException line, quickly. */
class ManifestsFuzzTest {
    private static final long MAX_NANOS = 5_000_000_000L;

    static {
        // class loading and the first compilation are not the input's work
        try {
            Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n", "warm-up");
        } catch (Manifests.ManifestException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void parseReturnsOrRefusesInOneLine(byte[] data) {
        long t0 = System.nanoTime();
        try {
            for (KubeObject o : Manifests.parse(data, "m.yaml")) {
                o.kind();
                o.name();
            }
        } catch (Manifests.ManifestException expected) {
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
