package io.ra2check.agent.accept;

import io.ra2check.report.Level;
import io.ra2check.report.NodeReport;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;

import java.util.List;
import java.util.Objects;

/**
 * What acceptance found for one server.
 *
 * @param ordinal position among the servers as they were given (1-based): a stable key, also when host names repeat
 * @param name    the host name (as {@code check} names a node), else the source's default name
 * @param reason  why the server was not judged (DAMAGED, ERROR, NOT_LINUX, NOT_X86_64); null otherwise
 * @param report  the node report; null when the snapshot could not be opened or checked (DAMAGED, ERROR)
 */
public record ServerResult(int ordinal, ServerSource source, String name, ServerStatus status, String reason,
                           NodeReport report) {
    public ServerResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        if (report == null && status != ServerStatus.DAMAGED && status != ServerStatus.ERROR) {
            throw new IllegalArgumentException(status + " needs the report it was derived from");
        }
    }

    /** The id of the server's section in the HTML report. */
    public String anchor() {
        return "server-" + ordinal;
    }

    /** The requirement IDs that fail under the run's profile (empty without a report). */
    public List<String> failedIds() {
        return report == null ? List.of() : report.summary().failed();
    }

    /** The "must" requirement IDs of the run's profile that could not be decided (empty without a report). */
    public List<String> undecidedIds() {
        if (report == null) {
            return List.of();
        }
        return report.verdicts().stream().filter(v -> v.level(report.profile()) == Level.MUST
                && v.status() == Status.UNKNOWN).map(Verdict::id).toList();
    }
}
