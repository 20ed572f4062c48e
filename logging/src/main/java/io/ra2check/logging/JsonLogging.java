package io.ra2check.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;

import java.io.OutputStream;

/** Loggers writing the {@link JsonLineEncoder} shape to a stream of the caller's, outside the global context. */
public final class JsonLogging {
    private JsonLogging() {
    }

    /**
     * A logger of its own logback context writing to {@code out}: for a component that is given its log stream
     * (and for tests reading what was logged), with the same line shape as logback.xml's console.
     */
    public static org.slf4j.Logger to(OutputStream out, String name, Level level) {
        LoggerContext context = new LoggerContext();
        context.setName("ra2check-" + name);
        // the global context gets one from logback's SLF4J provider; a context of one's own needs it set
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("json");
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.setImmediateFlush(true);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        root.setLevel(level);
        context.start();
        return context.getLogger(name);
    }
}
