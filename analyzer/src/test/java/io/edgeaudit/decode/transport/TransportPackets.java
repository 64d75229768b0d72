package io.edgeaudit.decode.transport;

import io.edgeaudit.capture.LinkType;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.TestFrames;

import static io.edgeaudit.decode.TestFrames.DATA_OFFSET;

/** Packets as an IP decoder leaves them for a transport decoder: the IP payload is the fixture. */
final class TransportPackets {
    private TransportPackets() {
    }

    /**
     * @param wireLength the IP payload length on the wire ({@code >= bytes.length})
     */
    static Packet ipPayload(int ipVersion, int transport, byte[] bytes, int wireLength) {
        Packet p = TestFrames.packet(TestFrames.frame(LinkType.RAW, bytes, wireLength));
        p.ipVersion = ipVersion;
        p.transport = transport;
        p.payloadOffset = DATA_OFFSET;
        p.capturedPayloadLength = bytes.length;
        p.wirePayloadLength = wireLength;
        return p;
    }
}
