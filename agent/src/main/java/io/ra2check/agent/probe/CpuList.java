package io.ra2check.agent.probe;

import java.util.ArrayList;
import java.util.List;

/** The kernel's CPU list ("0-3,8,10-11") and mask ("0000,00000001,00000001") formats. */
public final class CpuList {
    /** Far above any real machine; keeps a corrupt "0-4000000000" from allocating a huge list. */
    static final int MAX_CPU = 1 << 16;

    private CpuList() {
    }

    /** Parses a list; throws {@link IllegalArgumentException} naming the bad part. Empty text is an empty list. */
    public static List<Integer> parse(String text) {
        List<Integer> out = new ArrayList<>();
        String t = text.trim();
        if (t.isEmpty()) {
            return out;
        }
        for (String part : t.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            try {
                if (dash < 0) {
                    out.add(checked(Integer.parseInt(p)));
                } else {
                    int a = checked(Integer.parseInt(p.substring(0, dash)));
                    int colon = p.indexOf(':', dash);
                    int b = checked(Integer.parseInt(p.substring(dash + 1, colon < 0 ? p.length() : colon)));
                    int stride = colon < 0 ? 1 : Integer.parseInt(p.substring(colon + 1));
                    if (b < a || stride < 1) {
                        throw new IllegalArgumentException("bad CPU range '" + p + "'");
                    }
                    for (int i = a; i <= b; i += stride) {
                        out.add(i);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad CPU list '" + abbreviate(t) + "'");
            }
        }
        return out;
    }

    /** Parses a hex mask, most significant 32-bit group first. */
    static List<Integer> parseMask(String text) {
        String t = text.trim();
        List<Integer> out = new ArrayList<>();
        if (t.isEmpty()) {
            return out;
        }
        String[] groups = t.split(",");
        if (groups.length * 32 > MAX_CPU) {
            throw new IllegalArgumentException("CPU mask too long");
        }
        for (int g = 0; g < groups.length; g++) {
            long v;
            try {
                v = Long.parseLong(groups[g], 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad CPU mask '" + abbreviate(t) + "'");
            }
            int base = (groups.length - 1 - g) * 32;
            for (int bit = 0; bit < 32; bit++) {
                if ((v >> bit & 1) != 0) {
                    out.add(base + bit);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The list format of a sorted set of CPU numbers ("0-3,8"). */
    public static String format(List<Integer> cpus) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < cpus.size()) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(cpus.get(i));
            if (j > i) {
                sb.append('-').append(cpus.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }

    private static int checked(int cpu) {
        if (cpu < 0 || cpu > MAX_CPU) {
            throw new IllegalArgumentException("CPU number out of range: " + cpu);
        }
        return cpu;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
