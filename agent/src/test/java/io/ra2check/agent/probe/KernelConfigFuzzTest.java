package io.ra2check.agent.probe;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;

/**
 * /proc/config.gz and /boot/config-* come from the host or a snapshot. Decompressing returns at most the bound or an
 * IOException (a gzip bomb is cut, not inflated); parsing returns options for any text.
 */
class KernelConfigFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void readingNeverThrowsAndStaysBounded(FuzzedDataProvider data) {
        boolean gzipped = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        String text;
        if (gzipped) {
            try {
                text = OsProbe.gunzip(bytes);
            } catch (IOException expected) {
                return;
            }
            if (text.length() > OsProbe.MAX_CONFIG_BYTES) {
                throw new IllegalStateException("gunzip returned " + text.length() + " chars");
            }
        } else {
            text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        for (var e : OsProbe.parseKernelConfig(text).entrySet()) {
            if (!e.getKey().startsWith("CONFIG_") || e.getKey().contains("\n") || e.getValue().contains("\n")) {
                throw new IllegalStateException("option across lines: " + e.getKey());
            }
        }
    }
}
