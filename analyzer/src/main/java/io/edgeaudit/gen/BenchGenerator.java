package io.edgeaudit.gen;

import io.edgeaudit.capture.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;

/**
 * Writes a large, realistic-shaped capture for benchmarks, streaming (memory does not grow with the
 * output): {@code flows} flows of TCP (handshake, small exchanges, FIN close) and UDP (request and
 * reply), about 70/30, interleaved {@value #ACTIVE} at a time, 10 µs apart, so that about 100 000
 * packets per second of capture time pass and no flow times out. Deterministic for the same arguments.
 */
public final class BenchGenerator {
    static final int ACTIVE = 2000;
    private static final long START_NS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    private static final int[] TCP_PORTS = {443, 5061, 443, 80, 5269, 4443, 8057, 5062, 23456, 3389};
    private static final int[] UDP_PORTS = {3478, 53, 3478, 123, 50_000};

    private BenchGenerator() {
    }

    private static final class Slot {
        final PacketBuilder.Spec c = new PacketBuilder.Spec();
        final PacketBuilder.Spec s = new PacketBuilder.Spec();
        int total;
        int sent;
        boolean tcp;
        long cseq;
        long sseq;
    }

    /** Writes about {@code packets} packets over {@code flows} flows; returns the packets written. */
    public static long write(long flows, long packets, OutputStream out) throws IOException {
        if (flows <= 0 || packets < flows * 2) {
            throw new IllegalArgumentException("need flows > 0 and packets >= 2 * flows");
        }
        SplittableRandom rnd = new SplittableRandom(20261124L);
        PacketBuilder b = new PacketBuilder("ethernet");
        int avg = (int) Math.max(2, packets / flows);
        Slot[] slots = new Slot[(int) Math.min(ACTIVE, flows)];
        long started = 0;
        long written = 0;
        long ts = START_NS;
        try (CaptureOutput o = new CaptureOutput(out, "pcap", LinkType.ETHERNET)) {
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot();
                start(slots[i], started++, avg, rnd);
            }
            int live = slots.length;
            int i = 0;
            while (live > 0) {
                Slot sl = slots[i];
                if (sl.total > 0) {
                    PacketBuilder.Spec p = next(sl);
                    o.write(ts, b.buf, b.build(p), null, 0);
                    written++;
                    ts += 10_000;
                    if (sl.sent == sl.total) {
                        if (started < flows) {
                            start(sl, started++, avg, rnd);
                        } else {
                            sl.total = 0;
                            live--;
                        }
                    }
                }
                i = (i + 1) % slots.length;
            }
        }
        return written;
    }

    private static void start(Slot sl, long n, int avg, SplittableRandom rnd) {
        sl.tcp = rnd.nextInt(10) < 7;
        sl.total = Math.max(sl.tcp ? 7 : 2, avg / 2 + rnd.nextInt(avg + 1));
        sl.sent = 0;
        byte[] client;
        byte[] server;
        if (rnd.nextInt(20) == 0) {
            client = new byte[16];
            server = new byte[16];
            client[0] = 0x20;
            client[1] = 0x01;
            client[2] = 0x0d;
            client[3] = (byte) 0xb8;
            System.arraycopy(client, 0, server, 0, 4);
            client[4] = 1;
            server[4] = 2;
            client[12] = (byte) (n >>> 24);
            client[13] = (byte) (n >>> 16);
            client[14] = (byte) (n >>> 8);
            client[15] = (byte) n;
            server[15] = (byte) rnd.nextInt(1, 250);
        } else {
            client = new byte[] {(byte) 203, 0, (byte) 113, (byte) rnd.nextInt(1, 255)};
            client[1] = (byte) (n >>> 16 & 0x3f);
            server = new byte[] {(byte) 198, 51, 100, (byte) rnd.nextInt(1, 60)};
        }
        int cport = 1024 + (int) (n % 60_000);
        int sport = sl.tcp ? TCP_PORTS[rnd.nextInt(TCP_PORTS.length)] : UDP_PORTS[rnd.nextInt(UDP_PORTS.length)];
        int[] vlans = rnd.nextInt(10) == 0 ? new int[] {100 + rnd.nextInt(10)} : new int[0];
        fill(sl.c, client, server, cport, sport, vlans, true, sl.tcp);
        fill(sl.s, server, client, sport, cport, vlans, false, sl.tcp);
        sl.cseq = rnd.nextLong(1L << 32);
        sl.sseq = rnd.nextLong(1L << 32);
    }

    private static void fill(PacketBuilder.Spec p, byte[] src, byte[] dst, int sport, int dport, int[] vlans,
                             boolean fromClient, boolean tcp) {
        p.src = src;
        p.dst = dst;
        p.srcPort = sport;
        p.dstPort = dport;
        p.vlans = vlans;
        p.fromClient = fromClient;
        p.proto = tcp ? PacketBuilder.TCP : PacketBuilder.UDP;
        p.payload = null;
    }

    private static PacketBuilder.Spec next(Slot sl) {
        int k = sl.sent++;
        if (!sl.tcp) {
            PacketBuilder.Spec p = k % 2 == 0 ? sl.c : sl.s;
            p.payloadLength = 20 + (k * 37) % 120;
            return p;
        }
        int fromEnd = sl.total - 1 - k;
        PacketBuilder.Spec p;
        if (k == 0) {
            p = tcp(sl.c, 0x02, sl.cseq, 0, 0);
        } else if (k == 1) {
            p = tcp(sl.s, 0x12, sl.sseq, sl.cseq + 1, 0);
        } else if (k == 2) {
            p = tcp(sl.c, 0x10, sl.cseq + 1, sl.sseq + 1, 0);
        } else if (fromEnd == 2) {
            p = tcp(sl.c, 0x11, sl.cseq + 1, sl.sseq + 1, 0);
        } else if (fromEnd == 1) {
            p = tcp(sl.s, 0x11, sl.sseq + 1, sl.cseq + 2, 0);
        } else if (fromEnd == 0) {
            p = tcp(sl.c, 0x10, sl.cseq + 2, sl.sseq + 2, 0);
        } else {
            boolean client = k % 2 == 1;
            int len = 16 + (k * 29) % 64;
            if (client) {
                p = tcp(sl.c, 0x18, sl.cseq + 1, sl.sseq + 1, len);
                sl.cseq += len;
            } else {
                p = tcp(sl.s, 0x18, sl.sseq + 1, sl.cseq + 1, len);
                sl.sseq += len;
            }
        }
        return p;
    }

    private static PacketBuilder.Spec tcp(PacketBuilder.Spec p, int flags, long seq, long ack, int len) {
        p.tcpFlags = flags;
        p.seq = seq & 0xffffffffL;
        p.ack = ack & 0xffffffffL;
        p.payloadLength = len;
        return p;
    }
}
