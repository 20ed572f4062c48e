package io.ra2check.collector.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes log events as single-line JSON objects. */
final class JsonLineWriter {
    private final JsonFactory json = new JsonFactory();
    private final PrintStream out;

    JsonLineWriter(PrintStream out) {
        this.out = out;
    }

    void write(String level, String logger, String message, List<Map.Entry<String, Object>> fields, Throwable t,
               boolean withStack) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("ts", Instant.now().toString());
            g.writeStringField("level", level);
            g.writeStringField("logger", logger);
            g.writeStringField("msg", message);
            for (Map.Entry<String, Object> f : fields) {
                Object v = f.getValue();
                if (v == null) {
                    g.writeNullField(f.getKey());
                } else if (v instanceof Integer || v instanceof Long) {
                    g.writeNumberField(f.getKey(), ((Number) v).longValue());
                } else if (v instanceof Double || v instanceof Float) {
                    g.writeNumberField(f.getKey(), ((Number) v).doubleValue());
                } else if (v instanceof Boolean b) {
                    g.writeBooleanField(f.getKey(), b);
                } else {
                    g.writeStringField(f.getKey(), String.valueOf(v));
                }
            }
            if (t != null) {
                g.writeStringField("error", t.getClass().getName() + (t.getMessage() == null ? ""
                        : ": " + t.getMessage()));
                if (withStack) {
                    StringWriter sw = new StringWriter();
                    t.printStackTrace(new PrintWriter(sw));
                    g.writeStringField("stack", sw.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            return;
        }
        out.println(w);
    }
}
