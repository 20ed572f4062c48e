package io.ra2check.agent.probe;

import io.ra2check.agent.facts.SmbiosFacts;
import io.ra2check.agent.facts.SmbiosFacts.Table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes SMBIOS 2.x and 3.x tables ({@code smbios_entry_point} and {@code DMI} under /sys/firmware/dmi/tables) in
 * pure Java. Field offsets follow the DMTF SMBIOS specification (DSP0134); a field is read only when the structure is
 * long enough to hold it, so tables of every version decode with what they have.
 *
 * <p>The bytes come from firmware and from snapshots made elsewhere: every length and offset is checked, a truncated
 * table gives the structures before the break and says where it broke, and nothing here throws on any input.
 */
final class SmbiosParser {
    static final int MAX_STRUCTURES = 8192;

    private SmbiosParser() {
    }

    /** The SMBIOS version an entry point announces, or null when the bytes are no entry point. */
    static String entryPointVersion(byte[] ep) {
        if (ep == null) {
            return null;
        }
        if (ep.length >= 0x18 && startsWith(ep, "_SM3_")) {
            return u8(ep, 0x07) + "." + u8(ep, 0x08);
        }
        if (ep.length >= 0x1F && startsWith(ep, "_SM_")) {
            return u8(ep, 0x06) + "." + u8(ep, 0x07);
        }
        if (ep.length >= 0x0F && startsWith(ep, "_DMI_")) {
            int bcd = u8(ep, 0x0E);
            return (bcd >> 4) + "." + (bcd & 0x0F);
        }
        return null;
    }

    static Table parse(byte[] entryPoint, byte[] dmi) {
        String version = entryPointVersion(entryPoint);
        List<String> problems = new ArrayList<>();
        if (entryPoint != null && version == null) {
            problems.add("smbios_entry_point is not an SMBIOS entry point");
        }
        SmbiosFacts.System system = null;
        SmbiosFacts.Baseboard board = null;
        SmbiosFacts.Bios bios = null;
        List<SmbiosFacts.Processor> processors = new ArrayList<>();
        List<SmbiosFacts.Slot> slots = new ArrayList<>();
        List<SmbiosFacts.MemoryDevice> memory = new ArrayList<>();
        Integer memorySlots = null;
        boolean truncated = false;
        int count = 0;
        int off = 0;
        while (off + 4 <= dmi.length && count < MAX_STRUCTURES) {
            int type = u8(dmi, off);
            int len = u8(dmi, off + 1);
            if (len < 4) {
                problems.add("structure at offset " + off + " has an impossible length " + len);
                truncated = true;
                break;
            }
            if (off + len > dmi.length) {
                problems.add("table ends inside a type " + type + " structure at offset " + off);
                truncated = true;
                break;
            }
            int stringsEnd = endOfStrings(dmi, off + len);
            if (stringsEnd < 0) {
                problems.add("table ends inside the strings of a type " + type + " structure at offset " + off);
                truncated = true;
                break;
            }
            Structure s = new Structure(dmi, off, len, off + len, stringsEnd);
            count++;
            switch (type) {
                case 0 -> {
                    // characteristics extension byte 2, bit 4: "SMBIOS table describes a virtual machine" (2.4+)
                    Integer ext2 = s.u8(0x13);
                    bios = new SmbiosFacts.Bios(s.string(0x04), s.string(0x05), s.string(0x08),
                            ext2 == null ? null : (ext2 & 0x10) != 0);
                }
                case 1 -> system = new SmbiosFacts.System(s.string(0x04), s.string(0x05), s.string(0x06),
                        s.string(0x07), s.uuid(0x08), s.string(0x19), s.string(0x1A));
                case 2 -> {
                    if (board == null) {
                        board = new SmbiosFacts.Baseboard(s.string(0x04), s.string(0x05), s.string(0x06),
                                s.string(0x07));
                    }
                }
                case 4 -> processors.add(processor(s));
                case 9 -> slots.add(slot(s));
                case 16 -> {
                    Integer n = s.u16(0x0D);
                    // a physical memory array used for system memory (use 0x03); others are flash, video...
                    if (n != null && Integer.valueOf(0x03).equals(s.u8(0x05))) {
                        memorySlots = (memorySlots == null ? 0 : memorySlots) + n;
                    }
                }
                case 17 -> memory.add(memoryDevice(s));
                default -> {
                }
            }
            off = stringsEnd;
            if (type == 127) {
                break;
            }
        }
        if (count >= MAX_STRUCTURES) {
            problems.add("more than " + MAX_STRUCTURES + " structures");
        }
        if (count == 0 && problems.isEmpty()) {
            problems.add("the table holds no structure");
        }
        return new Table(version == null ? "unknown" : version, count, truncated,
                problems.isEmpty() ? null : String.join("; ", problems), system, board, bios, List.copyOf(processors),
                List.copyOf(slots), List.copyOf(memory), memorySlots);
    }

