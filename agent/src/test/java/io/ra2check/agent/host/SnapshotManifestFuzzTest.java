package io.ra2check.agent.host;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The manifest comes inside an untrusted snapshot. Whatever the bytes, parsing gives a manifest or an IOException with
 * a message; a manifest that parses writes back to one that parses to the same record.
 */
class SnapshotManifestFuzzTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @FuzzTest(maxDuration = "10s")
    void parseGivesAManifestOrAMessage(byte[] data) throws IOException {
        SnapshotManifest m;
        try {
            m = SnapshotManifest.parse(data, JSON);
        } catch (IOException expected) {
            if (expected.getMessage() == null || !expected.getMessage().startsWith(SnapshotManifest.FILE_NAME)) {
                throw new IllegalStateException("an error that does not name the manifest", expected);
            }
            return;
        }
        SnapshotManifest again = SnapshotManifest.parse(m.toJson(JSON), JSON);
        if (!again.equals(m)) {
            throw new IllegalStateException("round trip changed the manifest:\n" + m + "\n" + again);
        }
    }
}
