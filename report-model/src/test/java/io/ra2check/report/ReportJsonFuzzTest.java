package io.ra2check.report;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Reports arrive from the network: whatever the bytes, reading must either return a report or throw
 * {@link ReportFormatException}, never anything else. Runs its seed corpus (src/test/resources/.../ReportJsonFuzzTestInputs)
 * in the normal test suite; run with JAZZER_FUZZ=1 to fuzz.
 */
class ReportJsonFuzzTest {
    private final ReportJson json = new ReportJson();

    @FuzzTest(maxDuration = "10s")
    void readNeverThrowsAnythingButReportFormatException(byte[] data) {
        try {
            NodeReport r = json.read(data);
            // a report that was accepted must survive being written and read again
            json.read(json.write(r));
        } catch (ReportFormatException expected) {
            // the one allowed failure
        }
    }
}
