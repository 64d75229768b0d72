package io.edgeaudit.decode;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.Direction;
import io.edgeaudit.capture.Frame;

import java.util.Arrays;

/**
 * Frames and packets around fixture bytes. The bytes are placed at {@link #DATA_OFFSET} inside a
 * larger buffer (as a reader's buffer would hold them) with non-zero guard bytes around, and the
 * frame's data starts at file offset {@link #DATA_FILE_OFFSET}, so tests see both coordinate systems.
 */
public final class TestFrames {
    public static final CaptureFile FILE = new CaptureFile(0, "test.pcap");
    /** Where fixture bytes start in the frame's buffer. */
    public static final int DATA_OFFSET = 7;
    /** Where fixture bytes start in the (pretend) file. */
    public static final long DATA_FILE_OFFSET = 1000;
    private static final int GUARD = 9;

    private TestFrames() {
    }

    /** An untruncated frame of link type {@code linkType} holding {@code bytes}, at time 0. */
    public static Frame frame(int linkType, byte[] bytes) {
        return frame(linkType, bytes, bytes.length, 0);
    }

    /** A frame that captured {@code bytes} of an {@code originalLength}-byte wire frame. */
    public static Frame frame(int linkType, byte[] bytes, int originalLength) {
        return frame(linkType, bytes, originalLength, 0);
    }

    public static Frame frame(int linkType, byte[] bytes, int originalLength, long timestampNanos) {
        return frame(linkType, bytes, originalLength, timestampNanos, 1);
    }

    public static Frame frame(int linkType, byte[] bytes, int originalLength, long timestampNanos, long packetNumber) {
        return frame(linkType, bytes, originalLength, timestampNanos, packetNumber, GUARD);
    }

    /**
     * A frame whose buffer ends exactly where its captured bytes end, so that any read past the frame
     * throws instead of meeting guard bytes (for the fuzz target).
     */
    public static Frame tightFrame(int linkType, byte[] bytes, int originalLength, long timestampNanos, long packetNumber) {
        return frame(linkType, bytes, originalLength, timestampNanos, packetNumber, 0);
    }

    private static Frame frame(int linkType, byte[] bytes, int originalLength, long timestampNanos, long packetNumber,
                               int guard) {
        byte[] buf = new byte[DATA_OFFSET + bytes.length + guard];
        Arrays.fill(buf, (byte) 0x5a);
        System.arraycopy(bytes, 0, buf, DATA_OFFSET, bytes.length);
        Frame f = new Frame();
        f.set(FILE, packetNumber, DATA_FILE_OFFSET - 16, DATA_FILE_OFFSET, timestampNanos, linkType,
                buf, DATA_OFFSET, bytes.length, originalLength, -1, null, Direction.UNKNOWN);
        return f;
    }

    /** The first {@code n} bytes of {@code bytes}. */
    public static byte[] cut(byte[] bytes, int n) {
        return Arrays.copyOf(bytes, n);
    }

    /** A packet reset to {@code frame}, as the decoder leaves it before the layer under test. */
    public static Packet packet(Frame frame) {
        Packet p = new Packet();
        p.reset(frame);
        return p;
    }

    /** The file offset an anomaly at fixture byte {@code i} is reported at. */
    public static long at(int i) {
        return DATA_FILE_OFFSET + i;
    }

    /** File offset of the first occurrence of {@code weird}; fails when it was not counted. */
    public static long firstOffset(Anomalies anomalies, Weird weird) {
        return anomalies.entries().stream().filter(e -> e.weird() == weird).findFirst()
                .orElseThrow(() -> new AssertionError(weird + " was not counted")).first().byteOffset();
    }
}
