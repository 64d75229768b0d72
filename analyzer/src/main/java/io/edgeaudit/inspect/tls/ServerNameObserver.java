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
 * whose hello is not complete yet; nothing for other flows after their first payload.
 */
public final class ServerNameObserver implements PacketObserver {
    /** The flows whose ClientHello is still being collected. */
    private final Map<Flow, Hello> pending = new IdentityHashMap<>();
    /** Flows already decided (found, not TLS, given up): nothing more to do for them. */
    private final Map<Flow, Boolean> done = new IdentityHashMap<>();

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
    public void onPacket(Flow flow, boolean fromOrig, Packet packet) {
        int len = packet.capturedPayloadLength;
        if (!fromOrig || len <= 0 || done.containsKey(flow)) {
            return;
        }
        Hello h = pending.get(flow);
        if (h == null) {
            if ((packet.buf[packet.payloadOffset] & 0xFF) != ClientHelloParser.CONTENT_HANDSHAKE) {
                done.put(flow, Boolean.TRUE);
                return;
            }
            h = new Hello();
            h.nextSeq = packet.tcpSeq;
            pending.put(flow, h);
        }
        if (packet.tcpSeq != h.nextSeq || len != packet.wirePayloadLength) {
            // a retransmission, a reordered or a snaplen-cut segment: the hello cannot be rebuilt simply
            finish(flow);
            return;
        }
        int copy = Math.min(len, h.bytes.length - h.length);
        System.arraycopy(packet.buf, packet.payloadOffset, h.bytes, h.length, copy);
        h.length += copy;
        h.nextSeq = (h.nextSeq + len) & 0xFFFF_FFFFL;
        ClientHelloParser.Result r = ClientHelloParser.parse(h.bytes, 0, h.length);
        if (r.status() == ClientHelloParser.Status.COMPLETE) {
            flow.serverName(r.serverName());
            finish(flow);
        } else if (r.status() != ClientHelloParser.Status.NEED_MORE || h.length == h.bytes.length) {
            finish(flow);
        }
    }

    private void finish(Flow flow) {
        pending.remove(flow);
        done.put(flow, Boolean.TRUE);
    }

    @Override
    public void flowEnded(Flow flow) {
        pending.remove(flow);
        done.remove(flow);
    }
}
