package io.edgeaudit.capture;

/**
 * The packet's direction as the capture recorded it: pcapng EPB flags bits 0-1, or libpcap's
 * {@code pcap_setdirection} view of a live interface. Closed set; {@link #fromEpbFlags} never fails.
 */
public enum Direction {
    UNKNOWN("unknown"),
    INBOUND("inbound"),
    OUTBOUND("outbound");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** The stable name used in every output. */
    public String label() {
        return label;
    }

    /** pcapng EPB flags word, bits 0-1: 00 unknown, 01 inbound, 10 outbound, 11 invalid (read as unknown). */
    public static Direction fromEpbFlags(long flags) {
        int bits = (int) (flags & 0x3);
        return bits == 1 ? INBOUND : bits == 2 ? OUTBOUND : UNKNOWN;
    }
}
