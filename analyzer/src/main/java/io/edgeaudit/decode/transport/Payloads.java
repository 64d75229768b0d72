package io.edgeaudit.decode.transport;

import io.edgeaudit.decode.Packet;

/** Payload-field helpers shared by the transport decoders. */
final class Payloads {
    private Payloads() {
    }

    /** Marks the packet as carrying no usable payload, positioned at {@code at}. */
    static void empty(Packet p, int at) {
        p.payloadOffset = at;
        p.capturedPayloadLength = 0;
        p.wirePayloadLength = 0;
    }
}
