package io.ra2check.agent.probe;

import java.util.Arrays;

/**
 * Removes what identifies one machine from an SMBIOS structure table (DMTF DSP0134 3.7): serial numbers, asset tags,
 * UUIDs, OEM strings, and the addresses and UUID of the management controller's host interface. Every length and
 * offset stays as it was (strings are overwritten in place with '*', numbers and UUIDs with zeros), so that the
 * redacted table decodes exactly like the original apart from those values.
 *
 * <p>Per type, the string fields that carry them: 1 System (serial 07h; UUID 08h-17h zeroed), 2 Baseboard (serial
 * 07h, asset tag 08h), 3 Chassis (serial 07h, asset tag 08h), 4 Processor (serial 20h, asset tag 21h), 11 OEM Strings
 * (every string: vendors put service tags and order numbers there), 17 Memory Device (serial 18h, asset tag 19h),
 * 22 Portable Battery (serial 07h; SBDS serial 10h-11h zeroed), 39 System Power Supply (serial 08h, asset tag 09h),
 * 42 Management Controller Host Interface (interface and protocol data zeroed: MAC, Redfish service UUID, IP
 * addresses, host name). Manufacturer, product, version and part numbers stay: they name a model, not a machine.
 */
public final class SmbiosRedactor {
    /** Structure type -> offsets of string fields that identify one machine (serial numbers, asset tags). */
    private static final int[][] IDENTIFYING_STRINGS = new int[128][];
    /** Structure type -> [from, to) byte ranges of the formatted area zeroed (UUIDs, numeric serials). */
    private static final int[][][] IDENTIFYING_BYTES = new int[128][][];

    static {
        IDENTIFYING_STRINGS[1] = new int[] {0x07};
        IDENTIFYING_BYTES[1] = new int[][] {{0x08, 0x18}};
        IDENTIFYING_STRINGS[2] = new int[] {0x07, 0x08};
        IDENTIFYING_STRINGS[3] = new int[] {0x07, 0x08};
        IDENTIFYING_STRINGS[4] = new int[] {0x20, 0x21};
        IDENTIFYING_STRINGS[17] = new int[] {0x18, 0x19};
        IDENTIFYING_STRINGS[22] = new int[] {0x07};
        IDENTIFYING_BYTES[22] = new int[][] {{0x10, 0x12}};
        IDENTIFYING_STRINGS[39] = new int[] {0x08, 0x09};
    }

    private static final int OEM_STRINGS = 11;
    private static final int HOST_INTERFACE = 42;

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
            int[][] ranges = type < IDENTIFYING_BYTES.length ? IDENTIFYING_BYTES[type] : null;
            if (ranges != null) {
                for (int[] r : ranges) {
                    // only a range the structure holds whole: a short (older) structure has no such field
                    if (r[1] <= len) {
                        Arrays.fill(b, off + r[0], off + r[1], (byte) 0);
                    }
                }
            }
            int[] fields = type < IDENTIFYING_STRINGS.length ? IDENTIFYING_STRINGS[type] : null;
            if (fields != null) {
                for (int f : fields) {
                    if (f < len) {
                        blank(b, strings, end, b[off + f] & 0xFF);
                    }
                }
            }
            if (type == OEM_STRINGS) {
                Arrays.fill(b, strings, end, (byte) '*');
                restoreTerminators(b, dmi, strings, end);
            }
            if (type == HOST_INTERFACE && len > 0x05) {
                // 04h interface type stays; 05h on: interface data (MAC, USB serial) and protocol records (Redfish
                // service UUID, host and service addresses, host name)
                Arrays.fill(b, off + 0x05, off + len, (byte) 0);
            }
            off = end + 2;
            if (type == 127) {
                break;
            }
        }
        return b;
    }

    /** Puts back the NUL bytes that end each string of [start, end) after the set was overwritten. */
    private static void restoreTerminators(byte[] b, byte[] original, int start, int end) {
        for (int i = start; i < end; i++) {
            if (original[i] == 0) {
                b[i] = 0;
            }
        }
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
