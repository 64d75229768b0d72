package io.edgeaudit.capture;

import java.io.IOException;

/**
 * Reads classic libpcap files: microsecond (a1b2c3d4) and nanosecond (a1b23c4d) magic in either
 * byte order, and Kuznetzov's patched format (a1b2cd34, 8 more bytes per record header), as
 * libpcap's sf-pcap.c and Wireshark's wiretap/libpcap.c do.
 *
 * <pre>
 * file header (24 bytes)                     record header (16 bytes; 24 patched)
 *  0 magic                                     0 ts seconds (unsigned 32 bits)
 *  4 version major (2), 6 minor (4)            4 ts fraction: microseconds or nanoseconds
 *  8 thiszone, 12 sigfigs (unused)             8 captured length
 * 16 snaplen (any value is accepted)          12 original length
 * 20 link type: low 16 bits LINKTYPE_,        16 patched only: ifindex(4) protocol(2) type(1) pad(1)
 *    bits 26-31 FCS length, 16-25 reserved
 * </pre>
 */
final class PcapReader extends RecordReader {
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int MAGIC_PATCHED = 0xa1b2cd34;
    static final int FILE_HEADER_LENGTH = 24;
    private static final int VERSION_MAJOR_OFFSET = 4;
    private static final int VERSION_MINOR_OFFSET = 6;
    private static final int SNAPLEN_OFFSET = 16;
    private static final int LINKTYPE_OFFSET = 20;
    private static final int TS_SECONDS = 0;
    private static final int TS_FRACTION = 4;
    private static final int CAPTURED_LENGTH = 8;
    private static final int ORIGINAL_LENGTH = 12;

    private final boolean bigEndian;
    private final boolean nanos;
    private final int recordHeaderLength;
    private final int linkType;
    /** Versions before 2.3 wrote captured and original length the other way round (libpcap sf-pcap.c). */
    private final boolean swappedLengths;
    private final int minorVersion;

    /** True when the file's first 4 bytes, read big-endian, are a magic this reader takes in either byte order. */
    static boolean isMagic(int firstWord) {
        int r = Integer.reverseBytes(firstWord);
        return firstWord == MAGIC_MICROS || firstWord == MAGIC_NANOS || firstWord == MAGIC_PATCHED
                || r == MAGIC_MICROS || r == MAGIC_NANOS || r == MAGIC_PATCHED;
    }

    PcapReader(CaptureFile file, RecordBuffer in, Frame frame) throws IOException {
        super(file, in, frame);
        int p = in.position;
        if (!in.ensure(FILE_HEADER_LENGTH)) {
            throw new CaptureException(file.name(), 0, in.offset(p), "truncated pcap file header: "
                    + in.available() + " bytes (expected: " + FILE_HEADER_LENGTH + ")");
        }
        p = in.position;
        int magic = in.getInt(p, true);
        bigEndian = magic == MAGIC_MICROS || magic == MAGIC_NANOS || magic == MAGIC_PATCHED;
        int m = bigEndian ? magic : Integer.reverseBytes(magic);
        nanos = m == MAGIC_NANOS;
        recordHeaderLength = m == MAGIC_PATCHED ? 24 : 16;
        int major = in.getUnsignedShort(p + VERSION_MAJOR_OFFSET, bigEndian);
        minorVersion = in.getUnsignedShort(p + VERSION_MINOR_OFFSET, bigEndian);
        // libpcap takes 2.0-2.4 and DG/UX tcpdump's 543.0; Wireshark refuses major versions below 2
        if (!(major == 2 || (major == 543 && minorVersion == 0))) {
            throw new CaptureException(file.name(), 0, in.offset(p + VERSION_MAJOR_OFFSET),
                    "unsupported pcap version " + major + "." + minorVersion + " (expected: 2.x)");
        }
        swappedLengths = major == 2 && minorVersion < 3;
        // libpcap LT_LINKTYPE(): the upper 16 bits hold an FCS length and reserved bits, not the type
        linkType = in.getInt(p + LINKTYPE_OFFSET, bigEndian) & 0xFFFF;
        in.position = p + FILE_HEADER_LENGTH;
    }

    @Override
    String format() {
        return nanos ? "pcap-ns" : "pcap";
    }

    @Override
    boolean readRecord() throws IOException {
        if (!in.ensure(recordHeaderLength)) {
            if (in.available() == 0) {
                return false;
            }
            throw error(in.position, "file ends inside a record header: " + in.available() + " of "
                    + recordHeaderLength + " bytes (the file may still have been written to)");
        }
        int p = in.position;
        long seconds = in.getUnsignedInt(p + TS_SECONDS, bigEndian);
        long fraction = in.getUnsignedInt(p + TS_FRACTION, bigEndian);
        long captured = in.getUnsignedInt(p + CAPTURED_LENGTH, bigEndian);
        long original = in.getUnsignedInt(p + ORIGINAL_LENGTH, bigEndian);
        if (swappedLengths || (minorVersion == 3 && captured > original)) {
            long t = captured;
            captured = original;
            original = t;
        }
        if (captured > CaptureLimits.MAX_RECORD_LENGTH) {
            throw error(p, "captured length " + captured + " (expected: <= " + CaptureLimits.MAX_RECORD_LENGTH + ")");
        }
        int length = (int) captured;
        if (!in.ensure(recordHeaderLength + length)) {
            throw error(in.position, "file ends inside the record: " + (in.available() - recordHeaderLength) + " of "
                    + length + " data bytes (the file may still have been written to)");
        }
        p = in.position;
        // unsigned 32-bit seconds reach 2106, well inside a long of nanoseconds (2262)
        long ts = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000L);
        int orig = (int) Math.min(original, Integer.MAX_VALUE);
        int data = p + recordHeaderLength;
        frame.set(file, packets + 1, in.offset(p), in.offset(data), ts, linkType,
                in.bytes, data, length, orig, -1, null, Direction.UNKNOWN);
        in.position = data + length;
        delivered(length, orig);
        return true;
    }
}
