package io.edgeaudit.report;

import io.edgeaudit.net.IpAddress;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows of text formatted straight into UTF-8 bytes, for {@link FlowCsvWriter}. Numbers, timestamps,
 * addresses and plain cells are ASCII and go in a byte at a time; any other text is encoded from its
 * characters. One growable array, reused from row to row, so a row costs no allocation once the
 * array fits the widest run of rows.
 *
 * <p>Why not a StringBuilder and a Writer: every row was then widened to chars, copied out and
 * encoded back to bytes by the Writer. On the flows benchmark (200 000 flows) that path, with the
 * compiled code it needed, was most of the writer thread's CPU.
 */
final class RowBytes {
    /** What {@link #putAscii} writes for a character above 0x7F: never a whole UTF-8 character. */
    static final int NOT_ASCII = 0xFF;
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private byte[] bytes;
    private int length;

    RowBytes(int capacity) {
        bytes = new byte[capacity];
    }

    /** Bytes held. */
    int length() {
        return length;
    }

    /** Drops every byte from {@code newLength} on (a row that could not be finished). */
    void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IndexOutOfBoundsException("truncate(" + newLength + ") of " + length + " bytes");
        }
        length = newLength;
    }

    /** One ASCII character; {@code c} must be below 0x80. */
    RowBytes put(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    RowBytes put(byte[] src) {
        ensure(src.length);
        System.arraycopy(src, 0, bytes, length, src.length);
        length += src.length;
        return this;
    }

    /** The bytes {@code other} holds. */
    RowBytes put(RowBytes other) {
        ensure(other.length);
        System.arraycopy(other.bytes, 0, bytes, length, other.length);
        length += other.length;
        return this;
    }

    /** "true" or "false". */
    RowBytes put(boolean b) {
        return put(b ? TRUE : FALSE);
    }

    /** Decimal, with a '-' when negative, as {@link Long#toString(long)} writes it. */
    RowBytes put(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return put(MIN_LONG);
            }
            put('-');
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        return putDigits(v, digits);
    }

    /** The last {@code width} decimal digits of {@code v} (at least 0), zero-padded: 42 at width 4 is "0042". */
    RowBytes putDigits(long v, int width) {
        ensure(width);
        for (int i = length + width - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += width;
        return this;
    }

    /**
     * Text, a byte per character: ASCII as it is, and any character above 0x7F as {@link #NOT_ASCII}.
     * For our own alphabets (transport names, uids), and for cells that the caller checks afterwards
     * (FlowCsvWriter writes a cell this way, then rewrites it as UTF-8 when it holds a byte it does not
     * expect).
     */
    RowBytes putAscii(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length + i] = narrow(s.charAt(i));
        }
        length += n;
        return this;
    }

    /** What {@link #putAscii} writes for {@code s}, as an array to {@link #put(byte[])} again and again. */
    static byte[] ascii(CharSequence s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = narrow(s.charAt(i));
        }
        return b;
    }

    /** The byte at {@code index}, from 0 to {@link #length()}, as 0 to 255. */
    int byteAt(int index) {
        if (index >= length) {
            throw new IndexOutOfBoundsException(index + " of " + length + " bytes");
        }
        return bytes[index] & 0xFF;
    }

    private static byte narrow(char c) {
        return c < 0x80 ? (byte) c : (byte) NOT_ASCII;
    }

    /** Any text, as UTF-8; an unpaired surrogate becomes '?', as a UTF-8 Writer writes it. */
    RowBytes putUtf8(CharSequence s) {
        return put(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@link IpAddress#toString()}: an IPv4 address digit by digit, without making a String. */
    RowBytes put(IpAddress a) {
        if (!a.isIpv4()) {
            return putAscii(a.toString());
        }
        put(a.byteAt(0)).put('.').put(a.byteAt(1)).put('.').put(a.byteAt(2)).put('.');
        return put(a.byteAt(3));
    }

    /** Writes every byte held in one call, then empties this. */
    void writeTo(OutputStream out) throws IOException {
        int n = length;
        length = 0;
        out.write(bytes, 0, n);
    }

    /** The bytes held, decoded. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int n) {
        if (bytes.length - length < n) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, 2 * bytes.length));
        }
    }
}
