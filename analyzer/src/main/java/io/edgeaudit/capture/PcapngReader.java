package io.edgeaudit.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads pcapng (draft-ietf-opsawg-pcapng): any number of sections, each with its own byte order and
 * interfaces; enhanced, simple and obsolete packet blocks; other blocks checked and skipped.
 *
 * <pre>
 * every block: 0 type(4)  4 total length(4)  8 body ...  L-4 total length again; L % 4 == 0
 * SHB  0a0d0d0a: 8 byte-order magic 1a2b3c4d, 12 major(2) 14 minor(2), 16 section length(8), 24 options
 * IDB  1:        8 link type(2) 10 reserved(2) 12 snaplen(4), 16 options
 * PB   2:        8 interface(2) 10 drops(2) 12 ts high 16 ts low 20 captured 24 original 28 data, options
 * SPB  3:        8 original length, 12 data (captured = min(original, interface 0 snaplen, room))
 * EPB  6:        8 interface(4) 12 ts high 16 ts low 20 captured 24 original 28 data, options
 * option: code(2) length(2) value padded to 4; code 0 ends the list
 * </pre>
 *
 * <p>Frame interface indexes count IDBs across the whole file, so they stay unique when a later
 * section starts its interface ids at 0 again. A simple packet block carries no timestamp: its frame
 * keeps the previous frame's timestamp (0 before any), so a merged timeline stays in order.
 */
final class PcapngReader extends RecordReader {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int PB = 2;
    static final int SPB = 3;
    static final int EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int MIN_BLOCK = 12;
    private static final int MIN_SHB = 28;
    private static final int MIN_IDB = 20;
    private static final int MIN_SPB = 16;
    private static final int MIN_EPB = 32;
    /** More interfaces than any real capture has; bounds what IDBs can make us allocate. */
    static final int MAX_INTERFACES = 65_536;
    /** Longer if_name / if_description values are cut; a name is a label, not data. */
    static final int MAX_NAME_BYTES = 256;
    private static final int OPT_END = 0;
    private static final int OPT_IF_NAME = 2;
    private static final int OPT_IF_DESCRIPTION = 3;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;
    private static final int OPT_FLAGS = 2;

    private boolean bigEndian;
    private PcapngInterface[] interfaces = new PcapngInterface[4];
    private int sectionInterfaces;
    private int totalInterfaces;
    private long lastTimestamp;

    /** The buffer starts at a section header block (the caller checked its type). */
    PcapngReader(CaptureFile file, RecordBuffer in, Frame frame) throws IOException {
        super(file, in, frame);
        readSectionHeader(true);
    }

    @Override
    String format() {
        return "pcapng";
    }

    @Override
    boolean readRecord() throws IOException {
        while (true) {
            if (!in.ensure(8)) {
                if (in.available() == 0) {
                    return false;
                }
                throw error(in.position, "file ends inside a block header: " + in.available()
                        + " of 8 bytes (the file may still have been written to)");
            }
            int p = in.position;
            int type = in.getInt(p, bigEndian);
            if (type == SHB) {
                readSectionHeader(false);
                continue;
            }
            long length = in.getUnsignedInt(p + 4, bigEndian);
            int min = switch (type) {
                case IDB -> MIN_IDB;
                case EPB, PB -> MIN_EPB;
                case SPB -> MIN_SPB;
                default -> MIN_BLOCK;
            };
            checkLength(p, type, length, min);
            if (type != IDB && type != EPB && type != PB && type != SPB) {
                skipBlock(length);
                continue;
            }
            if (length > RecordBuffer.CAPACITY) {
                throw error(p, blockName(type) + " length " + length + " (expected: <= " + RecordBuffer.CAPACITY + ")");
            }
            p = loadBlock(type, (int) length);
            int len = (int) length;
            switch (type) {
                case IDB -> readInterface(p, len);
                case EPB -> {
                    readPacket(p, len, in.getInt(p + 8, bigEndian) & 0xFFFF_FFFFL, true);
                    return true;
                }
                case PB -> {
                    readPacket(p, len, in.getUnsignedShort(p + 8, bigEndian), false);
                    return true;
                }
                default -> {
                    readSimplePacket(p, len);
                    return true;
                }
            }
        }
    }

