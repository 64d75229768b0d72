package io.edgeaudit.decode;

import io.edgeaudit.net.IpAddress;

import java.io.ByteArrayOutputStream;

/**
 * Writes test fixtures field by field, in network order unless a method says otherwise, so each
 * field can carry its own comment at the call site.
 */
public final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Wire u8(int v) {
        out.write(v);
        return this;
    }

    public Wire u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public Wire u32(long v) {
        u16((int) (v >>> 16));
        return u16((int) v);
    }

    public Wire u32le(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    public Wire bytes(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    public Wire bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** {@code n} bytes of value {@code v}. */
    public Wire fill(int n, int v) {
        for (int i = 0; i < n; i++) {
            out.write(v);
        }
        return this;
    }

    /** An IPv4 or IPv6 address literal, as 4 or 16 raw bytes. */
    public Wire ip(String literal) {
        return bytes(IpAddress.parse(literal).toBytes());
    }

    public int size() {
        return out.size();
    }

    public byte[] toArray() {
        return out.toByteArray();
    }
}
