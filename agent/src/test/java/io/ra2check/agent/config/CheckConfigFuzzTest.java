package io.ra2check.agent.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ra2check.report.RequirementCatalog;

/** {@code --config} files are the operator's: whatever the bytes, loading returns or gives one ConfigException line. */
class CheckConfigFuzzTest {
    private static final RequirementCatalog CATALOG = RequirementCatalog.builtIn();
    private static final long MAX_NANOS = 5_000_000_000L;

    static {
        // class loading and the first compilation are not the input's work
        try {
            CheckConfig.parse("profile: basic\nignore: [ra2.ch.016]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "warm-up", CATALOG);
        } catch (CheckConfig.ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void loadReturnsOrRefusesInOneLine(byte[] data) {
        long t0 = System.nanoTime();
        try {
            CheckConfig.parse(data, "c.yaml", CATALOG);
        } catch (CheckConfig.ConfigException expected) {
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
