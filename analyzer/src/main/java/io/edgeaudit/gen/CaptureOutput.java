package io.edgeaudit.gen;

import io.edgeaudit.capture.Direction;
import io.edgeaudit.capture.PcapWriter;
import io.edgeaudit.capture.PcapngWriter;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's view of the capture writers: one format chosen by name ("pcap", "pcap-ns",
 * "pcapng"), and for pcapng one interface per name in order of first use. Snaplen 262144.
 */
final class CaptureOutput implements Closeable {
    private static final int SNAPLEN = 262_144;
    private static final Direction[] DIRECTIONS = {Direction.UNKNOWN, Direction.INBOUND, Direction.OUTBOUND};

    private final int linkType;
    private final PcapWriter pcap;
    private final PcapngWriter pcapng;
    private final List<String> interfaces = new ArrayList<>();

    CaptureOutput(OutputStream out, String format, int linkType) throws IOException {
        OutputStream buffered = new BufferedOutputStream(out, 1 << 20);
        this.linkType = linkType;
        if (format.equals("pcapng")) {
            this.pcapng = new PcapngWriter(buffered);
            this.pcap = null;
        } else {
            this.pcap = new PcapWriter(buffered, linkType, SNAPLEN, format.equals("pcap-ns"));
            this.pcapng = null;
        }
    }

    /**
     * @param iface     pcapng interface name (null: "eth0"); ignored for pcap
     * @param direction 0 unknown, 1 inbound, 2 outbound (pcapng only)
     */
    void write(long tsNs, byte[] frame, int length, String iface, int direction) throws IOException {
        if (pcap != null) {
            pcap.writeFrame(tsNs, frame, 0, length, length);
            return;
        }
        String name = iface == null ? "eth0" : iface;
        int id = interfaces.indexOf(name);
        if (id < 0) {
            id = pcapng.addInterface(linkType, SNAPLEN, name);
            interfaces.add(name);
        }
        pcapng.writePacket(id, tsNs, frame, 0, length, length, DIRECTIONS[direction], null);
    }

    @Override
    public void close() throws IOException {
        if (pcap != null) {
            pcap.close();
        } else {
            pcapng.close();
        }
    }
}
