package io.ra2check.collector.meta;

import io.ra2check.report.NodeReport;
import io.ra2check.report.ReportJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The digest of a report's content: SHA-256 of its canonical JSON with the timing fields (generatedAt, durationMs)
 * left out, so that an agent re-checking a node that has not changed produces the same digest, and the collector
 * writes nothing. 128 bits in hex: this tells changed from unchanged, it authenticates nothing.
 */
public final class ReportDigest {
    private ReportDigest() {
    }

    public static String of(NodeReport r, ReportJson json) {
        NodeReport untimed = new NodeReport(r.tool(), r.node(), Instant.EPOCH, 0, r.root(), r.profile(),
                r.inventory(), r.fingerprint(), r.verdicts());
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(json.write(untimed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