    private static SmbiosFacts.Processor processor(Structure s) {
        Integer status = s.u8(0x18);
        boolean populated = status != null && (status & 0x40) != 0;
        boolean enabled = status != null && (status & 0x07) == 0x01;
        Integer cores = s.u8(0x23);
        Integer enabledCores = s.u8(0x24);
        Integer threads = s.u8(0x25);
        // 0xFF means "see the 16-bit field" (SMBIOS 3.0) for tables that have it
        if (cores != null && cores == 0xFF && s.u16(0x2A) != null) {
            cores = s.u16(0x2A);
        }
        if (enabledCores != null && enabledCores == 0xFF && s.u16(0x2C) != null) {
            enabledCores = s.u16(0x2C);
        }
        if (threads != null && threads == 0xFF && s.u16(0x2E) != null) {
            threads = s.u16(0x2E);
        }
        return new SmbiosFacts.Processor(s.string(0x04), populated, enabled, s.string(0x07), s.string(0x10),
                zeroIsUnknown(cores), zeroIsUnknown(enabledCores), zeroIsUnknown(threads), s.string(0x20),
                status == null ? 0 : status & 0x07);
    }

    private static Integer zeroIsUnknown(Integer v) {
        return v == null || v == 0 ? null : v;
    }

    private static SmbiosFacts.Slot slot(Structure s) {
        int typeCode = s.u8(0x05) == null ? 0 : s.u8(0x05);
        SlotType t = SlotType.of(typeCode);
        Integer width = s.u8(0x06);
        Integer lanes = width == null ? null : lanesOfWidthCode(width);
        Integer usageCode = s.u8(0x07);
        String usage = usageCode == null ? "Unknown" : switch (usageCode) {
            case 0x01 -> "Other";
            case 0x03 -> "Available";
            case 0x04 -> "In Use";
            case 0x05 -> "Unavailable";
            default -> "Unknown";
        };
        Integer generation = t.generation;
        // SMBIOS 3.4 adds "Slot Information" after the peer groups: the PCIe generation for PCIe slots
        Integer peers = s.u8(0x12);
        if (t.pcie && peers != null) {
            Integer info = s.u8(0x13 + 5 * peers);
            if (info != null && info > 0 && info < 16) {
                generation = info;
            }
        }
        String type = t.describe(lanes);
        return new SmbiosFacts.Slot(s.string(0x04), typeCode, type, t.pcie, generation, lanes, t.physicalLanes, usage,
                busAddress(s));
    }

    private static String busAddress(Structure s) {
        Integer segment = s.u16(0x0D);
        Integer bus = s.u8(0x0F);
        Integer devfn = s.u8(0x10);
        if (segment == null || bus == null || devfn == null || (segment == 0xFFFF && bus == 0xFF && devfn == 0xFF)) {
            return null;
        }
        return PciProbe.hex(segment, 4) + ":" + PciProbe.hex(bus, 2) + ":" + PciProbe.hex(devfn >> 3, 2) + "."
                + Integer.toHexString(devfn & 7);
    }

    /** Lanes for the PCIe "Data Bus Width" codes (x1..x32); null for bit widths, "other" and "unknown". */
    static Integer lanesOfWidthCode(int code) {
        return switch (code) {
            case 0x08 -> 1;
            case 0x09 -> 2;
            case 0x0A -> 4;
            case 0x0B -> 8;
            case 0x0C -> 12;
            case 0x0D -> 16;
            case 0x0E -> 32;
            default -> null;
        };
    }

