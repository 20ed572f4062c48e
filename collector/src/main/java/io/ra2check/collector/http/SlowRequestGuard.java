package io.ra2check.collector.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes connections that do not complete a request's headers in time. Jetty's idle timeout is reset by every byte,
 * so a client trickling one header byte every few seconds (or sending nothing after a request) would otherwise keep
 * its connection for ever. Every {@code headerTimeout}, a connection that is not serving a request and has received
 * no new request since the last look is closed: headers (or a first request) get at most twice the timeout, and
 * a request being served is left to the body deadline of its handler.
 */
final class SlowRequestGuard implements Connection.Listener {
    private final Scheduler scheduler;
    private final long timeoutMs;
    private final ConcurrentHashMap<Connection, Watch> watched = new ConcurrentHashMap<>();

    private static final class Watch {
        final AtomicInteger serving = new AtomicInteger();
        volatile long requestsSeen;
    }

    SlowRequestGuard(Scheduler scheduler, long timeoutMs) {
        this.scheduler = scheduler;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof SslConnection) {
            // the HTTP connection inside it is watched; closing that closes this
            return;
        }
        watched.put(connection, new Watch());
        scheduler.schedule(() -> look(connection), timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClosed(Connection connection) {
        watched.remove(connection);
    }

    /** A handler starts serving a request of {@code connection}; {@link #finished} must follow. */
    void started(Connection connection) {
        Watch w = watched.get(connection);
        if (w != null) {
            w.serving.incrementAndGet();
        }
    }

    void finished(Connection connection) {
        Watch w = watched.get(connection);
        if (w != null) {
            w.serving.decrementAndGet();
        }
    }

    int watchedConnections() {
        return watched.size();
    }

    private void look(Connection connection) {
        Watch w = watched.get(connection);
        if (w == null) {
            return;
        }
        long requests = connection.getMessagesIn();
        if (w.serving.get() == 0 && requests == w.requestsSeen) {
            connection.getEndPoint().close();
            return;
        }
        w.requestsSeen = requests;
        scheduler.schedule(() -> look(connection), timeoutMs, TimeUnit.MILLISECONDS);
    }
}
