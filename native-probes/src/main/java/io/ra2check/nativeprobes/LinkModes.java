package io.ra2check.nativeprobes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ethtool link modes: bit number in the kernel's link-mode bitmaps ({@code enum ethtool_link_mode_bit_indices},
 * include/uapi/linux/ethtool.h) to the name the kernel gives the mode ({@code link_mode_names[]},
 * net/ethtool/common.c, which is also what {@code ethtool} prints), and the speed that name implies.
 *
 * <p>The names are the only data: the kernel builds every speed mode's name as {@code <speed>base<type>/<duplex>}
 * and its {@code link_mode_params[]} gives exactly that speed, so the speed is read back from the name. The
 * remaining bits (Autoneg, ports, pause, FEC) have no speed. Bits the table does not know yet (a kernel newer than
 * this table) are named {@code unknown-link-mode-<bit>} and have no speed.
 */
public final class LinkModes {

    /**
     * Index = bit number. Covers bits 0..124: mainline up to the 1.6 Tb/s modes (bits 121-124, merged after
     * Linux 6.18; a 6.18 kernel never sets them, but a newer one will).
     */
    private static final String[] NAMES_BY_BIT = {
        "10baseT/Half", "10baseT/Full", "100baseT/Half", "100baseT/Full", "1000baseT/Half", "1000baseT/Full", // 0-5
        "Autoneg", "TP", "AUI", "MII", "FIBRE", "BNC",                                                     // 6-11
        "10000baseT/Full", "Pause", "Asym_Pause", "2500baseX/Full", "Backplane", "1000baseKX/Full",        // 12-17
        "10000baseKX4/Full", "10000baseKR/Full", "10000baseR_FEC", "20000baseMLD2/Full",                   // 18-21
        "20000baseKR2/Full", "40000baseKR4/Full", "40000baseCR4/Full", "40000baseSR4/Full",                // 22-25
        "40000baseLR4/Full", "56000baseKR4/Full", "56000baseCR4/Full", "56000baseSR4/Full",                // 26-29
        "56000baseLR4/Full", "25000baseCR/Full", "25000baseKR/Full", "25000baseSR/Full",                   // 30-33
        "50000baseCR2/Full", "50000baseKR2/Full", "100000baseKR4/Full", "100000baseSR4/Full",              // 34-37
        "100000baseCR4/Full", "100000baseLR4_ER4/Full", "50000baseSR2/Full", "1000baseX/Full",             // 38-41
        "10000baseCR/Full", "10000baseSR/Full", "10000baseLR/Full", "10000baseLRM/Full",                   // 42-45
        "10000baseER/Full", "2500baseT/Full", "5000baseT/Full", "None", "RS", "BASER",                      // 46-51
        "50000baseKR/Full", "50000baseSR/Full", "50000baseCR/Full", "50000baseLR_ER_FR/Full",              // 52-55
        "50000baseDR/Full", "100000baseKR2/Full", "100000baseSR2/Full", "100000baseCR2/Full",              // 56-59
        "100000baseLR2_ER2_FR2/Full", "100000baseDR2/Full", "200000baseKR4/Full", "200000baseSR4/Full",    // 60-63
        "200000baseLR4_ER4_FR4/Full", "200000baseDR4/Full", "200000baseCR4/Full", "100baseT1/Full",        // 64-67
        "1000baseT1/Full", "400000baseKR8/Full", "400000baseSR8/Full", "400000baseLR8_ER8_FR8/Full",       // 68-71
        "400000baseDR8/Full", "400000baseCR8/Full", "LLRS", "100000baseKR/Full",                            // 72-75
        "100000baseSR/Full", "100000baseLR_ER_FR/Full", "100000baseCR/Full", "100000baseDR/Full",          // 76-79
        "200000baseKR2/Full", "200000baseSR2/Full", "200000baseLR2_ER2_FR2/Full", "200000baseDR2/Full",    // 80-83
        "200000baseCR2/Full", "400000baseKR4/Full", "400000baseSR4/Full", "400000baseLR4_ER4_FR4/Full",    // 84-87
        "400000baseDR4/Full", "400000baseCR4/Full", "100baseFX/Half", "100baseFX/Full",                    // 88-91
        "10baseT1L/Full", "800000baseCR8/Full", "800000baseKR8/Full", "800000baseDR8/Full",                // 92-95
        "800000baseDR8_2/Full", "800000baseSR8/Full", "800000baseVR8/Full", "10baseT1S/Full",              // 96-99
        "10baseT1S/Half", "10baseT1S_P2MP/Half", "10baseT1BRR/Full", "200000baseCR/Full",                  // 100-103
        "200000baseKR/Full", "200000baseDR/Full", "200000baseDR_2/Full", "200000baseSR/Full",              // 104-107
        "200000baseVR/Full", "400000baseCR2/Full", "400000baseKR2/Full", "400000baseDR2/Full",             // 108-111
        "400000baseDR2_2/Full", "400000baseSR2/Full", "400000baseVR2/Full", "800000baseCR4/Full",          // 112-115
        "800000baseKR4/Full", "800000baseDR4/Full", "800000baseDR4_2/Full", "800000baseSR4/Full",          // 116-119
        "800000baseVR4/Full", "1600000baseCR8/Full", "1600000baseKR8/Full", "1600000baseDR8/Full",         // 120-123
        "1600000baseDR8_2/Full",                                                                           // 124
    };

    private static final Pattern SPEED_PREFIX = Pattern.compile("^(\\d+)base");

    private static final List<LinkMode> TABLE = buildTable();

    private LinkModes() {
    }

    /** One link mode bit. {@code speedMbps} is null for bits that are not a speed (Autoneg, TP, Pause, FEC ...). */
    public record LinkMode(int bit, String name, Integer speedMbps) {
    }

    /** Every bit this table knows, in bit order. */
    public static List<LinkMode> all() {
        return TABLE;
    }

    /** The kernel's name for a link mode bit, or {@code unknown-link-mode-<bit>} for a bit this table does not know. */
    public static String nameOf(int bit) {
        if (bit >= 0 && bit < TABLE.size()) {
            return TABLE.get(bit).name();
        }
        return "unknown-link-mode-" + bit;
    }

    /** The speed of a link mode bit in Mb/s, or null when the bit is not a speed or is unknown to this table. */
    public static Integer speedMbpsOf(int bit) {
        if (bit >= 0 && bit < TABLE.size()) {
            return TABLE.get(bit).speedMbps();
        }
        return null;
    }

    /** The highest speed among the given link mode bits, or null when none of them is a speed. */
    public static Integer maxSpeedMbps(Collection<Integer> bits) {
        Integer max = null;
        for (int bit : bits) {
            Integer speed = speedMbpsOf(bit);
            if (speed != null && (max == null || speed > max)) {
                max = speed;
            }
        }
        return max;
    }

    private static List<LinkMode> buildTable() {
        List<LinkMode> modes = new ArrayList<>(NAMES_BY_BIT.length);
        for (int bit = 0; bit < NAMES_BY_BIT.length; bit++) {
            String name = NAMES_BY_BIT[bit];
            Matcher speed = SPEED_PREFIX.matcher(name);
            modes.add(new LinkMode(bit, name, speed.find() ? Integer.valueOf(speed.group(1)) : null));
        }
        return List.copyOf(modes);
    }
}
