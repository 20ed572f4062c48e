package io.ra2check.agent.daemon;

import io.ra2check.report.Status;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's Prometheus metrics, written in the text exposition format. A handful of counters and gauges do not
 * need a metrics library in a process that must stay under 64 MiB.
 */
public final class AgentMetrics {
    private long scans;
    private long scanFailures;
    private double lastScanSeconds = Double.NaN;
    private double lastScanTimestamp = Double.NaN;
    private final Map<Status, Integer> verdicts = new EnumMap<>(Status.class);
    private final Map<String, Long> posts = new TreeMap<>();
    private double lastPostTimestamp = Double.NaN;

    synchronized void scanned(double seconds, double epochSeconds, Map<Status, Integer> byStatus) {
        scans++;
        lastScanSeconds = seconds;
        lastScanTimestamp = epochSeconds;
        verdicts.clear();
        verdicts.putAll(byStatus);
    }

    synchronized void scanFailed() {
        scanFailures++;
    }

    /** @param outcome {@code stored}, {@code accepted}, {@code rejected}, {@code superseded}, {@code retry} */
    synchronized void posted(String outcome, double epochSeconds) {
        posts.merge(outcome, 1L, Long::sum);
        if (outcome.equals("stored")) {
            lastPostTimestamp = epochSeconds;
        }
    }

    public synchronized String render() {
        StringBuilder sb = new StringBuilder(1024);
        counter(sb, "ra2check_agent_scans_total", "Host scans completed.", scans);
        counter(sb, "ra2check_agent_scan_failures_total", "Host scans that failed.", scanFailures);
        gauge(sb, "ra2check_agent_scan_duration_seconds", "Duration of the last scan.", lastScanSeconds);
        gauge(sb, "ra2check_agent_last_scan_timestamp_seconds", "When the last scan finished (Unix time).",
                lastScanTimestamp);
        sb.append("# HELP ra2check_agent_verdicts Verdicts of the last scan by status.\n")
                .append("# TYPE ra2check_agent_verdicts gauge\n");
        for (Status s : Status.values()) {
            sb.append("ra2check_agent_verdicts{status=\"").append(s.name()).append("\"} ")
                    .append(verdicts.getOrDefault(s, 0)).append('\n');
        }
        sb.append("# HELP ra2check_agent_posts_total Report posts to the collector by outcome.\n")
                .append("# TYPE ra2check_agent_posts_total counter\n");
        for (String o : new String[] {"stored", "accepted", "rejected", "superseded", "retry", "error"}) {
            sb.append("ra2check_agent_posts_total{outcome=\"").append(o).append("\"} ")
                    .append(posts.getOrDefault(o, 0L)).append('\n');
        }
        gauge(sb, "ra2check_agent_last_post_timestamp_seconds", "When a report was last stored (Unix time).",
                lastPostTimestamp);
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long v) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(v).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, double v) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ')
                .append(Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6f", v)).append('\n');
    }
}
