package io.ra2check.agent.probe;

import io.ra2check.agent.facts.Fact;
import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** /proc/meminfo, read once per scan and shared by the memory and huge page probes. */
public final class Meminfo {
    static final String PATH = "/proc/meminfo";

    private Meminfo() {
    }

    /** Fields in bytes where the kernel gives kB, plain counts otherwise (HugePages_Total). */
    public static Fact<Map<String, Long>> read(HostFs fs) {
        try {
            return Fact.of(parse(fs.readString(PATH)));
        } catch (IOException e) {
            return Fact.unknown(Fs.describe(PATH, e));
        }
    }

    static Map<String, Long> parse(String text) {
        Map<String, Long> out = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] parts = line.substring(colon + 1).trim().split("\\s+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(parts[0]);
                if (parts.length > 1 && parts[1].equalsIgnoreCase("kB")) {
                    v = Math.multiplyExact(v, 1024L);
                }
                out.put(line.substring(0, colon).trim(), v);
            } catch (NumberFormatException | ArithmeticException e) {
                // a field we cannot read is simply absent
            }
        }
        return out;
    }
}
