package io.edgeaudit.inspect.av;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.Direction;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketObserver;
import io.edgeaudit.inspect.stun.Bytes;
import io.edgeaudit.inspect.stun.TransportAddress;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Test helper standing in for capture, decode and the flow table: builds a frame whose bytes are the
 * two addresses followed by the payload, fills a {@link Packet} the way the decoder does, keeps
 * bidirectional flows and feeds the observer. Timestamps are milliseconds from 0.
 */
public final class PacketFeeder {
    private final PacketObserver observer;
    private final CaptureFile file;
    private final Frame frame = new Frame();
    private final Packet packet = new Packet();
    private final Map<Set<TransportAddress>, Flow> flows = new HashMap<>();
    private final Map<Flow, Boolean> wanted = new HashMap<>();
    private long number;

    public PacketFeeder(PacketObserver observer, String fileName) {
        this.observer = observer;
        this.file = new CaptureFile(0, fileName);
    }

    public Flow udp(long ms, String src, String dst, byte[] payload) {
        return send(Packet.UDP, ms, src, dst, payload, 0, 0);
    }

    public Flow tcp(long ms, String src, String dst, long seq, int flags, byte[] payload) {
        return send(Packet.TCP, ms, src, dst, payload, seq, flags);
    }

    private Flow send(int transport, long ms, String srcText, String dstText, byte[] payload, long seq, int flags) {
        TransportAddress src = TransportAddress.parse(srcText);
        TransportAddress dst = TransportAddress.parse(dstText);
        long ts = ms * 1_000_000L;
        Set<TransportAddress> key = Set.of(src, dst);
        Flow flow = flows.get(key);
        if (flow == null) {
            flow = new Flow("F" + (flows.size() + 1), transport, src.ip(), src.port(), dst.ip(), dst.port(),
                    0, 0, 0, null, null, false, 0, ts);
            flows.put(key, flow);
            wanted.put(flow, observer.wants(flow));
        }
        boolean fromOrig = flow.origAddr().equals(src.ip()) && flow.origPort() == src.port();
        (fromOrig ? flow.orig() : flow.resp()).add(payload.length + 42L, payload.length);
        flow.tsLast(ts);
        byte[] s = src.ip().toBytes();
        byte[] d = dst.ip().toBytes();
        byte[] buf = Bytes.concat(s, d, payload);
        frame.set(file, ++number, 0, 0, ts, 1, buf, 0, buf.length, buf.length, -1, null, Direction.UNKNOWN);
        packet.reset(frame);
        packet.ipVersion = s.length == 4 ? 4 : 6;
        packet.srcAddrOffset = 0;
        packet.dstAddrOffset = s.length;
        packet.addrLength = s.length;
        packet.transport = transport;
        packet.srcPort = src.port();
        packet.dstPort = dst.port();
        packet.hasPorts = true;
        packet.tcpSeq = seq;
        packet.tcpFlags = flags;
        packet.payloadOffset = 2 * s.length;
        packet.capturedPayloadLength = payload.length;
        packet.wirePayloadLength = payload.length;
        if (wanted.get(flow) && !observer.onPacket(flow, fromOrig, packet)) {
            wanted.put(flow, false); // detached, as the flow table honours it
        }
        return flow;
    }

    public long packets() {
        return number;
    }
}
