package io.edgeaudit.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Builds capture files field by field for reader tests, in either byte order, so that a test can
 * make valid bytes and then break exactly one field. Offsets of fields are documented where used.
 */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    private CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    static CaptureBytes in(ByteOrder order) {
        return new CaptureBytes(order);
    }

    /** Classic pcap file header: magic, version 2.4, thiszone 0, sigfigs 0, snaplen, link type. */
    CaptureBytes pcapHeader(int magic, int snaplen, int linkType) {
        return put(buf(24).putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snaplen).putInt(linkType));
    }

    /** Classic pcap record: seconds, fraction (us or ns), captured length, original length, data. */
    CaptureBytes pcapRecord(long seconds, long fraction, byte[] data, int originalLength) {
        put(buf(16).putInt((int) seconds).putInt((int) fraction).putInt(data.length).putInt(originalLength));
        out.writeBytes(data);
        return this;
    }

    /** Any raw bytes, in this builder's order for ints. */
    CaptureBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    CaptureBytes int32(int v) {
        return put(buf(4).putInt(v));
    }

    /** pcapng block: type, total length, body (padded to 4), total length again. */
    CaptureBytes block(int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        int length = 12 + padded;
        put(buf(8).putInt(type).putInt(length));
        out.writeBytes(body);
        out.writeBytes(new byte[padded - body.length]);
        return put(buf(4).putInt(length));
    }

    /** Section header block: byte-order magic, version 1.0, section length -1, no options. */
    CaptureBytes shb() {
        return block(PcapngReader.SHB, body().putInt(PcapngReader.BYTE_ORDER_MAGIC).putShort(1).putShort(0)
                .putLong(-1).bytes());
    }

    /** Interface description block: link type, reserved, snaplen, then the given options. */
    CaptureBytes idb(int linkType, int snaplen, Options options) {
        return block(PcapngReader.IDB, body().putShort(linkType).putShort(0).putInt(snaplen)
                .put(options == null ? new byte[0] : options.bytes(order)).bytes());
    }

    /** Enhanced packet block: interface, ts high, ts low, captured length, original length, data, options. */
    CaptureBytes epb(int interfaceId, long ticks, byte[] data, int originalLength, Options options) {
        return block(PcapngReader.EPB, body().putInt(interfaceId).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                .putInt(data.length).putInt(originalLength).put(data).pad()
                .put(options == null ? new byte[0] : options.bytes(order)).bytes());
    }

    /** Simple packet block: original length, data. */
    CaptureBytes spb(int originalLength, byte[] data) {
        return block(PcapngReader.SPB, body().putInt(originalLength).put(data).bytes());
    }

    /** Obsolete packet block: interface (16 bits), drops (16 bits), ts high, ts low, lengths, data, options. */
    CaptureBytes pb(int interfaceId, long ticks, byte[] data, int originalLength, Options options) {
        return block(PcapngReader.PB, body().putShort(interfaceId).putShort(0).putInt((int) (ticks >>> 32))
                .putInt((int) ticks).putInt(data.length).putInt(originalLength).put(data).pad()
                .put(options == null ? new byte[0] : options.bytes(order)).bytes());
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(data);
        }
        return b.toByteArray();
    }

    static byte[] frameData(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    private CaptureBytes put(ByteBuffer b) {
        out.write(b.array(), 0, b.position());
        return this;
    }

    private Body body() {
        return new Body(order);
    }

    /** A growing block body in the builder's byte order. */
    static final class Body {
        private final ByteBuffer b;

        Body(ByteOrder order) {
            b = ByteBuffer.allocate(1 << 21).order(order);
        }

        Body putShort(int v) {
            b.putShort((short) v);
            return this;
        }

        Body putInt(int v) {
            b.putInt(v);
            return this;
        }

        Body putLong(long v) {
            b.putLong(v);
            return this;
        }

        Body put(byte[] v) {
            b.put(v);
            return this;
        }

        Body pad() {
            while (b.position() % 4 != 0) {
                b.put((byte) 0);
            }
            return this;
        }

        byte[] bytes() {
            byte[] r = new byte[b.position()];
            b.get(0, r);
            return r;
        }
    }

    /** pcapng options: code, length, value padded to 4; {@link #bytes} adds opt_endofopt. */
    static final class Options {
        private record Option(int code, byte[] value) {
        }

        private final List<Option> list = new ArrayList<>();

        static Options of() {
            return new Options();
        }

        Options add(int code, byte... value) {
            list.add(new Option(code, value));
            return this;
        }

        Options text(int code, String value) {
            return add(code, value.getBytes(StandardCharsets.UTF_8));
        }

        Options int32(int code, int value, ByteOrder order) {
            return add(code, ByteBuffer.allocate(4).order(order).putInt(value).array());
        }

        Options int64(int code, long value, ByteOrder order) {
            return add(code, ByteBuffer.allocate(8).order(order).putLong(value).array());
        }

        byte[] bytes(ByteOrder order) {
            Body body = new Body(order);
            for (Option o : list) {
                body.putShort(o.code()).putShort(o.value().length).put(o.value()).pad();
            }
            return body.putShort(0).putShort(0).bytes();
        }
    }
}
