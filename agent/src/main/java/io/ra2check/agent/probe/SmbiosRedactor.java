package io.ra2check.agent.probe;

import java.util.Arrays;

/**
 * Removes serial numbers, asset tags and the system UUID from an SMBIOS structure table, keeping every length and
 * offset as it was (strings are overwritten in place), so that the redacted table decodes exactly like the original
 * apart from those values.
 */
public final class SmbiosRedactor {
    /** Structure type -> offsets of string fields that identify one machine (serial numbers, asset tags). */
    private static final int[][] IDENTIFYING_STRINGS = new int[128][];

    static {
        IDENTIFYING_STRINGS[1] = new int[] {0x07};
        IDENTIFYING_STRINGS[2] = new int[] {0x07, 0x08};
        IDENTIFYING_STRINGS[3] = new int[] {0x07, 0x08};
        IDENTIFYING_STRINGS[4] = new int[] {0x20, 0x21};
        IDENTIFYING_STRINGS[17] = new int[] {0x18, 0x19};
    }

    private SmbiosRedactor() {
    }

    /** A copy of {@code dmi} with identifying strings replaced by '*' and the type 1 UUID zeroed. */
    public static byte[] redact(byte[] dmi) {
        byte[] b = Arrays.copyOf(dmi, dmi.length);
        int off = 0;
        int count = 0;
        while (off + 4 <= b.length && count++ < SmbiosParser.MAX_STRUCTURES) {
            int type = b[off] & 0xFF;
            int len = b[off + 1] & 0xFF;
            if (len < 4 || off + len > b.length) {
                break;
            }
            int strings = off + len;
            int end = strings;
            while (end + 1 < b.length && !(b[end] == 0 && b[end + 1] == 0)) {
                end++;
            }
            if (end + 1 >= b.length) {
                break;
            }
            if (type == 1 && len >= 0x18) {
                Arrays.fill(b, off + 0x08, off + 0x18, (byte) 0);
            }
            int[] fields = type < IDENTIFYING_STRINGS.length ? IDENTIFYING_STRINGS[type] : null;
            if (fields != null) {
                for (int f : fields) {
                    if (f < len) {
                        blank(b, strings, end, b[off + f] & 0xFF);
                    }
                }
            }
            off = end + 2;
            if (type == 127) {
                break;
            }
        }
        return b;
    }

    /** Overwrites string number {@code index} (1-based) of the set [start, end) with '*'. */
    private static void blank(byte[] b, int start, int end, int index) {
        if (index == 0) {
            return;
        }
        int i = start;
        int n = 1;
        while (i < end) {
            int s = i;
            while (i < end && b[i] != 0) {
                i++;
            }
            if (n == index) {
                Arrays.fill(b, s, i, (byte) '*');
                return;
            }
            n++;
            i++;
        }
    }
}
