package io.ra2check.collector.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;

/** The collector's Prometheus metrics, in a registry of its own (not the library's global one). */
public final class Metrics {
    /** How an intake request ended ({@code outcome} label of {@code ra2check_collector_reports_total}). */
    public enum ReportOutcome {
        STORED_CHANGED("stored_changed"),
        STORED_UNCHANGED("stored_unchanged"),
        BAD_REQUEST("bad_request"),
        UNAUTHENTICATED("unauthenticated"),
        FORBIDDEN("forbidden"),
        UNKNOWN_NODE("unknown_node"),
        TOO_LARGE("too_large"),
        UNSUPPORTED_TYPE("unsupported_type"),
        TIMED_OUT("timed_out"),
        RATE_LIMITED("rate_limited"),
        /** 202: taken, the node write not finished within the answer deadline (it goes on). */
        ACCEPTED("accepted"),
        /** 409: older than the node's newest report, or superseded by a newer one before it was written. */
        NOT_NEWEST("not_newest"),
        UNAVAILABLE("unavailable");

        private final String label;

        ReportOutcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter reports;
    private final Histogram intakeSeconds;
    private final Counter patches;
    private final Histogram patchSeconds;
    private final Counter tokenReviews;
    private final Gauge leader;

    public Metrics(Supplier<Map<String, Integer>> nodesByStatus) {
        reports = Counter.builder().name("ra2check_collector_reports")
                .help("Reports received, by how the request ended").labelNames("outcome").withoutExemplars()
                .register(registry);
        intakeSeconds = Histogram.builder().name("ra2check_collector_intake_seconds")
                .help("Time to answer a report, from its headers to the answer").classicOnly()
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .withoutExemplars().register(registry);
        patches = Counter.builder().name("ra2check_collector_node_patches")
                .help("Patches of Node metadata sent to the API server, by result").labelNames("result")
                .withoutExemplars().register(registry);
        patchSeconds = Histogram.builder().name("ra2check_collector_node_patch_seconds")
                .help("Latency of Node metadata patches").classicOnly()
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .withoutExemplars().register(registry);
        tokenReviews = Counter.builder().name("ra2check_collector_token_reviews")
                .help("Authentications of intake requests, by source of the answer (cache or TokenReview)")
                .labelNames("source").withoutExemplars().register(registry);
        leader = Gauge.builder().name("ra2check_collector_leader")
                .help("1 while this replica leads (runs the cluster-wide work), else 0").withoutExemplars()
                .register(registry);
        GaugeWithCallback.builder().name("ra2check_collector_nodes")
                .help("Nodes by the status on their ra2check.io/status annotation (none: no report yet)")
                .labelNames("status")
                .callback(cb -> nodesByStatus.get().forEach((status, n) -> cb.call(n, status)))
                .register(registry);
    }

    /** Adds series computed at scrape time (the fleet's results: {@link NodeSeries}). */
    public void register(io.prometheus.metrics.model.registry.MultiCollector collector) {
        registry.register(collector);
    }

    public void report(ReportOutcome outcome, double seconds) {
        reports.labelValues(outcome.label()).inc();
        intakeSeconds.observe(seconds);
    }

    public void patch(boolean ok, double seconds) {
        patches.labelValues(ok ? "ok" : "error").inc();
        patchSeconds.observe(seconds);
    }

    public void tokenReview(boolean cached) {
        tokenReviews.labelValues(cached ? "cache" : "api").inc();
    }

    public void leader(boolean leading) {
        leader.set(leading ? 1 : 0);
    }

    public String contentType() {
        return writer.getContentType();
    }

    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
