package io.edgeaudit.gen;

import io.edgeaudit.capture.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a {@link FlowScript} into a capture: each line becomes the packets of one flow (a TCP
 * handshake, exchanges and close; UDP datagrams and replies; an ICMP error quoting a packet), and the
 * packets of all flows are written in timestamp order. Deterministic: the same script gives the same
 * bytes.
 */
public final class CaptureGenerator {
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;

    private record Event(long tsNs, int order, byte[] frame, String iface, int direction) {
    }

    private CaptureGenerator() {
    }

    /** Writes the script's capture to {@code out}; returns the number of packets written. */
    public static long write(FlowScript script, OutputStream out) throws IOException {
        PacketBuilder builder = new PacketBuilder(script.link());
        List<Event> events = new ArrayList<>();
        int[] order = {0};
        for (ScriptFlow f : script.flows()) {
            int repeat = f.intKey("repeat", 1);
            long gapNs = f.intKey("gap", 1) * 1_000_000L;
            for (int r = 0; r < repeat; r++) {
                expand(f, r, script.startEpochNs() + f.startNs() + r * gapNs, gapNs, builder, events, order);
            }
        }
        events.sort(Comparator.comparingLong(Event::tsNs).thenComparingInt(Event::order));
        try (CaptureOutput o = new CaptureOutput(out, script.format(), linkType(script.link()))) {
            for (Event e : events) {
                o.write(e.tsNs(), e.frame(), e.frame().length, e.iface(), e.direction());
            }
        }
        return events.size();
    }

    static int linkType(String link) {
        return switch (link) {
            case "raw" -> LinkType.RAW;
            case "sll" -> LinkType.LINUX_SLL;
            case "sll2" -> LinkType.LINUX_SLL2;
            case "null" -> LinkType.NULL;
            default -> LinkType.ETHERNET;
        };
    }

    private static void expand(ScriptFlow f, int r, long t0, long gapNs, PacketBuilder b, List<Event> events,
                               int[] order) {
        PacketBuilder.Spec c = new PacketBuilder.Spec();
        c.src = f.src().toBytes();
        c.dst = f.dst().toBytes();
        c.srcPort = f.srcPort() + r;
        c.dstPort = f.dstPort();
        c.ttl = f.intKey("ttl", 64);
        c.vlans = vlans(f.key("vlan", ""));
        c.fromClient = true;
        PacketBuilder.Spec s = new PacketBuilder.Spec();
        s.src = c.dst;
        s.dst = c.src;
        s.srcPort = c.dstPort;
        s.dstPort = c.srcPort;
        s.ttl = c.ttl;
        s.vlans = c.vlans;
        String iface = f.keys().get("iface");
        int dir = switch (f.key("dir", "")) {
            case "in" -> 1;
            case "out" -> 2;
            default -> 0;
        };
        int rdir = dir == 0 ? 0 : 3 - dir;
        Emitter em = new Emitter(b, events, order, t0, gapNs, iface, dir, rdir);
        switch (f.proto()) {
            case "tcp" -> tcp(f, r, c, s, em);
            case "udp" -> udp(f, c, s, em);
            default -> icmp(f, b, c, em);
        }
    }

    private static final class Emitter {
        final PacketBuilder b;
        final List<Event> events;
        final int[] order;
        final long gapNs;
        final String iface;
        final int dir;
        final int rdir;
        long t;

        Emitter(PacketBuilder b, List<Event> events, int[] order, long t0, long gapNs, String iface, int dir,
                int rdir) {
            this.b = b;
            this.events = events;
            this.order = order;
            this.t = t0;
            this.gapNs = gapNs;
            this.iface = iface;
            this.dir = dir;
            this.rdir = rdir;
        }

        void emit(PacketBuilder.Spec p) {
            int len = b.build(p);
            byte[] frame = new byte[len];
            System.arraycopy(b.buf, 0, frame, 0, len);
            events.add(new Event(t, order[0]++, frame, iface, p.fromClient ? dir : rdir));
            t += gapNs;
        }

        void skip(long ns) {
            t += ns;
        }
    }

