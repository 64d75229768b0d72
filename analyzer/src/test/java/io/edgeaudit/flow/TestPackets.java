package io.edgeaudit.flow;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.Direction;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.net.IpAddress;

/**
 * Hand-filled packets for flow tests, as the decoder would leave them: a 40-byte buffer holding
 * the source address at offset 0 and the destination at 16 (IPv4 uses the first 4 bytes of each),
 * a quoted source at 32 is not needed because quotes get their own buffer layout below.
 */
final class TestPackets {
    static final CaptureFile FILE = new CaptureFile(0, "test.pcap");
    static final long SECOND = 1_000_000_000L;
    /** 2026-01-01T00:00:00Z, the generator's default start. */
    static final long T0 = 1_767_225_600L * SECOND;

    private static long packetNumber;

    private TestPackets() {
    }

    static Packet tcp(double seconds, String src, int sp, String dst, int dp, int flags, long seq, int payload) {
        Packet p = ip(seconds, Packet.TCP, src, dst, 54 + payload, payload);
        p.srcPort = sp;
        p.dstPort = dp;
        p.hasPorts = true;
        p.tcpFlags = flags;
        p.tcpSeq = seq;
        return p;
    }

    static Packet udp(double seconds, String src, int sp, String dst, int dp, int payload) {
        Packet p = ip(seconds, Packet.UDP, src, dst, 42 + payload, payload);
        p.srcPort = sp;
        p.dstPort = dp;
        p.hasPorts = true;
        return p;
    }

    /** ICMP with type in srcPort and code in dstPort, as the decoder fills them. */
    static Packet icmp(double seconds, String src, String dst, int type, int code) {
        Packet p = ip(seconds, Packet.ICMP, src, dst, 98, 56);
        p.srcPort = type;
        p.dstPort = code;
        p.hasPorts = true;
        return p;
    }

    /** An ICMP error from {@code src} quoting a UDP datagram qsrc:qsp -> qdst:qdp. */
    static Packet icmpQuotingUdp(double seconds, String src, String dst, int type, int code,
                                 String qsrc, int qsp, String qdst, int qdp) {
        IpAddress a = IpAddress.parse(src);
        IpAddress b = IpAddress.parse(dst);
        IpAddress qa = IpAddress.parse(qsrc);
        IpAddress qb = IpAddress.parse(qdst);
        byte[] buf = new byte[64];
        System.arraycopy(a.toBytes(), 0, buf, 0, a.length());   // outer source at 0
        System.arraycopy(b.toBytes(), 0, buf, 16, b.length());  // outer destination at 16
        System.arraycopy(qa.toBytes(), 0, buf, 32, qa.length()); // quoted source at 32
        System.arraycopy(qb.toBytes(), 0, buf, 48, qb.length()); // quoted destination at 48
        Packet p = fill(seconds, buf, Packet.ICMP, a.length(), 70, 36, Direction.UNKNOWN, null);
        p.srcPort = type;
        p.dstPort = code;
        p.hasPorts = true;
        p.quotedTransport = Packet.UDP;
        p.quotedSrcAddrOffset = 32;
        p.quotedDstAddrOffset = 48;
        p.quotedAddrLength = qa.length();
        p.quotedSrcPort = qsp;
        p.quotedDstPort = qdp;
        p.quotedHasPorts = true;
        return p;
    }

    static Packet ip(double seconds, int transport, String src, String dst, int frameLength, int payload) {
        IpAddress a = IpAddress.parse(src);
        IpAddress b = IpAddress.parse(dst);
        byte[] buf = new byte[40];
        System.arraycopy(a.toBytes(), 0, buf, 0, a.length());
        System.arraycopy(b.toBytes(), 0, buf, 16, b.length());
        return fill(seconds, buf, transport, a.length(), frameLength, payload, Direction.UNKNOWN, null);
    }

    static Packet fill(double seconds, byte[] buf, int transport, int addrLength, int frameLength, int payload,
                       Direction direction, String iface) {
        Frame f = new Frame();
        f.set(FILE, ++packetNumber, 0, 0, T0 + Math.round(seconds * SECOND), 1, buf, 0, buf.length, frameLength,
                iface == null ? -1 : 0, iface, direction);
        Packet p = new Packet();
        p.reset(f);
        p.ipVersion = addrLength == 4 ? 4 : 6;
        p.addrLength = addrLength;
        p.srcAddrOffset = 0;
        p.dstAddrOffset = 16;
        p.transport = transport;
        p.wirePayloadLength = payload;
        p.capturedPayloadLength = payload;
        return p;
    }

    static Packet withVlan(Packet p, int outer, int inner) {
        p.vlanCount = inner < 0 ? 1 : 2;
        p.outerVlan = outer;
        p.innerVlan = Math.max(inner, 0);
        return p;
    }

    static Packet withFrame(Packet p, CaptureFile file, long number, Direction direction, String iface) {
        Frame f = p.frame;
        f.set(file, number, 0, 0, f.timestampNanos(), 1, f.data(), 0, f.capturedLength(), f.originalLength(),
                iface == null ? -1 : 0, iface, direction);
        return p;
    }
}
