package io.edgeaudit.capture;

/** Bounds every reader and writer applies to lengths read from a file. */
final class CaptureLimits {
    /**
     * The largest record (captured length) we accept: 256 KiB, Wireshark's
     * WTAP_MAX_PACKET_SIZE_STANDARD and libpcap's MAXIMUM_SNAPLEN. A larger declared length is a
     * corrupt file, and refusing it bounds every buffer.
     */
    static final int MAX_RECORD_LENGTH = 262_144;

    private CaptureLimits() {
    }
}