    private void readSectionHeader(boolean first) throws IOException {
        long header = first ? 0 : packets + 1;
        if (!in.ensure(12)) {
            throw new CaptureException(file.name(), header, in.offset(in.position), "file ends inside a section header: "
                    + in.available() + " bytes (expected: " + MIN_SHB + "+)");
        }
        int p = in.position;
        int magic = in.getInt(p + 8, true);
        if (magic == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            bigEndian = false;
        } else {
            throw new CaptureException(file.name(), header, in.offset(p + 8), String.format(
                    "section header byte-order magic %08x (expected: 1a2b3c4d in either byte order)", magic));
        }
        long length = in.getUnsignedInt(p + 4, bigEndian);
        try {
            checkLength(p, SHB, length, MIN_SHB);
            if (length > RecordBuffer.CAPACITY) {
                throw error(p, "section header block length " + length + " (expected: <= " + RecordBuffer.CAPACITY + ")");
            }
            p = loadBlock(SHB, (int) length);
        } catch (CaptureException e) {
            throw first ? new CaptureException(file.name(), 0, e.byteOffset(), e.reason()) : e;
        }
        int major = in.getUnsignedShort(p + 12, bigEndian);
        int minor = in.getUnsignedShort(p + 14, bigEndian);
        if (major != 1) {
            throw new CaptureException(file.name(), header, in.offset(p + 12),
                    "unsupported pcapng version " + major + "." + minor + " (expected: 1.x)");
        }
        forEachOption(p, p + 24, (int) length, null);
        sectionInterfaces = 0;
        in.position = p + (int) length;
    }

    private void readInterface(int p, int length) throws IOException {
        if (totalInterfaces >= MAX_INTERFACES) {
            throw error(p, "more than " + MAX_INTERFACES + " interfaces (expected: fewer)");
        }
        int linkType = in.getUnsignedShort(p + 8, bigEndian);
        long snaplen = in.getUnsignedInt(p + 12, bigEndian);
        InterfaceOptions o = new InterfaceOptions();
        forEachOption(p, p + 16, length, o);
        String name = o.name != null ? o.name : o.description;
        if (sectionInterfaces == interfaces.length) {
            interfaces = Arrays.copyOf(interfaces, interfaces.length * 2);
        }
        interfaces[sectionInterfaces++] = new PcapngInterface(totalInterfaces++, linkType, snaplen, name,
                o.resolution, o.offsetSeconds);
        in.position = p + length;
    }

    /** EPB or obsolete PB: both have interface, ts high/low, captured and original length at the same offsets. */
    private void readPacket(int p, int length, long interfaceId, boolean enhanced) throws IOException {
        if (interfaceId >= sectionInterfaces) {
            throw error(p + 8, "interface id " + interfaceId + " (expected: < " + sectionInterfaces
                    + ", the interfaces defined in this section)");
        }
        PcapngInterface iface = interfaces[(int) interfaceId];
        long ticks = (in.getUnsignedInt(p + 12, bigEndian) << 32) | in.getUnsignedInt(p + 16, bigEndian);
        long captured = in.getUnsignedInt(p + 20, bigEndian);
        long original = in.getUnsignedInt(p + 24, bigEndian);
        if (captured > CaptureLimits.MAX_RECORD_LENGTH) {
            throw error(p + 20, "captured length " + captured + " (expected: <= " + CaptureLimits.MAX_RECORD_LENGTH + ")");
        }
        if (captured > length - MIN_EPB) {
            throw error(p + 20, "captured length " + captured + " does not fit in its " + blockName(enhanced ? EPB : PB)
                    + " of " + length + " bytes (expected: <= " + (length - MIN_EPB) + ")");
        }
        int cap = (int) captured;
        FlagsOption flags = this.flags;
        flags.value = 0;
        forEachOption(p, Math.min(p + 28 + pad(cap), p + length - 4), length, flags);
        long ts = iface.toNanos(ticks);
        int orig = (int) Math.min(original, Integer.MAX_VALUE);
        deliver(p, p + 28, ts, iface, cap, orig, Direction.fromEpbFlags(flags.value), length);
    }

    private void readSimplePacket(int p, int length) throws IOException {
        if (sectionInterfaces == 0) {
            throw error(p, "simple packet block before any interface (expected: an interface description block first)");
        }
        PcapngInterface iface = interfaces[0];
        long original = in.getUnsignedInt(p + 8, bigEndian);
        long captured = Math.min(original, length - MIN_SPB);
        if (iface.snaplen != 0) {
            captured = Math.min(captured, iface.snaplen);
        }
        if (captured > CaptureLimits.MAX_RECORD_LENGTH) {
            throw error(p, "captured length " + captured + " (expected: <= " + CaptureLimits.MAX_RECORD_LENGTH + ")");
        }
        int orig = (int) Math.min(original, Integer.MAX_VALUE);
        deliver(p, p + 12, lastTimestamp, iface, (int) captured, orig, Direction.UNKNOWN, length);
    }

    private void deliver(int p, int data, long ts, PcapngInterface iface, int cap, int orig, Direction dir, int length) {
        frame.set(file, packets + 1, in.offset(p), in.offset(data), ts, iface.linkType, in.bytes, data, cap, orig,
                iface.globalIndex, iface.name, dir);
        lastTimestamp = ts;
        in.position = p + length;
        delivered(cap, orig);
    }

