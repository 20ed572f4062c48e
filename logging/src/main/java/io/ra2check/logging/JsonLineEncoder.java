package io.ra2check.logging;

import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;

/**
 * The one log line shape of the agent and the collector: {@code {"ts":...,"level":"INFO","logger":...,"msg":...}}
 * followed by the event's SLF4J key-value pairs as fields of their own (typed: numbers stay numbers), and
 * {@code "stack"} when a throwable comes with it. Named here once, so that logback.xml and the tests' in-memory
 * contexts cannot disagree.
 */
public class JsonLineEncoder extends LogstashEncoder {
    public JsonLineEncoder() {
        LogstashFieldNames names = new LogstashFieldNames();
        names.setTimestamp("ts");
        names.setMessage("msg");
        names.setLogger("logger");
        names.setLevel("level");
        names.setThread(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
        names.setLevelValue(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
        names.setVersion(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
        names.setStackTrace("stack");
        setFieldNames(names);
        setTimestampPattern("[ISO_INSTANT]");
    }
}
