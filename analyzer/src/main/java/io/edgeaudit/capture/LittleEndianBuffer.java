package io.edgeaudit.capture;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A fixed-size little-endian output buffer for the writers. The put methods do not check room:
 * callers call {@link #reserve} first, or use {@link #putLarge} for data of any length.
 */
final class LittleEndianBuffer {
    private final byte[] bytes;
    private final OutputStream out;
    private int position;

    LittleEndianBuffer(OutputStream out, int capacity) {
        this.out = out;
        this.bytes = new byte[capacity];
    }

    /** Makes room for {@code n} bytes (at most the capacity), writing the buffered bytes out if needed. */
    void reserve(int n) throws IOException {
        if (remaining() < n) {
            flush();
        }
    }

    /** Appends {@code len} bytes, writing through to the stream when they do not fit. */
    void putLarge(byte[] src, int off, int len) throws IOException {
        if (remaining() < len) {
            flush();
        }
        if (remaining() >= len) {
            put(src, off, len);
        } else {
            out.write(src, off, len);
        }
    }

    int remaining() {
        return bytes.length - position;
    }

    int capacity() {
        return bytes.length;
    }

    void putShort(int v) {
        bytes[position++] = (byte) v;
        bytes[position++] = (byte) (v >>> 8);
    }

    void putInt(int v) {
        bytes[position++] = (byte) v;
        bytes[position++] = (byte) (v >>> 8);
        bytes[position++] = (byte) (v >>> 16);
        bytes[position++] = (byte) (v >>> 24);
    }

    void put(byte[] src, int off, int len) {
        System.arraycopy(src, off, bytes, position, len);
        position += len;
    }

    void zeros(int n) {
        for (int i = 0; i < n; i++) {
            bytes[position++] = 0;
        }
    }

    /** Writes the buffered bytes to the stream (without flushing the stream). */
    void flush() throws IOException {
        if (position > 0) {
            out.write(bytes, 0, position);
            position = 0;
        }
    }
}
