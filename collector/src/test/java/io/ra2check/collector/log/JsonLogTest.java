package io.ra2check.collector.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLogTest {
    @Test
    void oneJsonObjectPerLineWithKeyValuesAsFields() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        JsonLogger log = new JsonLogger("io.ra2check.collector.X", Level.INFO,
                new JsonLineWriter(new PrintStream(buf, true, StandardCharsets.UTF_8)));
        log.atInfo().addKeyValue("node", "w1").addKeyValue("code", 400).log("report refused:\n{}", "multi");
        log.debug("not written");
        log.warn("with cause", new IllegalStateException("bad\nthing"));
        log.error("failure", new RuntimeException("boom"));
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, buf.toString(StandardCharsets.UTF_8));
        ObjectMapper m = new ObjectMapper();
        JsonNode first = m.readTree(lines[0]);
        assertEquals("INFO", first.get("level").asText());
        assertEquals("io.ra2check.collector.X", first.get("logger").asText());
        assertEquals("report refused:\nmulti", first.get("msg").asText());
        assertEquals("w1", first.get("node").asText());
        assertEquals(400, first.get("code").asInt());
        assertTrue(first.has("ts"));
        JsonNode warn = m.readTree(lines[1]);
        assertEquals("java.lang.IllegalStateException: bad\nthing", warn.get("error").asText());
        assertFalse(warn.has("stack"), "no stack trace below ERROR");
        assertTrue(m.readTree(lines[2]).get("stack").asText().contains("RuntimeException: boom"));
    }

    @Test
    void levelsParseWithDefaults() {
        assertEquals(Level.DEBUG, JsonLogProvider.level("debug", Level.INFO));
        assertEquals(Level.INFO, JsonLogProvider.level(null, Level.INFO));
        assertEquals(Level.WARN, JsonLogProvider.level("nonsense", Level.WARN));
        assertEquals(null, JsonLogProvider.level("off", Level.INFO));
    }
}
