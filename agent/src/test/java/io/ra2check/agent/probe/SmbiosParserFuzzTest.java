package io.ra2check.agent.probe;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * SMBIOS tables come from firmware and from snapshots made elsewhere. Whatever the bytes, the parser and the redactor
 * return; the redactor keeps the length. Runs its corpus in the normal test run; fuzzes in its own surefire execution.
 */
class SmbiosParserFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void parseAndRedactNeverThrow(FuzzedDataProvider data) {
        byte[] ep = data.consumeBytes(data.consumeInt(0, 40));
        byte[] table = data.consumeRemainingAsBytes();
        SmbiosParser.parse(ep.length == 0 ? null : ep, table);
        byte[] red = SmbiosRedactor.redact(table);
        if (red.length != table.length) {
            throw new IllegalStateException("redaction changed the table length");
        }
    }
}
