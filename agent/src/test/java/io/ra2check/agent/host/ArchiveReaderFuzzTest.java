package io.ra2check.agent.host;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Snapshots come from other machines. Whatever the bytes, reading returns members or an IOException with a message,
 * and what it returns stays within the limits: the members, their total, and the bytes pulled from the stream. The
 * limits are small here so that the fuzzer reaches them.
 */
class ArchiveReaderFuzzTest {
    private static final ArchiveLimits SMALL = new ArchiveLimits(4096, 16384, 64);

    @FuzzTest(maxDuration = "10s")
    void readStaysWithinItsBounds(byte[] data) {
        long[] pulled = {0};
        InputStream counting = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                pulled[0] += Math.max(0, n);
                return n;
            }

            @Override
            public synchronized int read() {
                int c = super.read();
                pulled[0] += c < 0 ? 0 : 1;
                return c;
            }
        };
        List<ArchiveMember> members;
        try {
            members = ArchiveReader.read(counting, SMALL);
        } catch (IOException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new IllegalStateException("an archive error without a message", expected);
            }
            members = List.of();
        }
        long total = 0;
        for (ArchiveMember m : members) {
            if (m.path().isEmpty() || m.path().startsWith("/") || m.path().contains("..")
                    && List.of(m.path().split("/")).contains("..")) {
                throw new IllegalStateException("member path not normalized: " + m.path());
            }
            total += m.content().length;
        }
        if (members.size() > SMALL.maxMembers() || total > SMALL.maxTotalBytes()) {
            throw new IllegalStateException(members.size() + " members, " + total + " bytes: over the limits");
        }
        if (pulled[0] > 4 * SMALL.maxTotalBytes() + 4L * ArchiveReader.MAX_HEADER_BYTES + 64 * 1024) {
            throw new IllegalStateException("pulled " + pulled[0] + " bytes from the stream");
        }
        if (!members.isEmpty()) {
            new ArchiveHostFs(members).unresolvableLink();
        }
    }
}
