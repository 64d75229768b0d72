package io.edgeaudit.capture;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes a classic libpcap file (little-endian, version 2.4), microsecond or nanosecond timestamps.
 * Buffered: bytes reach the stream on {@link #flush()} / {@link #close()} or when the buffer fills.
 * Not thread-safe. Closing the writer closes the stream.
 *
 * <pre>
 * file header (24 bytes)                     record header (16 bytes)
 *  0 magic a1b2c3d4 (us) / a1b23c4d (ns)      0 ts seconds (unsigned)
 *  4 version major 2, minor 4                  4 ts fraction (us or ns)
 *  8 thiszone 0, 12 sigfigs 0                  8 captured length
 * 16 snaplen                                  12 original length
 * 20 link type
 * </pre>
 */
public final class PcapWriter implements Closeable, Flushable {
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;
    private static final long MAX_SECONDS = 0xFFFF_FFFFL;

    private final OutputStream out;
    private final boolean nanos;
    private final int snaplen;
    private final LittleEndianBuffer buf;
    private long records;

    /**
     * Writes the file header at once (into the buffer).
     *
     * @param linkType LINKTYPE_ number of every frame in this file
     * @param snaplen  the largest captured length (1..262144); longer frames are cut to it
     * @param nanos    true for nanosecond timestamps (magic a1b23c4d), false for microseconds
     */
    public PcapWriter(OutputStream out, int linkType, int snaplen, boolean nanos) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.buf = new LittleEndianBuffer(out, 64 * 1024);
        if (snaplen < 1 || snaplen > CaptureLimits.MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException("snaplen " + snaplen + " (expected: 1.." + CaptureLimits.MAX_RECORD_LENGTH + ")");
        }
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("link type " + linkType + " (expected: 0..65535)");
        }
        this.nanos = nanos;
        this.snaplen = snaplen;
        buf.putInt(nanos ? MAGIC_NANOS : MAGIC_MICROS);
        buf.putShort(2);
        buf.putShort(4);
        buf.putInt(0);
        buf.putInt(0);
        buf.putInt(snaplen);
        buf.putInt(linkType);
    }

    /**
     * Appends one record. {@code capLen} bytes beyond the snaplen are cut (the original length stays).
     *
     * @param tsNanos nanoseconds since the epoch; must lie in 1970..2106 (pcap's unsigned 32-bit seconds)
     * @param origLen length on the wire, at least {@code capLen}
     * @throws IllegalArgumentException for a timestamp pcap cannot hold or lengths that contradict each other
     */
    public void writeFrame(long tsNanos, byte[] bytes, int off, int capLen, int origLen) throws IOException {
        Objects.checkFromIndexSize(off, capLen, bytes.length);
        if (origLen < capLen) {
            throw new IllegalArgumentException("original length " + origLen + " < captured length " + capLen);
        }
        long seconds = Math.floorDiv(tsNanos, 1_000_000_000L);
        long fraction = Math.floorMod(tsNanos, 1_000_000_000L);
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("timestamp " + tsNanos + " ns (expected: 1970..2106 for pcap)");
        }
        int len = Math.min(capLen, snaplen);
        buf.reserve(RECORD_HEADER_LENGTH);
        buf.putInt((int) seconds);
        buf.putInt((int) (nanos ? fraction : fraction / 1000));
        buf.putInt(len);
        buf.putInt(origLen);
        buf.putLarge(bytes, off, len);
        records++;
    }

    /** Appends a frame as read from any source, keeping its timestamp and lengths. */
    public void writeFrame(Frame frame) throws IOException {
        writeFrame(frame.timestampNanos(), frame.data(), frame.dataOffset(), frame.capturedLength(),
                Math.max(frame.originalLength(), frame.capturedLength()));
    }

    /** Records written so far. */
    public long records() {
        return records;
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
