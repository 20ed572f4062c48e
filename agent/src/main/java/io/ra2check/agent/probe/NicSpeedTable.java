package io.ra2check.agent.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The maximum speed of NIC models known to come in one speed only (nic-speeds.tsv). */
final class NicSpeedTable {
    record Model(long maxMbps, String name) {
    }

    private final Map<String, Model> byId;

    private NicSpeedTable(Map<String, Model> byId) {
        this.byId = byId;
    }

    static NicSpeedTable builtIn() {
        try (InputStream in = NicSpeedTable.class.getResourceAsStream("nic-speeds.tsv")) {
            if (in == null) {
                throw new IllegalStateException("nic-speeds.tsv is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NicSpeedTable parse(BufferedReader r) throws IOException {
        Map<String, Model> m = new HashMap<>();
        String line;
        while ((line = r.readLine()) != null) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+", 3);
            if (parts.length < 3) {
                throw new IllegalArgumentException("nic-speeds.tsv: bad line '" + line + "'");
            }
            m.put(parts[0], new Model(Long.parseLong(parts[1]), parts[2]));
        }
        return new NicSpeedTable(Map.copyOf(m));
    }

    /** The model for "8086:158b", or null. */
    Model find(String vendorDevice) {
        return vendorDevice == null ? null : byId.get(vendorDevice);
    }
}
