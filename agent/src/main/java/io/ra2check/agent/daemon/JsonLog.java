package io.ra2check.agent.daemon;

import ch.qos.logback.classic.Level;
import io.ra2check.logging.JsonLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.io.OutputStream;

/**
 * The agent's log: SLF4J events with key-value pairs, written by logback as JSON lines in the shape the collector's
 * log has too (io.ra2check.logging). {@code kv} alternates keys and values; numbers and booleans stay typed.
 */
public final class JsonLog {
    private final Logger log;

    public JsonLog(Logger log) {
        this.log = log;
    }

    /** The agent's logger in the process's logback context (logback.xml: standard output, JSON lines). */
    public static JsonLog standard() {
        return new JsonLog(LoggerFactory.getLogger("io.ra2check.agent"));
    }

    /** A log of its own writing to {@code out} (tests read what the agent logged). */
    public static JsonLog to(OutputStream out) {
        return new JsonLog(JsonLogging.to(out, "io.ra2check.agent", Level.INFO));
    }

    public void info(String msg, Object... kv) {
        with(log.atInfo(), kv).log(msg);
    }

    public void warn(String msg, Object... kv) {
        with(log.atWarn(), kv).log(msg);
    }

    public void error(String msg, Object... kv) {
        with(log.atError(), kv).log(msg);
    }

    private static LoggingEventBuilder with(LoggingEventBuilder b, Object... kv) {
        for (int i = 0; i + 1 < kv.length; i += 2) {
            b = b.addKeyValue(String.valueOf(kv[i]), kv[i + 1]);
        }
        return b;
    }
}
