package io.ra2check.agent.accept;

import io.ra2check.report.Inventory;

import java.util.ArrayList;
import java.util.List;

/** Builds inventories for tests, field by field; what is not set stays null (not known). */
final class Inventories {
    String hostname;
    String vendor;
    String model;
    String serial;
    String bios;
    String cpuModel;
    Integer sockets;
    Integer cores;
    Integer threads;
    Long memoryBytes;
    String memorySource;
    Integer dimms;
    Integer dimmSlots;
    List<Inventory.Nic> nics;
    List<Inventory.Slot> slots;
    List<Inventory.Disk> disks;

    /** The delivery's typical server: everything known. */
    static Inventories typical() {
        Inventories b = new Inventories();
        b.vendor = "Acme";
        b.model = "Telco-2U";
        b.bios = "1.2.3";
        b.cpuModel = "Intel(R) Xeon(R) Gold 6230N CPU @ 2.30GHz";
        b.sockets = 2;
        b.cores = 20;
        b.threads = 2;
        b.memoryBytes = 64L << 30;
        b.memorySource = "smbios";
        b.dimms = 8;
        b.dimmSlots = 16;
        b.nics = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            b.nics.add(nic("0000:3b:00." + i, "8086:158b", "8.30 0x8000a4d3"));
        }
        b.slots = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            b.slots.add(new Inventory.Slot("PCIe Slot " + i, "x8 PCI Express 3 x16", 3, 8, i <= 4, null));
        }
        b.disks = List.of(new Inventory.Disk("nvme0n1", 3_840_000_000_000L, false, "SAMSUNG MZQL23T8HCLS"));
        return b;
    }

    static Inventories unknown() {
        return new Inventories();
    }

    static Inventory.Nic nic(String address, String vendorDevice, String firmware) {
        return new Inventory.Nic(address, null, vendorDevice, "i40e", firmware, 25000L, 25000L, "ethtool", 64, 2,
                null);
    }

    Inventories set(java.util.function.Consumer<Inventories> change) {
        change.accept(this);
        return this;
    }

    Inventory build() {
        return new Inventory(hostname, vendor, model, serial, bios, "bare-metal", cpuModel, sockets, cores, threads,
                sockets == null || cores == null || threads == null ? null : sockets * cores * threads, 2, memoryBytes,
                memorySource, dimms, dimmSlots, nics, slots, disks, "Ubuntu 22.04.4 LTS", "6.1.0-18-amd64");
    }
}
