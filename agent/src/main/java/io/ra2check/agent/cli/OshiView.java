package io.ra2check.agent.cli;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.ComputerSystem;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * OSHI's view of the live machine, printed beside ra2check's own facts as an independent cross-check of identity and
 * CPU counts. Never a source a check gates on (OSHI cannot read a captured tree) and never on the start-up path of
 * {@code check} (it costs a few hundred milliseconds cold).
 */
record OshiView(String manufacturer, String model, String serialNumber, String hardwareUuid, String firmwareVersion,
                String baseboard, String processor, int physicalPackages, int physicalProcessors,
                int logicalProcessors, long memoryBytes, String operatingSystem) {

    static OshiView read() {
        SystemInfo si = new SystemInfo();
        HardwareAbstractionLayer hal = si.getHardware();
        ComputerSystem cs = hal.getComputerSystem();
        CentralProcessor cpu = hal.getProcessor();
        return new OshiView(cs.getManufacturer(), cs.getModel(), cs.getSerialNumber(), cs.getHardwareUUID(),
                cs.getFirmware().getVersion(), cs.getBaseboard().getManufacturer() + " "
                + cs.getBaseboard().getModel(), cpu.getProcessorIdentifier().getName(), cpu.getPhysicalPackageCount(),
                cpu.getPhysicalProcessorCount(), cpu.getLogicalProcessorCount(), hal.getMemory().getTotal(),
                si.getOperatingSystem().toString());
    }
}
