package io.ra2check.logging;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLineEncoderTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void oneObjectPerLineWithTypedKeyValuesAsFields() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Logger log = JsonLogging.to(buf, "io.ra2check.collector.X", Level.INFO);
        log.atInfo().addKeyValue("node", "w1").addKeyValue("code", 400).addKeyValue("ok", false)
                .log("report refused:\n{}", "multi");
        log.debug("not written");
        log.atWarn().setCause(new IllegalStateException("bad\nthing")).log("with cause");
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), buf.toString(StandardCharsets.UTF_8));
        JsonNode first = json.readTree(lines.get(0));
        assertEquals(List.of("ts", "msg", "logger", "level", "node", "code", "ok"), fields(first));
        assertEquals("INFO", first.get("level").asText());
        assertEquals("io.ra2check.collector.X", first.get("logger").asText());
        assertEquals("report refused:\nmulti", first.get("msg").asText());
        assertEquals(400, first.get("code").asInt());
        assertTrue(first.get("code").isNumber() && first.get("ok").isBoolean());
        assertTrue(first.get("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                first.get("ts").asText());
        JsonNode warn = json.readTree(lines.get(1));
        assertTrue(warn.get("stack").asText().startsWith("java.lang.IllegalStateException: bad\nthing"));
        assertFalse(warn.has("thread_name") || warn.has("@version") || warn.has("level_value"), warn.toString());
    }

    @Test
    void theBundledConfigurationUsesTheSameShape() throws Exception {
        String config = new String(getClass().getResourceAsStream("/logback.xml").readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(config.contains("<encoder class=\"" + JsonLineEncoder.class.getName() + "\"/>"), config);
        // the global context is configured from that file, and is a logback one (no other SLF4J backend around)
        assertEquals("ch.qos.logback.classic.LoggerContext", LoggerFactory.getILoggerFactory().getClass().getName());
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
