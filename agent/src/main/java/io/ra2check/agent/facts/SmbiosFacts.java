package io.ra2check.agent.facts;

import java.util.List;
import java.util.Map;

/**
 * Firmware's description of the machine.
 *
 * @param table the SMBIOS table (/sys/firmware/dmi/tables): root-only on real hosts, so often unknown
 * @param dmiId the world-readable identity strings under /sys/class/dmi/id (vendor, product, BIOS)
 */
public record SmbiosFacts(Fact<Table> table, Fact<Map<String, String>> dmiId) {

    /**
     * @param version        SMBIOS version from the entry point ("3.2", "2.8"), or "unknown" without one
     * @param truncated      the structure table ended inside a structure: what follows the last whole structure is lost
     * @param problem        what was wrong with the table, when something was (null otherwise)
     * @param memorySlots    total DIMM slots (type 16 "Number Of Memory Devices", summed), null if not given
     */
    public record Table(String version, int structureCount, boolean truncated, String problem, System system,
                        Baseboard baseboard, Bios bios, List<Processor> processors, List<Slot> slots,
                        List<MemoryDevice> memoryDevices, Integer memorySlots) {
    }

    /** Type 1. */
    public record System(String manufacturer, String productName, String version, String serialNumber, String uuid,
                         String sku, String family) {
    }

    /** Type 2. */
    public record Baseboard(String manufacturer, String product, String version, String serialNumber) {
    }

    /**
     * Type 0.
     *
     * @param virtualMachine the "SMBIOS table describes a virtual machine" characteristic (null on tables too old to
     *                       have the field)
     */
    public record Bios(String vendor, String version, String releaseDate, Boolean virtualMachine) {
    }

    /**
     * Type 4.
     *
     * @param populated  status bit 6: a processor is in the socket
     * @param enabled    CPU status 1 (enabled) in the low status bits
     * @param coreCount  cores in the package (null when the firmware does not say)
     * @param cpuStatus  the low three status bits: 0 unknown, 1 enabled, 2 disabled by user, 3 disabled by BIOS (POST
     *                   error), 4 idle, 7 other
     */
    public record Processor(String socket, boolean populated, boolean enabled, String manufacturer, String version,
                            Integer coreCount, Integer coresEnabled, Integer threadCount, String serialNumber,
                            int cpuStatus) {

        /** dmidecode's words for the status: "Populated, Enabled", "Populated, Disabled By BIOS", "Unpopulated". */
        public String status() {
            if (!populated) {
                return "Unpopulated";
            }
            return "Populated, " + switch (cpuStatus) {
                case 1 -> "Enabled";
                case 2 -> "Disabled By User";
                case 3 -> "Disabled By BIOS";
                case 4 -> "Idle";
                case 7 -> "Other";
                default -> "Unknown";
            };
        }

        /** A socket the machine is equipped with and uses: populated and enabled (disabled ones are evidence only). */
        public boolean counts() {
            return populated && enabled;
        }
    }

    /**
     * Type 9.
     *
     * @param typeCode      slot type byte (0xB6 = PCI Express Gen 3 x16)
     * @param type          dmidecode-style description of the slot type
     * @param pcie          the slot is a PCI Express slot of some form
     * @param generation    PCI Express generation, null when the type does not say (and no SMBIOS 3.4 slot info does):
     *                      the plain "PCI Express" types 0xA5-0xAA name no generation, whatever the slot is
     * @param lanes         electrical width from "Data Bus Width" (x8 = 8), null when other/unknown
     * @param physicalLanes mechanical width from the slot type (x16 in "x8 PCI Express 3 x16"), null when not given
     * @param usage         available / in use / unavailable / other / unknown
     * @param busAddress    segment:bus:device.function, null when not given (pre-2.6 tables or 0xFF fields)
     */
    public record Slot(String designation, int typeCode, String type, boolean pcie, Integer generation, Integer lanes,
                       Integer physicalLanes, String usage, String busAddress) {
        public boolean inUse() {
            return "In Use".equals(usage);
        }
    }

    /** Type 17; {@code sizeBytes} is 0 for an empty slot, null when the firmware says "unknown". */
    public record MemoryDevice(String locator, String bankLocator, Long sizeBytes, String type, Integer speedMts,
                               String manufacturer, String partNumber, String serialNumber) {
        public boolean populated() {
            return sizeBytes != null && sizeBytes > 0;
        }
    }
}
