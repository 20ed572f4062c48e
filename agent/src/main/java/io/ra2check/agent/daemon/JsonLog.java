package io.ra2check.agent.daemon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

/** Log lines as JSON objects, one per line on standard output, as log collectors in a cluster expect. */
public final class JsonLog {
    private final PrintStream out;
    private final Clock clock;
    private final JsonFactory json = new JsonFactory();

    public JsonLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public void info(String msg, Object... kv) {
        write("info", msg, kv);
    }

    public void warn(String msg, Object... kv) {
        write("warn", msg, kv);
    }

    public void error(String msg, Object... kv) {
        write("error", msg, kv);
    }

    /** {@code kv} alternates keys and values; numbers and booleans stay typed. */
    private void write(String level, String msg, Object... kv) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", clock.instant().toString());
            g.writeStringField("level", level);
            g.writeStringField("msg", msg);
            for (int i = 0; i + 1 < kv.length; i += 2) {
                String k = String.valueOf(kv[i]);
                Object v = kv[i + 1];
                if (v instanceof Integer || v instanceof Long) {
                    g.writeNumberField(k, ((Number) v).longValue());
                } else if (v instanceof Double d) {
                    g.writeNumberField(k, d);
                } else if (v instanceof Boolean b) {
                    g.writeBooleanField(k, b);
                } else if (v instanceof Map<?, ?> m) {
                    g.writeObjectFieldStart(k);
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        g.writeStringField(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
                    }
                    g.writeEndObject();
                } else {
                    g.writeStringField(k, String.valueOf(v));
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        synchronized (out) {
            out.println(w);
        }
    }
}