    private static SmbiosFacts.MemoryDevice memoryDevice(Structure s) {
        Integer size = s.u16(0x0C);
        Long bytes;
        if (size == null || size == 0xFFFF) {
            bytes = null;
        } else if (size == 0) {
            bytes = 0L;
        } else if (size == 0x7FFF) {
            Long ext = s.u32(0x1C);
            bytes = ext == null ? null : (ext & 0x7FFFFFFFL) * 1024 * 1024;
        } else if ((size & 0x8000) != 0) {
            bytes = (long) (size & 0x7FFF) * 1024;
        } else {
            bytes = (long) size * 1024 * 1024;
        }
        Integer speed = s.u16(0x15);
        if (speed != null && speed == 0xFFFF) {
            Long ext = s.u32(0x54);
            speed = ext == null ? null : ext.intValue();
        }
        return new SmbiosFacts.MemoryDevice(s.string(0x10), s.string(0x11), bytes, memoryType(s.u8(0x12)),
                speed == null || speed == 0 ? null : speed, s.string(0x17), s.string(0x1A), s.string(0x18));
    }

    private static String memoryType(Integer code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case 0x12 -> "DDR";
            case 0x13 -> "DDR2";
            case 0x18 -> "DDR3";
            case 0x1A -> "DDR4";
            case 0x1B -> "LPDDR";
            case 0x1C -> "LPDDR2";
            case 0x1D -> "LPDDR3";
            case 0x1E -> "LPDDR4";
            case 0x20 -> "HBM";
            case 0x21 -> "HBM2";
            case 0x22 -> "DDR5";
            case 0x23 -> "LPDDR5";
            case 0x24 -> "HBM3";
            case 0x02 -> "Unknown";
            case 0x01 -> "Other";
            default -> String.format(Locale.ROOT, "type 0x%02X", code);
        };
    }

    /** Offset just past a structure's string set (two NULs end it), or -1 when the table ends first. */
    private static int endOfStrings(byte[] b, int start) {
        int i = start;
        // no strings: the formatted area is followed directly by two NULs
        if (i + 1 < b.length && b[i] == 0 && b[i + 1] == 0) {
            return i + 2;
        }
        while (i + 1 < b.length) {
            if (b[i] == 0 && b[i + 1] == 0) {
                return i + 2;
            }
            i++;
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, String magic) {
        if (b.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (b[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    /** One structure: formatted area [start, start+length), strings [stringsStart, stringsEnd). */
    private record Structure(byte[] b, int start, int length, int stringsStart, int stringsEnd) {
        Integer u8(int off) {
            return off < length ? b[start + off] & 0xFF : null;
        }

        Integer u16(int off) {
            return off + 1 < length ? (b[start + off] & 0xFF) | (b[start + off + 1] & 0xFF) << 8 : null;
        }

        Long u32(int off) {
            if (off + 3 >= length) {
                return null;
            }
            return (long) (b[start + off] & 0xFF) | (long) (b[start + off + 1] & 0xFF) << 8
                    | (long) (b[start + off + 2] & 0xFF) << 16 | (long) (b[start + off + 3] & 0xFF) << 24;
        }

        /** The string a field refers to (1-based index into the string set); null for 0 or a missing index. */
        String string(int off) {
            Integer index = u8(off);
            if (index == null || index == 0) {
                return null;
            }
            int i = stringsStart;
            int n = 1;
            while (i < stringsEnd - 1) {
                int end = i;
                while (end < stringsEnd && b[end] != 0) {
                    end++;
                }
                if (n == index) {
                    String s = new String(b, i, end - i, StandardCharsets.ISO_8859_1).trim();
                    return s.isEmpty() ? null : s;
                }
                n++;
                i = end + 1;
            }
            return null;
        }

        /** SMBIOS UUID: the first three fields little-endian (SMBIOS >= 2.6), as dmidecode prints it. */
        String uuid(int off) {
            if (off + 15 >= length) {
                return null;
            }
            int p = start + off;
            boolean allFf = true;
            boolean allZero = true;
            for (int i = 0; i < 16; i++) {
                allFf &= b[p + i] == (byte) 0xFF;
                allZero &= b[p + i] == 0;
            }
            if (allFf || allZero) {
                return null;
            }
            return String.format(Locale.ROOT, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                    b[p + 3], b[p + 2], b[p + 1], b[p], b[p + 5], b[p + 4], b[p + 7], b[p + 6], b[p + 8], b[p + 9],
                    b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15]);
        }
    }

    /** What a slot type code says: PCIe or not, generation and mechanical width where the code carries them. */
    record SlotType(boolean pcie, Integer generation, Integer physicalLanes, String name) {
        static SlotType of(int code) {
            if (code >= 0xA5 && code <= 0xAA) {
                return pcieRange(code, 0xA5, 1);
            }
            if (code >= 0xAB && code <= 0xB0) {
                return pcieRange(code, 0xAB, 2);
            }
            if (code >= 0xB1 && code <= 0xB6) {
                return pcieRange(code, 0xB1, 3);
            }
            if (code >= 0xB8 && code <= 0xBD) {
                return pcieRange(code, 0xB8, 4);
            }
            if (code >= 0xBE && code <= 0xC3) {
                return pcieRange(code, 0xBE, 5);
            }
            return switch (code) {
                case 0xC4 -> new SlotType(true, 6, null, "PCI Express 6+");
                case 0x1F -> new SlotType(true, 2, null, "PCI Express 2 SFF-8639 (U.2)");
                case 0x20 -> new SlotType(true, 3, null, "PCI Express 3 SFF-8639 (U.2)");
                case 0x24 -> new SlotType(true, 4, null, "PCI Express 4 SFF-8639 (U.2)");
                case 0x25 -> new SlotType(true, 5, null, "PCI Express 5 SFF-8639 (U.2)");
                case 0x21, 0x22 -> new SlotType(true, null, null, "PCI Express Mini 52-pin");
                case 0x23 -> new SlotType(true, null, null, "PCI Express Mini 76-pin");
                case 0x26 -> new SlotType(true, null, null, "OCP NIC 3.0 Small Form Factor (SFF)");
                case 0x27 -> new SlotType(true, null, null, "OCP NIC 3.0 Large Form Factor (LFF)");
                case 0x28 -> new SlotType(true, null, null, "OCP NIC Prior to 3.0");
                case 0x14, 0x15 -> new SlotType(true, null, null, "M.2 Socket 1");
                case 0x16 -> new SlotType(true, null, null, "M.2 Socket 2");
                case 0x17 -> new SlotType(true, null, null, "M.2 Socket 3");
                case 0xC5 -> new SlotType(true, null, null, "EDSFF E1");
                case 0xC6 -> new SlotType(true, null, null, "EDSFF E3");
                case 0x06 -> new SlotType(false, null, null, "PCI");
                case 0x0E -> new SlotType(false, null, null, "PCI-66");
                case 0x12 -> new SlotType(false, null, null, "PCI-X");
                case 0x0F, 0x10, 0x11, 0x13 -> new SlotType(false, null, null, "AGP");
                case 0x03 -> new SlotType(false, null, null, "ISA");
                case 0x01 -> new SlotType(false, null, null, "Other");
                default -> new SlotType(false, null, null, String.format(Locale.ROOT, "type 0x%02X", code));
            };
        }

        private static SlotType pcieRange(int code, int base, int generation) {
            int k = code - base;
            Integer width = k == 0 ? null : 1 << (k - 1);
            // the first range predates generations in the type code: SMBIOS names it plain "PCI Express", and
            // firmware uses it for slots of every generation, so it says nothing of the generation
            boolean namesGeneration = generation != 1;
            String name = namesGeneration ? "PCI Express " + generation : "PCI Express";
            return new SlotType(true, namesGeneration ? generation : null, width,
                    name + (width == null ? "" : " x" + width));
        }

        /** "x8 PCI Express 3 x16" as dmidecode writes it: electrical width first. */
        String describe(Integer lanes) {
            return lanes == null ? name : "x" + lanes + " " + name;
        }
    }
}
