package io.edgeaudit.flow;

/**
 * Counters for one side of a flow (originator or responder). Mutable while the flow is live; the
 * flow table is its only writer.
 */
public final class Side {
    long packets;
    long frameBytes;
    long payloadBytes;

    /** Packets sent by this side. */
    public long packets() {
        return packets;
    }

    /** Sum of original frame lengths (wire length, as tshark's conversations count bytes). */
    public long frameBytes() {
        return frameBytes;
    }

    /** Transport payload bytes on the wire (from IP/UDP/TCP lengths, not what the snaplen kept). */
    public long payloadBytes() {
        return payloadBytes;
    }

    /** Adds one packet; called by the flow table. */
    public void add(long frameLength, long payloadLength) {
        packets++;
        frameBytes += frameLength;
        payloadBytes += payloadLength;
    }
}
