package io.edgeaudit.inspect.stun;

/**
 * TURN ChannelData framing (RFC 5766 §11.4, RFC 8656 §12.4), read in place without allocation.
 *
 * <pre>
 *  0                   1                   2                   3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 1|   Channel Number (14)     |            Length             |  0 CHANNEL, 2 LENGTH
 * +-------------------------------+-------------------------------+
 * |                       Application Data                        |  4 (over TCP padded to 4)
 * </pre>
 */
public final class ChannelData {
    public static final int HEADER_LENGTH = 4;
    /** RFC 5766 §11: channel numbers 0x4000 through 0x7FFF (RFC 8656 narrows them to 0x4FFF). */
    public static final int MIN_CHANNEL = 0x4000;
    public static final int MAX_CHANNEL = 0x7FFF;

    private ChannelData() {
    }

    /** True when the first byte is 64..127 (RFC 7983: 64..79 is TURN channel data; RFC 5766 allows up to 0x7F). */
    public static boolean firstByteIsChannelData(byte[] buf, int off, int len) {
        return len > 0 && (buf[off] & 0xC0) == 0x40;
    }

    /** The channel number; requires 2 bytes. */
    public static int channel(byte[] buf, int off) {
        return StunDecoder.u16(buf, off);
    }

    /** The declared application-data length; requires 4 bytes. */
    public static int dataLength(byte[] buf, int off) {
        return StunDecoder.u16(buf, off + 2);
    }

    /**
     * Bytes one ChannelData message occupies on a stream: header, data, and over TCP the padding to a
     * multiple of 4 (RFC 5766 §11.5). Requires 4 bytes.
     */
    public static int streamLength(byte[] buf, int off) {
        return HEADER_LENGTH + ((dataLength(buf, off) + 3) & ~3);
    }

    /**
     * True when {@code len} bytes hold a whole ChannelData message for a datagram: a channel number in
     * range and a declared length that fits (RFC 5766 §11.5 allows trailing padding in UDP).
     */
    public static boolean isValidDatagram(byte[] buf, int off, int len) {
        return len >= HEADER_LENGTH && firstByteIsChannelData(buf, off, len)
                && dataLength(buf, off) <= len - HEADER_LENGTH;
    }
}
