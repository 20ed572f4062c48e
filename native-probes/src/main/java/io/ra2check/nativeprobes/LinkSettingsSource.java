package io.ra2check.nativeprobes;

/** Which ethtool ioctl answered the link settings. */
public enum LinkSettingsSource {
    /** ETHTOOL_GLINKSETTINGS (Linux 4.6+): link-mode bitmaps of any length. */
    GLINKSETTINGS,
    /**
     * ETHTOOL_GSET, the deprecated call used when GLINKSETTINGS is refused: its bitmaps are 32 bits wide, so only link
     * modes 0-31 can appear (up to 56000baseLR4 and 25000baseCR; not 25000baseSR, 50G or 100G modes).
     */
    GSET
}
