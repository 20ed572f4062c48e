package io.ra2check.collector.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportArchiveTest {
    @Test
    void keepsReportsCompressedAndRefreshesTimesForTheSameDigest() {
        ReportArchive a = new ReportArchive();
        byte[] body = "{\"a\":\"".concat("x".repeat(20000)).concat("\"}").getBytes(StandardCharsets.UTF_8);
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        a.put("n1", "d1", body, t1, t1);
        ReportArchive.Entry e = a.entry("n1").orElseThrow();
        assertTrue(e.deflated().length < body.length / 10);
        assertArrayEquals(body, ReportArchive.body(e));
        Instant t2 = t1.plusSeconds(60);
        a.put("n1", "d1", "ignored".getBytes(StandardCharsets.UTF_8), t2, t2);
        ReportArchive.Entry f = a.entry("n1").orElseThrow();
        assertSame(e.deflated(), f.deflated());
        assertEquals(t2, f.lastGeneratedAt());
        a.put("n1", "d2", "new".getBytes(StandardCharsets.UTF_8), t2, t2);
        assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), ReportArchive.body(a.entry("n1").orElseThrow()));
        a.remove("n1");
        assertTrue(a.entry("n1").isEmpty());
    }
}
