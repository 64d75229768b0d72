package io.edgeaudit.gen;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the generator's frames as classic pcap (microsecond or nanosecond) or pcapng (one IDB per
 * interface name, EPB with direction flags). Little-endian, snaplen 262144.
 */
final class CaptureOutput implements Closeable {
    private static final int SNAPLEN = 262_144;

    private final OutputStream out;
    private final String format;
    private final int linkType;
    private final List<String> interfaces = new ArrayList<>();
    private final ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);

    CaptureOutput(OutputStream out, String format, int linkType) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 20);
        this.format = format;
        this.linkType = linkType;
        if (format.equals("pcapng")) {
            ByteBuffer shb = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
            shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                    .putLong(-1L).putInt(28);
            this.out.write(shb.array());
        } else {
            ByteBuffer fh = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            fh.putInt(format.equals("pcap-ns") ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4)
                    .putInt(0).putInt(0).putInt(SNAPLEN).putInt(linkType);
            this.out.write(fh.array());
        }
    }

    /**
     * @param iface     pcapng interface name (null: "eth0"); ignored for pcap
     * @param direction 0 unknown, 1 inbound, 2 outbound (pcapng only)
     */
    void write(long tsNs, byte[] frame, int length, String iface, int direction) throws IOException {
        header.clear();
        if (!format.equals("pcapng")) {
            long sec = Math.floorDiv(tsNs, 1_000_000_000L);
            long frac = Math.floorMod(tsNs, 1_000_000_000L);
            header.putInt((int) sec).putInt((int) (format.equals("pcap-ns") ? frac : frac / 1000))
                    .putInt(length).putInt(length);
            out.write(header.array(), 0, 16);
            out.write(frame, 0, length);
            return;
        }
        int id = interfaceId(iface == null ? "eth0" : iface);
        int padded = (length + 3) & ~3;
        boolean flags = direction != 0;
        int total = 32 + padded + (flags ? 12 : 0);
        header.putInt(6).putInt(total).putInt(id).putInt((int) (tsNs >>> 32)).putInt((int) tsNs)
                .putInt(length).putInt(length);
        out.write(header.array(), 0, 28);
        out.write(frame, 0, length);
        out.write(new byte[padded - length]);
        header.clear();
        if (flags) {
            header.putShort((short) 2).putShort((short) 4).putInt(direction).putShort((short) 0).putShort((short) 0);
            out.write(header.array(), 0, 12);
            header.clear();
        }
        header.putInt(total);
        out.write(header.array(), 0, 4);
    }

    private int interfaceId(String name) throws IOException {
        int id = interfaces.indexOf(name);
        if (id >= 0) {
            return id;
        }
        interfaces.add(name);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int namePad = (n.length + 3) & ~3;
        // options: if_name, if_tsresol (9 = nanoseconds), opt_endofopt
        int total = 20 + 4 + namePad + 4 + 4 + 4;
        ByteBuffer idb = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        idb.putInt(1).putInt(total).putShort((short) linkType).putShort((short) 0).putInt(SNAPLEN);
        idb.putShort((short) 2).putShort((short) n.length).put(n).put(new byte[namePad - n.length]);
        idb.putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]);
        idb.putShort((short) 0).putShort((short) 0);
        idb.putInt(total);
        out.write(idb.array());
        return interfaces.size() - 1;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
