package io.ra2check.collector.log;

import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A logger of {@link JsonLogProvider}: key-value pairs of the fluent API become JSON fields. */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;
    private final transient Level threshold;
    private final transient JsonLineWriter writer;

    /** @param threshold the least severe level written, or null for none */
    JsonLogger(String name, Level threshold, JsonLineWriter writer) {
        this.name = name;
        this.threshold = threshold;
        this.writer = writer;
    }

    private boolean enabled(Level l) {
        // org.slf4j.event.Level: ERROR has the highest int
        return threshold != null && l.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable t) {
        emit(level, pattern, args, List.of(), t);
    }

    @Override
    public void log(LoggingEvent event) {
        if (!enabled(event.getLevel())) {
            return;
        }
        List<Map.Entry<String, Object>> fields = new ArrayList<>();
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                fields.add(new AbstractMap.SimpleImmutableEntry<>(kv.key, kv.value));
            }
        }
        Object[] args = event.getArgumentArray();
        emit(event.getLevel(), event.getMessage(), args, fields, event.getThrowable());
    }

    private void emit(Level level, String pattern, Object[] args, List<Map.Entry<String, Object>> fields,
                      Throwable t) {
        Throwable thrown = t;
        String message = pattern;
        if (args != null && args.length > 0) {
            var tuple = MessageFormatter.arrayFormat(pattern, args);
            message = tuple.getMessage();
            if (thrown == null) {
                thrown = tuple.getThrowable();
            }
        }
        writer.write(level.name(), name, message == null ? "" : message, fields, thrown, level == Level.ERROR);
    }
}
