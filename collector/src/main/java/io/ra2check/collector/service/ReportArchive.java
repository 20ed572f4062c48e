package io.ra2check.collector.service;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The last report each node's agent posted to this replica, compressed, for {@code GET /api/v1/nodes/{node}}. Memory
 * only: a restarted collector, or another replica, has it again from the agent's next report. The state that counts
 * is on the Node objects.
 *
 * <p>Reports from different nodes are mostly the same text (titles, remediation, field names), so they are deflated
 * with a preset dictionary: the first report this replica stored. A 17 KB report then keeps in about 0.4 KB instead
 * of 2.4 KB, which is what lets 5,000 of them sit in a few MB.
 */
public final class ReportArchive {
    /** A stored report: its digest, compressed body, and when the last report with this digest came. */
    public record Entry(String digest, byte[] deflated, int length, Instant lastGeneratedAt, Instant lastReceivedAt) {
    }

    private static final int MAX_DICTIONARY = 32 * 1024;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Set once, by the first report stored; never changes after (every entry is deflated against it). */
    private final java.util.concurrent.atomic.AtomicReference<byte[]> dictionary =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** Keeps a report; a report with the digest already kept only refreshes the times (no recompression). */
    public void put(String node, String digest, byte[] body, Instant generatedAt, Instant receivedAt) {
        entries.compute(node, (k, old) -> {
            if (old != null && old.digest().equals(digest)) {
                return new Entry(digest, old.deflated(), old.length(), generatedAt, receivedAt);
            }
            dictionary.compareAndSet(null, java.util.Arrays.copyOf(body, Math.min(body.length, MAX_DICTIONARY)));
            return new Entry(digest, deflate(body, dictionary.get()), body.length, generatedAt, receivedAt);
        });
    }

    public Optional<Entry> entry(String node) {
        return Optional.ofNullable(entries.get(node));
    }

    public void remove(String node) {
        entries.remove(node);
    }

    public int size() {
        return entries.size();
    }

    public byte[] body(Entry e) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(e.deflated());
            byte[] out = new byte[e.length()];
            int n = 0;
            while (n < out.length && !inf.finished()) {
                int r = inf.inflate(out, n, out.length - n);
                if (r == 0 && inf.needsDictionary() && dictionary.get() != null) {
                    inf.setDictionary(dictionary.get());
                    continue;
                }
                if (r == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += r;
            }
            if (n != out.length) {
                throw new IllegalStateException("archived report is damaged");
            }
            return out;
        } catch (DataFormatException ex) {
            throw new IllegalStateException("archived report is damaged", ex);
        } finally {
            inf.end();
        }
    }

    private static byte[] deflate(byte[] body, byte[] dict) {
        Deflater def = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            def.setDictionary(dict);
            def.setInput(body);
            def.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 16));
            byte[] buf = new byte[8192];
            while (!def.finished()) {
                int n = def.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            def.end();
        }
    }
}
