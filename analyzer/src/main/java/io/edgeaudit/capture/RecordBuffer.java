package io.edgeaudit.capture;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A reader's own window on a capture's uncompressed bytes: one fixed array, refilled from the
 * stream and compacted when a record would run past its end. Frames are views into {@link #bytes}.
 * Every read is at an absolute index the caller has first made available with {@link #ensure}.
 */
final class RecordBuffer {
    /** Large enough for the largest record or block a reader accepts, with room to spare. */
    static final int CAPACITY = 1 << 20;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    final byte[] bytes = new byte[CAPACITY];
    /** Index of the next unread byte. */
    int position;
    private int limit;
    /** File offset of {@code bytes[0]}. */
    private long base;
    private final InputStream in;
    private boolean eof;

    RecordBuffer(InputStream in) {
        this.in = in;
    }

    /**
     * Makes {@code n} bytes from {@link #position} available, reading more if needed.
     *
     * @param n at most {@link #CAPACITY}
     * @return false when the stream ends first; {@link #available()} then tells how many there are
     */
    boolean ensure(int n) throws IOException {
        if (n > CAPACITY) {
            throw new IllegalArgumentException("ensure(" + n + ") beyond the buffer's " + CAPACITY + " bytes");
        }
        while (limit - position < n) {
            if (eof) {
                return false;
            }
            if (CAPACITY - position < n) {
                compact();
            }
            int read = in.read(bytes, limit, CAPACITY - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return true;
    }

    /** Bytes available from {@link #position} without reading. */
    int available() {
        return limit - position;
    }

    /** True when no byte is left: the stream ended exactly here. */
    boolean atEnd() throws IOException {
        return !ensure(1);
    }

    /** File offset of {@code bytes[index]}. */
    long offset(int index) {
        return base + index;
    }

    /** Consumes {@code n} bytes, reading through those beyond the window; false when the stream ends first. */
    boolean skip(long n) throws IOException {
        while (n > 0) {
            if (position == limit && !ensure(1)) {
                return false;
            }
            int step = (int) Math.min(n, limit - position);
            position += step;
            n -= step;
        }
        return true;
    }

    int getInt(int index, boolean bigEndian) {
        return bigEndian ? (int) INT_BE.get(bytes, index) : (int) INT_LE.get(bytes, index);
    }

    long getUnsignedInt(int index, boolean bigEndian) {
        return getInt(index, bigEndian) & 0xFFFF_FFFFL;
    }

    int getUnsignedShort(int index, boolean bigEndian) {
        return (bigEndian ? (short) SHORT_BE.get(bytes, index) : (short) SHORT_LE.get(bytes, index)) & 0xFFFF;
    }

    private void compact() {
        int live = limit - position;
        System.arraycopy(bytes, position, bytes, 0, live);
        base += position;
        position = 0;
        limit = live;
    }
}