    private static void tcp(ScriptFlow f, int r, PacketBuilder.Spec c, PacketBuilder.Spec s, Emitter em) {
        String state = f.key("state", "ok");
        int bytes = f.intKey("bytes", 100);
        int data = f.intKey("data", 1);
        byte[] payload = hex(f.keys().get("payload"));
        byte[] rpayload = hex(f.keys().get("rpayload"));
        long cseq = 1_000_000L * (f.line() + 1) + 7919L * r;
        long sseq = 3_000_000_000L - 1_000_000L * (f.line() + 1) - 104_729L * r;
        c.proto = PacketBuilder.TCP;
        s.proto = PacketBuilder.TCP;
        switch (state) {
            case "refused" -> {
                seg(em, c, SYN, cseq, 0, null, 0);
                seg(em, s, RST | ACK, 0, cseq + 1, null, 0);
                return;
            }
            case "noanswer" -> {
                int syns = f.intKey("syns", 3);
                for (int i = 0; i < syns; i++) {
                    seg(em, c, SYN, cseq, 0, null, 0);
                    em.skip(1_000_000_000L << i); // RFC 6298 back-off: 1 s, 2 s, 4 s ...
                }
                return;
            }
            case "midstream" -> {
                cseq++;
                sseq++;
            }
            default -> {
                seg(em, c, SYN, cseq, 0, null, 0);
                seg(em, s, SYN | ACK, sseq, cseq + 1, null, 0);
                cseq++;
                sseq++;
                seg(em, c, ACK, cseq, sseq, null, 0);
            }
        }
        for (int i = 0; i < data; i++) {
            byte[] cp = i == 0 ? payload : null;
            int clen = cp != null ? cp.length : bytes;
            seg(em, c, PSH | ACK, cseq, sseq, cp, clen);
            cseq += clen;
            byte[] sp = i == 0 ? rpayload : null;
            int slen = sp != null ? sp.length : bytes;
            seg(em, s, PSH | ACK, sseq, cseq, sp, slen);
            sseq += slen;
        }
        if (state.equals("midstream")) {
            return;
        }
        switch (f.key("close", "fin")) {
            case "fin" -> {
                seg(em, c, FIN | ACK, cseq, sseq, null, 0);
                seg(em, s, FIN | ACK, sseq, cseq + 1, null, 0);
                seg(em, c, ACK, cseq + 1, sseq + 1, null, 0);
            }
            case "rst" -> seg(em, c, RST | ACK, cseq, sseq, null, 0);
            default -> {
            }
        }
    }

    private static void seg(Emitter em, PacketBuilder.Spec p, int flags, long seq, long ack, byte[] payload,
                            int len) {
        p.tcpFlags = flags;
        p.seq = seq & 0xffffffffL;
        p.ack = (flags & ACK) != 0 ? ack & 0xffffffffL : 0;
        p.payload = payload;
        p.payloadLength = len;
        em.emit(p);
    }

    private static void udp(ScriptFlow f, PacketBuilder.Spec c, PacketBuilder.Spec s, Emitter em) {
        int pkts = f.intKey("pkts", 1);
        int replies = f.intKey("replies", pkts);
        int bytes = f.intKey("bytes", 100);
        byte[] payload = hex(f.keys().get("payload"));
        byte[] rpayload = hex(f.keys().get("rpayload"));
        c.proto = PacketBuilder.UDP;
        s.proto = PacketBuilder.UDP;
        c.payload = payload;
        c.payloadLength = payload != null ? payload.length : bytes;
        s.payload = rpayload;
        s.payloadLength = rpayload != null ? rpayload.length : bytes;
        for (int i = 0; i < Math.max(pkts, replies); i++) {
            if (i < pkts) {
                em.emit(c);
            }
            if (i < replies) {
                em.emit(s);
            }
        }
    }

    private static void icmp(ScriptFlow f, PacketBuilder b, PacketBuilder.Spec c, Emitter em) {
        boolean v6 = c.src.length == 16;
        c.proto = v6 ? PacketBuilder.ICMPV6 : PacketBuilder.ICMP;
        c.icmpType = f.intKey("type", v6 ? 1 : 3);
        c.icmpCode = f.intKey("code", v6 ? 4 : 3);
        String q = f.keys().get("quote");
        if (q != null) {
            FlowScript.Quote quote = FlowScript.Quote.parse(q);
            c.quote = b.quote(quote.src().addr().toBytes(), quote.dst().addr().toBytes(), quote.proto(),
                    quote.src().port(), quote.dst().port());
        } else {
            c.payloadLength = 32; // an echo-like body
        }
        em.emit(c);
    }

    private static int[] vlans(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split("\\.");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Integer.parseInt(parts[i]);
        }
        return v;
    }

    private static byte[] hex(String text) {
        return text == null ? null : HexFormat.of().parseHex(text);
    }
}
