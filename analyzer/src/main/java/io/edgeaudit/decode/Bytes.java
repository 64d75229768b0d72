package io.edgeaudit.decode;

/**
 * Absolute unsigned reads from a byte array, for the decoders' hot path: no {@code ByteBuffer}, no
 * allocation. Callers check bounds first (every decoder compares the bytes remaining with the width
 * it is about to read), so these methods do not: an out-of-range index here is a decoder bug.
 */
public final class Bytes {
    private Bytes() {
    }

    /** Unsigned byte at {@code i}. */
    public static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    /** Big-endian (network order) unsigned 16-bit value at {@code i}. */
    public static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    /** Big-endian (network order) unsigned 32-bit value at {@code i}. */
    public static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    /** Little-endian unsigned 32-bit value at {@code i}. */
    public static long u32le(byte[] b, int i) {
        return ((long) (b[i + 3] & 0xff) << 24) | (b[i + 2] & 0xff) << 16 | (b[i + 1] & 0xff) << 8 | (b[i] & 0xff);
    }
}
