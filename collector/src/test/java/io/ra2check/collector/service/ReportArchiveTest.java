package io.ra2check.collector.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportArchiveTest {
    /** 20 KB that deflate alone cannot shrink much. */
    private static String noise(long seed) {
        byte[] b = new byte[10_000];
        new Random(seed).nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Test
    void keepsReportsCompressedAgainstTheFirstAndRefreshesTimesForTheSameDigest() {
        ReportArchive a = new ReportArchive();
        String text = noise(1);
        byte[] first = ("{\"a\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        a.put("n1", "d1", first, t1, t1);
        ReportArchive.Entry e = a.entry("n1").orElseThrow();
        assertArrayEquals(first, a.body(e));

        // a near copy of the first report deflates against it to almost nothing
        byte[] similar = ("{\"a\":\"" + text.substring(0, 15_000) + "changed" + text.substring(15_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        a.put("n2", "d2", similar, t1, t1);
        assertTrue(a.entry("n2").orElseThrow().deflated().length < similar.length / 50,
                a.entry("n2").orElseThrow().deflated().length + " bytes");
        assertArrayEquals(similar, a.body(a.entry("n2").orElseThrow()));
        // something else entirely still round-trips
        byte[] other = ("{\"b\":\"" + noise(2) + "\"}").getBytes(StandardCharsets.UTF_8);
        a.put("n3", "d3", other, t1, t1);
        assertArrayEquals(other, a.body(a.entry("n3").orElseThrow()));

        Instant t2 = t1.plusSeconds(60);
        a.put("n1", "d1", "ignored".getBytes(StandardCharsets.UTF_8), t2, t2);
        ReportArchive.Entry f = a.entry("n1").orElseThrow();
        assertSame(e.deflated(), f.deflated(), "the same digest is not compressed again");
        assertEquals(t2, f.lastGeneratedAt());
        a.put("n1", "d4", "new".getBytes(StandardCharsets.UTF_8), t2, t2);
        assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), a.body(a.entry("n1").orElseThrow()));
        a.remove("n1");
        assertTrue(a.entry("n1").isEmpty());
        assertEquals(2, a.size());
    }
}
