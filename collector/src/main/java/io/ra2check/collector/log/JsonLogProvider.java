package io.ra2check.collector.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SLF4J backend writing one JSON object per line on stdout, for the collector and the libraries it uses (fabric8).
 * Thresholds come from system properties read once at start: {@code ra2check.log.level} for the collector's own
 * loggers (default info) and {@code ra2check.log.libraryLevel} for everything else (default warn).
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
    private ILoggerFactory loggerFactory;
    private final IMarkerFactory markerFactory = new BasicMarkerFactory();
    private final MDCAdapter mdcAdapter = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        Level own = level(System.getProperty("ra2check.log.level"), Level.INFO);
        Level library = level(System.getProperty("ra2check.log.libraryLevel"), Level.WARN);
        JsonLineWriter writer = new JsonLineWriter(System.out);
        ConcurrentHashMap<String, JsonLogger> loggers = new ConcurrentHashMap<>();
        loggerFactory = name -> loggers.computeIfAbsent(name,
                n -> new JsonLogger(n, n.startsWith("io.ra2check.") ? own : library, writer));
    }

    /** Parses a level name; null or "off" maps to a threshold above ERROR, unknown names to the default. */
    static Level level(String s, Level dflt) {
        if (s == null || s.isBlank()) {
            return dflt;
        }
        String v = s.trim().toUpperCase(Locale.ROOT);
        if (v.equals("OFF")) {
            return null;
        }
        try {
            return Level.valueOf(v);
        } catch (IllegalArgumentException e) {
            return dflt;
        }
    }
}
