package io.ra2check.collector.meta;

import io.ra2check.report.NodeReport;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Where a report stands among a node's reports: its generatedAt, and the agent run and sequence number when an agent
 * made it ({@link NodeReport.Origin}). Within one run the sequence decides (an agent's clock may step back, its
 * counter does not); between runs, or without an origin, generatedAt does. Equal keys mean the same report sent again.
 *
 * <p>Read back from the {@link Keys#REPORT_ORDER} annotation, which a kubelet can edit: {@link #parse} is bounded and
 * strict, and a node that lies about its own order can only get its own reports refused.
 *
 * @param run      the agent run, or null for a report without an origin (then {@code sequence} is 0)
 */
public record ReportOrder(Instant generatedAt, String run, long sequence) {
    /** Longest annotation value {@link #parse} reads: an instant, a run of 64 characters, a sequence of 19 digits. */
    static final int MAX_ENCODED_LENGTH = 128;

    /** How an incoming report relates to the newest one accepted. */
    public enum Relation {
        /** The incoming report is newer: accept it. */
        NEWER,
        /** The same key: the same report sent again. */
        SAME,
        /** Older, or not comparable (two runs claiming the same instant): refuse it. */
        OLDER
    }

    public ReportOrder {
        Objects.requireNonNull(generatedAt, "generatedAt");
        if (run == null ? sequence != 0 : sequence < 1) {
            throw new IllegalArgumentException("sequence " + sequence + " does not fit run " + run);
        }
    }

    public static ReportOrder of(NodeReport r) {
        NodeReport.Origin o = r.origin();
        return o == null ? new ReportOrder(r.generatedAt(), null, 0)
                : new ReportOrder(r.generatedAt(), o.run(), o.sequence());
    }

    /** This key relative to {@code stored}, the newest accepted so far. */
    public Relation relativeTo(ReportOrder stored) {
        if (run != null && run.equals(stored.run)) {
            int c = Long.compare(sequence, stored.sequence);
            if (c == 0) {
                return generatedAt.equals(stored.generatedAt) ? Relation.SAME : Relation.OLDER;
            }
            return c > 0 ? Relation.NEWER : Relation.OLDER;
        }
        int c = generatedAt.compareTo(stored.generatedAt);
        if (c == 0) {
            return Objects.equals(run, stored.run) ? Relation.SAME : Relation.OLDER;
        }
        return c > 0 ? Relation.NEWER : Relation.OLDER;
    }

    /** The annotation value: {@code <generatedAt>} or {@code <generatedAt> <run> <sequence>}. */
    public String encode() {
        return run == null ? generatedAt.toString() : generatedAt + " " + run + " " + sequence;
    }

    /** The inverse of {@link #encode}; IllegalArgumentException with a one-line reason for anything else. */
    public static ReportOrder parse(String s) {
        if (s.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_ENCODED_LENGTH + " characters");
        }
        String[] parts = s.split(" ", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new IllegalArgumentException("expected '<instant>' or '<instant> <run> <sequence>'");
        }
        Instant at;
        try {
            at = Instant.parse(parts[0]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an instant: " + printable(parts[0]));
        }
        if (parts.length == 1) {
            return new ReportOrder(at, null, 0);
        }
        long seq;
        if (parts[2].isEmpty() || parts[2].length() > 19 || !parts[2].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("sequence: not a number");
        }
        try {
            seq = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sequence: out of range");
        }
        try {
            new NodeReport.Origin(parts[1], seq);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return new ReportOrder(at, parts[1], seq);
    }

    private static String printable(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "'" + t.replaceAll("[^\\x21-\\x7e]", "?") + "'";
    }
}
