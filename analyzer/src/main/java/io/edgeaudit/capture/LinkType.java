package io.edgeaudit.capture;

/**
 * The LINKTYPE_ values (tcpdump.org/linktypes.html) that edgeaudit decodes. Link types are an open
 * registry: a frame carries the raw number, and {@link #name(int)} never fails.
 */
public final class LinkType {
    public static final int NULL = 0;          // BSD loopback, host-order 4-byte family
    public static final int ETHERNET = 1;
    public static final int RAW = 101;         // raw IPv4/IPv6, version nibble decides
    public static final int LOOP = 108;        // OpenBSD loopback, network-order 4-byte family
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;
    /** DLT_RAW as some platforms wrote it into pcap headers before LINKTYPE_RAW existed. */
    public static final int DLT_RAW_12 = 12;
    public static final int DLT_RAW_14 = 14;

    private LinkType() {
    }

    /** A short name for reports: the LINKTYPE_ suffix, or {@code linktype-N} for one we do not decode. */
    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "NULL";
            case ETHERNET -> "ETHERNET";
            case RAW, DLT_RAW_12, DLT_RAW_14 -> "RAW";
            case LOOP -> "LOOP";
            case LINUX_SLL -> "LINUX_SLL";
            case IPV4 -> "IPV4";
            case IPV6 -> "IPV6";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> "linktype-" + linkType;
        };
    }
}
