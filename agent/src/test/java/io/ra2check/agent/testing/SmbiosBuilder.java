package io.ra2check.agent.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds SMBIOS structure tables byte by byte, as firmware lays them out (DSP0134), for tests. */
public final class SmbiosBuilder {
    private final ByteArrayOutputStream table = new ByteArrayOutputStream();
    private int handle = 0x100;
    private int count;

    /** One structure: formatted area (type, length and handle are filled in) and its strings. */
    public SmbiosBuilder structure(int type, byte[] formattedAfterHeader, String... strings) {
        int len = 4 + formattedAfterHeader.length;
        table.write(type);
        table.write(len);
        table.write(handle & 0xFF);
        table.write(handle >> 8 & 0xFF);
        handle++;
        table.writeBytes(formattedAfterHeader);
        if (strings.length == 0) {
            table.write(0);
            table.write(0);
        } else {
            for (String s : strings) {
                table.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
                table.write(0);
            }
            table.write(0);
        }
        count++;
        return this;
    }

    /** Type 0 with the "virtual machine" characteristic bit as given. */
    public SmbiosBuilder bios(String vendor, String version, boolean virtualMachine) {
        byte[] f = new byte[0x14 - 4];
        f[0x04 - 4] = 1;
        f[0x05 - 4] = 2;
        f[0x08 - 4] = 3;
        f[0x13 - 4] = (byte) (virtualMachine ? 0x10 : 0);
        return structure(0, f, vendor, version, "01/01/2025");
    }

    public SmbiosBuilder system(String manufacturer, String product, String serial) {
        byte[] f = new byte[0x1B - 4];
        f[0x04 - 4] = 1;
        f[0x05 - 4] = 2;
        f[0x07 - 4] = 3;
        for (int i = 0; i < 16; i++) {
            f[0x08 - 4 + i] = (byte) (i + 1);
        }
        return structure(1, f, manufacturer, product, serial);
    }

    /** Type 4 (SMBIOS 3.0 length), populated or not. */
    public SmbiosBuilder processor(String socket, boolean populated, int cores, int threads, String model) {
        return processor(socket, populated ? 0x41 : 0x00, cores, threads, model);
    }

    /**
     * Type 4 with the status byte as given: 0x41 populated and enabled, 0x43 populated and disabled by BIOS, 0x40
     * populated with unknown status, 0x00 unpopulated.
     */
    public SmbiosBuilder processor(String socket, int status, int cores, int threads, String model) {
        boolean populated = (status & 0x40) != 0;
        byte[] f = new byte[0x30 - 4];
        f[0x04 - 4] = 1;
        f[0x07 - 4] = 2;
        f[0x10 - 4] = 3;
        f[0x18 - 4] = (byte) status;
        f[0x20 - 4] = 4;
        f[0x23 - 4] = (byte) (populated ? Math.min(cores, 255) : 0);
        f[0x24 - 4] = (byte) (populated ? Math.min(cores, 255) : 0);
        f[0x25 - 4] = (byte) (populated ? Math.min(threads, 255) : 0);
        f[0x2A - 4] = (byte) cores;
        f[0x2B - 4] = (byte) (cores >> 8);
        f[0x2C - 4] = (byte) cores;
        f[0x2D - 4] = (byte) (cores >> 8);
        f[0x2E - 4] = (byte) threads;
        f[0x2F - 4] = (byte) (threads >> 8);
        return populated ? structure(4, f, socket, "Intel(R) Corporation", model, "CPU-SERIAL")
                : structure(4, f, socket, "Not Specified", "Not Specified", "Not Specified");
    }

    /**
     * Type 9 (SMBIOS 2.6 length, 17 bytes).
     *
     * @param typeCode  slot type (0xB6 = PCI Express Gen 3 x16)
     * @param widthCode data bus width (0x0B = x8, 0x0D = x16)
     * @param usage     0x03 available, 0x04 in use
     */
    public SmbiosBuilder slot(String designation, int typeCode, int widthCode, int usage, int bus) {
        byte[] f = new byte[0x11 - 4];
        f[0x04 - 4] = 1;
        f[0x05 - 4] = (byte) typeCode;
        f[0x06 - 4] = (byte) widthCode;
        f[0x07 - 4] = (byte) usage;
        f[0x08 - 4] = 4;
        f[0x0F - 4] = (byte) bus;
        return structure(9, f, designation);
    }