    /** Rejects block lengths that cannot be right; the block is not loaded yet. */
    private void checkLength(int p, int type, long length, int min) throws CaptureException {
        if (length < min) {
            throw error(p + 4, blockName(type) + " length " + length + " (expected: >= " + min + ")");
        }
        if (length % 4 != 0) {
            throw error(p + 4, blockName(type) + " length " + length + " (expected: a multiple of 4)");
        }
    }

    /** Makes the whole block available and checks its trailing length; returns the block's new index. */
    private int loadBlock(int type, int length) throws IOException {
        if (!in.ensure(length)) {
            throw error(in.position, "file ends inside a " + blockName(type) + ": " + in.available() + " of " + length
                    + " bytes (the file may still have been written to)");
        }
        int p = in.position;
        long trailer = in.getUnsignedInt(p + length - 4, bigEndian);
        if (trailer != length) {
            throw error(p + length - 4, blockName(type) + " length " + length + " disagrees with its trailing copy "
                    + trailer + " (expected: equal)");
        }
        return p;
    }

    /** Skips a block we do not read, of any length, checking that it ends where it says. */
    private void skipBlock(long length) throws IOException {
        int p = in.position;
        long start = in.offset(p);
        int type = in.getInt(p, bigEndian);
        if (!in.skip(length - 4) || !in.ensure(4)) {
            throw new CaptureException(file.name(), packets + 1, start, "file ends inside a " + blockName(type)
                    + " of " + length + " bytes (the file may still have been written to)");
        }
        long trailer = in.getUnsignedInt(in.position, bigEndian);
        if (trailer != length) {
            throw new CaptureException(file.name(), packets + 1, in.offset(in.position), blockName(type) + " length "
                    + length + " disagrees with its trailing copy " + trailer + " (expected: equal)");
        }
        in.position += 4;
    }

    /** Receives options; {@code valueIndex} is in the buffer, {@code length} unpadded. */
    private interface OptionSink {
        void option(int code, int valueIndex, int length);
    }

    /**
     * Walks the options from {@code start} to the block's trailing length, checking each against
     * the room left, as Wireshark does ("Not enough data to handle option").
     */
    private void forEachOption(int block, int start, int length, OptionSink sink) throws CaptureException {
        int end = block + length - 4;
        int q = start;
        while (end - q >= 4) {
            int code = in.getUnsignedShort(q, bigEndian);
            int len = in.getUnsignedShort(q + 2, bigEndian);
            if (code == OPT_END) {
                return;
            }
            if (pad(len) > end - q - 4) {
                throw error(q, "option " + code + " of " + len + " bytes runs past the end of its "
                        + blockName(in.getInt(block, bigEndian)) + " (expected: <= " + Math.max(0, end - q - 4) + ")");
            }
            if (sink != null) {
                sink.option(code, q + 4, len);
            }
            q += 4 + pad(len);
        }
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static String blockName(int type) {
        return switch (type) {
            case SHB -> "section header block";
            case IDB -> "interface description block";
            case PB -> "packet block";
            case SPB -> "simple packet block";
            case EPB -> "enhanced packet block";
            default -> String.format("block of type 0x%08x", type);
        };
    }

    /** Reused for every packet: keeps the EPB/PB flags word. */
    private final FlagsOption flags = new FlagsOption();

    private final class FlagsOption implements OptionSink {
        long value;

        @Override
        public void option(int code, int valueIndex, int length) {
            if (code == OPT_FLAGS && length == 4) {
                value = in.getUnsignedInt(valueIndex, bigEndian);
            }
        }
    }

    private final class InterfaceOptions implements OptionSink {
        String name;
        String description;
        int resolution = 6;
        long offsetSeconds;

        @Override
        public void option(int code, int valueIndex, int length) {
            switch (code) {
                case OPT_IF_NAME -> name = text(valueIndex, length);
                case OPT_IF_DESCRIPTION -> description = text(valueIndex, length);
                case OPT_IF_TSRESOL -> {
                    if (length >= 1) {
                        resolution = in.bytes[valueIndex] & 0xFF;
                    }
                }
                case OPT_IF_TSOFFSET -> {
                    if (length == 8) {
                        if (bigEndian) {
                            offsetSeconds = ((long) in.getInt(valueIndex, true) << 32) | in.getUnsignedInt(valueIndex + 4, true);
                        } else {
                            offsetSeconds = ((long) in.getInt(valueIndex + 4, false) << 32) | in.getUnsignedInt(valueIndex, false);
                        }
                    }
                }
                default -> {
                }
            }
        }

        /** UTF-8 up to the first NUL, cut at {@link #MAX_NAME_BYTES}; null when empty. */
        private String text(int index, int length) {
            int n = 0;
            int max = Math.min(length, MAX_NAME_BYTES);
            while (n < max && in.bytes[index + n] != 0) {
                n++;
            }
            return n == 0 ? null : new String(in.bytes, index, n, StandardCharsets.UTF_8);
        }
    }
}
