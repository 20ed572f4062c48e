package io.ra2check.agent.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the kernel command line says about huge pages. */
final class KernelCmdline {
    private KernelCmdline() {
    }

    /** The sizes of "hugepagesz=" and "default_hugepagesz=" parameters, in KiB ("1G" = 1048576), in order. */
    static List<Long> hugepageSizesKiB(String cmdline) {
        List<Long> out = new ArrayList<>();
        for (String word : cmdline.trim().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = word.substring(0, eq);
            if (!key.equals("hugepagesz") && !key.equals("default_hugepagesz")) {
                continue;
            }
            Long kib = sizeKiB(word.substring(eq + 1));
            if (kib != null && !out.contains(kib)) {
                out.add(kib);
            }
        }
        return List.copyOf(out);
    }

    /** memparse as the kernel does for these parameters: a number with an optional K, M or G suffix (bytes). */
    static Long sizeKiB(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.isEmpty() || v.length() > 20) {
            return null;
        }
        long unit = 1;
        char last = v.charAt(v.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            if (n <= 0 || n > (1L << 40) / unit) {
                return null;
            }
            long bytes = n * unit;
            return bytes % 1024 == 0 ? bytes / 1024 : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