    public SmbiosBuilder memoryArray(int devices) {
        byte[] f = new byte[0x0F - 4];
        f[0x05 - 4] = 3;
        f[0x0D - 4] = (byte) devices;
        f[0x0E - 4] = (byte) (devices >> 8);
        return structure(16, f);
    }

    /** Type 17 with a size in MiB (0 = empty slot). */
    public SmbiosBuilder memoryDevice(String locator, int sizeMiB) {
        byte[] f = new byte[0x28 - 4];
        f[0x0C - 4] = (byte) sizeMiB;
        f[0x0D - 4] = (byte) (sizeMiB >> 8);
        f[0x10 - 4] = 1;
        f[0x12 - 4] = 0x1A;
        f[0x15 - 4] = (byte) 3200;
        f[0x16 - 4] = (byte) (3200 >> 8);
        f[0x18 - 4] = 2;
        return structure(17, f, locator, "DIMM-SERIAL-" + locator);
    }

    public SmbiosBuilder end() {
        return structure(127, new byte[0]);
    }

    public byte[] table() {
        return table.toByteArray();
    }

    /** A 64-bit (SMBIOS 3.x) entry point for this table. */
    public byte[] entryPoint3(int major, int minor) {
        byte[] ep = new byte[0x18];
        byte[] magic = "_SM3_".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, ep, 0, 5);
        ep[0x06] = 0x18;
        ep[0x07] = (byte) major;
        ep[0x08] = (byte) minor;
        ep[0x0A] = 1;
        int size = table.size();
        ep[0x0C] = (byte) size;
        ep[0x0D] = (byte) (size >> 8);
        int sum = 0;
        for (byte b : ep) {
            sum += b;
        }
        ep[0x05] = (byte) -sum;
        return ep;
    }

    public int count() {
        return count;
    }

    /** The compliant server's BIOS, system, processors and DIMMs, without slot records (and without the end). */
    public static SmbiosBuilder compliantServerWithoutSlots() {
        SmbiosBuilder b = new SmbiosBuilder().bios("Acme BIOS", "1.2.3", false)
                .system("Acme", "Telco-2U", "SN-0001")
                .processor("CPU1", true, 20, 40, "Intel(R) Xeon(R) Gold 6230N CPU @ 2.30GHz")
                .processor("CPU2", true, 20, 40, "Intel(R) Xeon(R) Gold 6230N CPU @ 2.30GHz");
        b.memoryArray(16);
        for (int i = 0; i < 16; i++) {
            b.memoryDevice("DIMM" + i, i < 8 ? 8192 : 0);
        }
        return b;
    }

    /** A compliant two-socket server: 2 x 20 cores, 8 x 8 GiB DIMMs, eight Gen3 x8 slots. */
    public static SmbiosBuilder compliantServer() {
        SmbiosBuilder b = new SmbiosBuilder().bios("Acme BIOS", "1.2.3", false)
                .system("Acme", "Telco-2U", "SN-0001")
                .processor("CPU1", true, 20, 40, "Intel(R) Xeon(R) Gold 6230N CPU @ 2.30GHz")
                .processor("CPU2", true, 20, 40, "Intel(R) Xeon(R) Gold 6230N CPU @ 2.30GHz");
        for (int i = 1; i <= 8; i++) {
            b.slot("PCIe Slot " + i, 0xB6, 0x0B, i <= 4 ? 0x04 : 0x03, 0x10 + i);
        }
        b.memoryArray(16);
        for (int i = 0; i < 16; i++) {
            b.memoryDevice("DIMM" + i, i < 8 ? 8192 : 0);
        }
        return b.end();
    }

    /** The slot types of a table, for assertions. */
    public static List<Integer> typesOf(byte[] table) {
        List<Integer> types = new ArrayList<>();
        int off = 0;
        while (off + 4 <= table.length) {
            types.add(table[off] & 0xFF);
            int end = off + (table[off + 1] & 0xFF);
            while (end + 1 < table.length && !(table[end] == 0 && table[end + 1] == 0)) {
                end++;
            }
            off = end + 2;
        }
        return types;
    }
}
