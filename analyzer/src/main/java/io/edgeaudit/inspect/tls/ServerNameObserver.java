package io.edgeaudit.inspect.tls;

import io.edgeaudit.decode.Packet;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketObserver;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Records the TLS server name (SNI, RFC 6066) of TCP flows on the flow ({@link Flow#serverName}). It
 * reads the originator's first payload bytes in sequence order, up to
 * {@link ClientHelloParser#MAX_HELLO}, so a ClientHello split over several segments is found; a flow
 * whose first byte is not a TLS handshake, a segment out of order, or a malformed or longer hello
 * ends the attempt. Cost: one bounded buffer per TCP flow whose client sent a TLS handshake byte and
 * whose hello is not complete yet; once a flow is decided (name found, not TLS, given up) it detaches
 * from the flow ({@link PacketObserver#onPacket} returns false) and costs nothing more.
 */
public final class ServerNameObserver implements PacketObserver {
    /** The flows whose ClientHello is still being collected. */
    private final Map<Flow, Hello> pending = new IdentityHashMap<>();

    private static final class Hello {
        final byte[] bytes = new byte[ClientHelloParser.MAX_HELLO];
        int length;
        long nextSeq;
    }

    @Override
    public boolean wants(Flow flow) {
        return flow.transport() == Packet.TCP;
    }

    @Override
    public boolean onPacket(Flow flow, boolean fromOrig, Packet packet) {
        int len = packet.capturedPayloadLength;
        if (!fromOrig || len <= 0) {
            return true;
        }
        Hello h = pending.get(flow);
        if (h == null) {
            if ((packet.buf[packet.payloadOffset] & 0xFF) != ClientHelloParser.CONTENT_HANDSHAKE) {
                return false; // not TLS
            }
            h = new Hello();
            h.nextSeq = packet.tcpSeq;
            pending.put(flow, h);
        }
        if (packet.tcpSeq != h.nextSeq || len != packet.wirePayloadLength) {
            // a retransmission, a reordered or a snaplen-cut segment: the hello cannot be rebuilt simply
            pending.remove(flow);
            return false;
        }
        int copy = Math.min(len, h.bytes.length - h.length);
        System.arraycopy(packet.buf, packet.payloadOffset, h.bytes, h.length, copy);
        h.length += copy;
        h.nextSeq = (h.nextSeq + len) & 0xFFFF_FFFFL;
        ClientHelloParser.Result r = ClientHelloParser.parse(h.bytes, 0, h.length);
        if (r.status() == ClientHelloParser.Status.COMPLETE) {
            flow.serverName(r.serverName());
        } else if (r.status() == ClientHelloParser.Status.NEED_MORE && h.length < h.bytes.length) {
            return true;
        }
        pending.remove(flow);
        return false;
    }

    @Override
    public void flowEnded(Flow flow) {
        pending.remove(flow);
    }
}
