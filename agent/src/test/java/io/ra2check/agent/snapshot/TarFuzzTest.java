package io.ra2check.agent.snapshot;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Snapshots come from other machines: whatever the bytes, reading returns entries or an IOException message. */
class TarFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void readNeverThrowsAnythingButIoException(byte[] data) {
        try {
            Tar.read(new ByteArrayInputStream(data));
        } catch (IOException | IllegalArgumentException expected) {
            // IllegalArgumentException: a member name escaping the archive, reported by HostRoots as a bad root
        }
    }
}
