package io.edgeaudit.capture;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes a pcapng file (little-endian, one section) that Wireshark opens: evidence captures with
 * interface names, directions and per-packet comments. Buffered; not thread-safe; closing the
 * writer closes the stream. Block layouts follow draft-ietf-opsawg-pcapng (sections 4.1-4.3).
 *
 * <pre>
 * every block: type(4) total-length(4) body... options... total-length(4), padded to 32 bits
 * SHB body:  byte-order magic 1a2b3c4d, major 1, minor 0, section length -1 (unknown)
 * IDB body:  link type(2) reserved(2) snaplen(4); options if_name(2), if_tsresol(9)=9 (ns)
 * EPB body:  interface id(4) ts high(4) ts low(4) captured len(4) original len(4) data, padding;
 *            options opt_comment(1), epb_flags(2) with the direction in bits 0-1
 * </pre>
 */
public final class PcapngWriter implements Closeable, Flushable {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 0x00000001;
    static final int EPB = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int OPT_END = 0;
    static final int OPT_COMMENT = 1;
    static final int OPT_SHB_USERAPPL = 4;
    static final int OPT_IF_NAME = 2;
    static final int OPT_IF_TSRESOL = 9;
    static final int OPT_EPB_FLAGS = 2;
    private static final int MAX_OPTION_LENGTH = 0xFFFF;
    private static final int EPB_FIXED = 32; // type, length, if id, ts hi, ts lo, caplen, origlen, trailing length

    private final OutputStream out;
    private final LittleEndianBuffer buf;
    private int interfaces;
    private long records;

    /** Writes the section header block at once (into the buffer), naming edgeaudit as the writer. */
    public PcapngWriter(OutputStream out) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        // room for the largest option (64 KiB) plus a block's fixed fields, so reserve() always fits
        this.buf = new LittleEndianBuffer(out, 128 * 1024);
        byte[] app = "edgeaudit".getBytes(StandardCharsets.UTF_8);
        int length = 28 + optionLength(app.length) + 4;
        buf.putInt(SHB);
        buf.putInt(length);
        buf.putInt(BYTE_ORDER_MAGIC);
        buf.putShort(1);
        buf.putShort(0);
        buf.putInt(-1); // section length -1: not given (64 bits)
        buf.putInt(-1);
        putOption(OPT_SHB_USERAPPL, app);
        buf.putInt(OPT_END);
        buf.putInt(length);
    }

    /**
     * Declares an interface; its timestamps are written in nanoseconds (if_tsresol 9).
     *
     * @param linkType LINKTYPE_ number of the frames written on it
     * @param snaplen  its snaplen, 0 for none
     * @param name     if_name, or null to omit it
     * @return the interface id to pass to {@link #writePacket}, 0 for the first
     */
    public int addInterface(int linkType, int snaplen, String name) throws IOException {
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("link type " + linkType + " (expected: 0..65535)");
        }
        byte[] nameBytes = name == null ? null : optionValue(name);
        int length = 16 + (nameBytes == null ? 0 : optionLength(nameBytes.length)) + optionLength(1) + 4 + 4;
        buf.reserve(length);
        buf.putInt(IDB);
        buf.putInt(length);
        buf.putShort(linkType);
        buf.putShort(0);
        buf.putInt(snaplen);
        if (nameBytes != null) {
            putOption(OPT_IF_NAME, nameBytes);
        }
        putOption(OPT_IF_TSRESOL, new byte[] {9});
        buf.putInt(OPT_END);
        buf.putInt(length);
        return interfaces++;
    }

    /**
     * Appends an enhanced packet block.
     *
     * @param interfaceId an id returned by {@link #addInterface}
     * @param tsNanos     nanoseconds since the epoch, not negative
     * @param origLen     length on the wire, at least {@code capLen}
     * @param direction   written as epb_flags unless {@link Direction#UNKNOWN}
     * @param comment     opt_comment shown by Wireshark as the packet comment, or null
     * @throws IllegalArgumentException for an unknown interface, a negative timestamp, lengths that
     *                                  contradict each other, or a comment over 65535 UTF-8 bytes
     */
    public void writePacket(int interfaceId, long tsNanos, byte[] bytes, int off, int capLen, int origLen,
                            Direction direction, String comment) throws IOException {
        Objects.checkIndex(interfaceId, interfaces);
        Objects.checkFromIndexSize(off, capLen, bytes.length);
        if (capLen > CaptureLimits.MAX_RECORD_LENGTH || origLen < capLen) {
            throw new IllegalArgumentException("captured length " + capLen + ", original length " + origLen
                    + " (expected: captured <= original, captured <= " + CaptureLimits.MAX_RECORD_LENGTH + ")");
        }
        if (tsNanos < 0) {
            throw new IllegalArgumentException("timestamp " + tsNanos + " ns (expected: not before 1970)");
        }
        byte[] commentBytes = comment == null ? null : optionValue(comment);
        boolean flags = direction != null && direction != Direction.UNKNOWN;
        int options = (commentBytes == null ? 0 : optionLength(commentBytes.length)) + (flags ? optionLength(4) : 0);
        if (options > 0) {
            options += 4; // opt_endofopt
        }
        int padding = pad(capLen) - capLen;
        int length = EPB_FIXED + capLen + padding + options;
        buf.reserve(28);
        buf.putInt(EPB);
        buf.putInt(length);
        buf.putInt(interfaceId);
        buf.putInt((int) (tsNanos >>> 32));
        buf.putInt((int) tsNanos);
        buf.putInt(capLen);
        buf.putInt(origLen);
        buf.putLarge(bytes, off, capLen);
        buf.reserve(padding + options + 4);
        buf.zeros(padding);
        if (commentBytes != null) {
            putOption(OPT_COMMENT, commentBytes);
        }
        if (flags) {
            byte[] f = new byte[4];
            f[0] = (byte) (direction == Direction.INBOUND ? 1 : 2);
            putOption(OPT_EPB_FLAGS, f);
        }
        if (options > 0) {
            buf.putInt(OPT_END);
        }
        buf.putInt(length);
        records++;
    }

    /** Appends a frame as read from any source on the given interface, with an optional comment. */
    public void writePacket(int interfaceId, Frame frame, String comment) throws IOException {
        writePacket(interfaceId, frame.timestampNanos(), frame.data(), frame.dataOffset(), frame.capturedLength(),
                Math.max(frame.originalLength(), frame.capturedLength()), frame.direction(), comment);
    }

    /** Packet blocks written so far. */
    public long records() {
        return records;
    }

    private static byte[] optionValue(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_OPTION_LENGTH) {
            throw new IllegalArgumentException("option of " + b.length + " bytes (expected: <= " + MAX_OPTION_LENGTH + ")");
        }
        return b;
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static int optionLength(int valueLength) {
        return 4 + pad(valueLength);
    }

    /** An option value is at most 64 KiB, so it always fits the buffer. */
    private void putOption(int code, byte[] value) throws IOException {
        buf.reserve(optionLength(value.length));
        buf.putShort(code);
        buf.putShort(value.length);
        buf.put(value, 0, value.length);
        buf.zeros(pad(value.length) - value.length);
    }

    @Override
    public void flush() throws IOException {
        buf.flush();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try (out) {
            buf.flush();
        }
    }
}
