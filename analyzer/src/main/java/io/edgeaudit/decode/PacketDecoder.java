package io.edgeaudit.decode;

import io.edgeaudit.capture.Frame;
import io.edgeaudit.decode.ip.FragmentTracker;
import io.edgeaudit.decode.ip.Ipv4Decoder;
import io.edgeaudit.decode.ip.Ipv6Decoder;
import io.edgeaudit.decode.link.LinkDecoder;
import io.edgeaudit.decode.transport.IcmpDecoder;
import io.edgeaudit.decode.transport.TcpDecoder;
import io.edgeaudit.decode.transport.UdpDecoder;

import java.util.Objects;

import static io.edgeaudit.decode.Bytes.u8;

/**
 * Decodes frames into the reusable {@link Packet}: link layer, IPv4/IPv6 (with extension headers and
 * fragment attribution), then TCP, UDP or ICMP/ICMPv6. One instance per pipeline; it owns the
 * {@link Anomalies} it counts into and the {@link FragmentTracker}. Not thread-safe.
 *
 * <p>Malformed bytes never throw: every read is preceded by a bounds check, and each malformation
 * is counted once as a {@link Weird} at the byte where it starts (a cut header: the header's first
 * byte; a bad field: that field), with {@link Weird#TRUNCATED_BY_SNAPLEN} counted once per frame the
 * snaplen cut. Decoding stops at the outer IP layer for tunnels (GRE, IP-in-IP, ...): the transport
 * is then that protocol number and the payload the inner packet.
 *
 * <p>Cost: no allocation per packet; only a new fragment group or the first occurrence of an anomaly
 * kind allocates.
 */
public final class PacketDecoder {
    private final Anomalies anomalies;
    private final LinkDecoder link;
    private final Ipv4Decoder ipv4;
    private final Ipv6Decoder ipv6;
    private final TcpDecoder tcp;
    private final UdpDecoder udp;
    private final IcmpDecoder icmp;
    private final FragmentTracker fragments;

    /** A decoder with its own anomaly counters and a default fragment tracker. */
    public PacketDecoder() {
        this(new Anomalies());
    }

    public PacketDecoder(Anomalies anomalies) {
        this(anomalies, new FragmentTracker(anomalies));
    }

    /** @param fragments a tracker counting into the same {@code anomalies} */
    public PacketDecoder(Anomalies anomalies, FragmentTracker fragments) {
        this.anomalies = Objects.requireNonNull(anomalies, "anomalies");
        this.fragments = Objects.requireNonNull(fragments, "fragments");
        this.link = new LinkDecoder(anomalies);
        this.ipv4 = new Ipv4Decoder(anomalies);
        this.ipv6 = new Ipv6Decoder(anomalies);
        this.tcp = new TcpDecoder(anomalies);
        this.udp = new UdpDecoder(anomalies);
        this.icmp = new IcmpDecoder(anomalies);
    }

    /**
     * Resets {@code p} and fills it from {@code frame}.
     *
     * @return true when an IP packet with a transport protocol was found ({@link Packet#hasTransport()});
     *         its ports are valid when {@link Packet#hasPorts} is set
     */
    public boolean decode(Frame frame, Packet p) {
        p.reset(frame);
        byte[] buf = frame.data();
        // the reader guarantees these; clamping keeps a faulty frame from turning into an exception
        int start = Math.max(0, Math.min(frame.dataOffset(), buf.length));
        int end = start + Math.max(0, Math.min(frame.capturedLength(), buf.length - start));
        int wireEnd = (int) Math.min(Integer.MAX_VALUE, Math.max(end, (long) start + frame.originalLength()));
        fragments.expire(frame.timestampNanos());
        if (frame.isTruncated()) {
            anomalies.report(Weird.TRUNCATED_BY_SNAPLEN, frame, end - frame.dataOffset());
        }

        int off = link.decode(p, frame.linkType(), start, end);
        if (off < 0) {
            return false;
        }
        int version = link.network();
        if (version == LinkDecoder.NET_ANY_IP) {
            if (off >= end) {
                anomalies.report(Weird.TRUNCATED_IP_HEADER, p, off);
                return false;
            }
            version = u8(buf, off) >>> 4;
        }
        boolean transportHeader;
        if (version == 4) {
            transportHeader = ipv4.decode(p, off, end, wireEnd);
        } else if (version == 6) {
            transportHeader = ipv6.decode(p, off, end, wireEnd);
        } else {
            anomalies.report(Weird.BAD_IP_VERSION, p, off);
            return false;
        }
        if (!p.hasTransport()) {
            return false;
        }
        if (p.fragment && !p.firstFragment) {
            fragments.later(p);
            return true;
        }
        if (transportHeader) {
            switch (p.transport) {
                case Packet.TCP -> tcp.decode(p);
                case Packet.UDP -> udp.decode(p);
                case Packet.ICMP, Packet.ICMPV6 -> icmp.decode(p);
                default -> {
                    // other protocols (GRE, ESP, IP-in-IP, ...): the payload stays the IP payload
                }
            }
        }
        if (p.firstFragment) {
            fragments.first(p);
        }
        return true;
    }

    /**
     * End of input: counts the fragments whose first fragment never arrived. The decoder can be used
     * again afterwards (a new run starts with no fragment groups).
     */
    public void finish() {
        fragments.finish();
    }

    /** The counters this decoder reports into. */
    public Anomalies anomalies() {
        return anomalies;
    }
}
