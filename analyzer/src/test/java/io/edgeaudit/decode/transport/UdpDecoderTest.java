package io.edgeaudit.decode.transport;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.TestFrames;
import io.edgeaudit.decode.Weird;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;

import static io.edgeaudit.decode.Fixtures.UDP_LENGTH;
import static io.edgeaudit.decode.Fixtures.payload;
import static io.edgeaudit.decode.Fixtures.udp;
import static io.edgeaudit.decode.TestFrames.DATA_OFFSET;
import static io.edgeaudit.decode.TestFrames.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpDecoderTest {
    private final Anomalies anomalies = new Anomalies();
    private final UdpDecoder decoder = new UdpDecoder(anomalies);

    /** 20 payload bytes. */
    private static byte[] valid() {
        return udp(20).bytes(payload(20)).toArray();
    }

    private static byte[] withLength(int length) {
        byte[] bytes = valid();
        bytes[UDP_LENGTH] = (byte) (length >>> 8);
        bytes[UDP_LENGTH + 1] = (byte) length;
        return bytes;
    }

    private Packet decode(byte[] bytes, int wireLength) {
        Packet p = TransportPackets.ipPayload(4, Packet.UDP, bytes, wireLength);
        decoder.decode(p);
        return p;
    }

    @Test
    void validHeaderFillsPortsAndPayload() {
        Packet p = decode(valid(), 28);
        assertTrue(p.hasPorts);
        assertEquals(50000, p.srcPort);
        assertEquals(3478, p.dstPort);
        assertEquals(DATA_OFFSET + 8, p.payloadOffset);
        assertEquals(20, p.capturedPayloadLength);
        assertEquals(20, p.wirePayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void lengthShorterThanIpPayloadDecidesThePayload() {
        Packet p = decode(withLength(8 + 5), 28);
        assertEquals(5, p.capturedPayloadLength);
        assertEquals(5, p.wirePayloadLength);
        assertEquals(0, anomalies.total());
    }

    @ParameterizedTest(name = "length {0}: {1}")
    @CsvSource({
            "0, zero (only valid in an IPv6 jumbogram)",
            "7, below the 8-byte header",
            "29, one byte past the IP payload"})
    void badLengthIsCountedAndTheIpPayloadDecides(int length, String why) {
        Packet p = decode(withLength(length), 28);
        assertTrue(p.hasPorts, why);
        assertEquals(20, p.wirePayloadLength);
        assertEquals(20, p.capturedPayloadLength);
        assertEquals(1, anomalies.count(Weird.BAD_UDP_LENGTH));
        assertEquals(at(UDP_LENGTH), anomalies.entries().get(0).first().byteOffset());
    }

    @Test
    void firstFragmentLengthCoversTheWholeDatagram() {
        Packet p = TransportPackets.ipPayload(4, Packet.UDP, withLength(8 + 3000), 28);
        p.fragment = true;
        p.firstFragment = true;
        decoder.decode(p);
        assertEquals(20, p.wirePayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void zeroLengthInAnIpv6JumbogramIsValid() {
        Packet p = TransportPackets.ipPayload(6, Packet.UDP, withLength(0), 70_000);
        decoder.decode(p);
        assertEquals(70_000 - 8, p.wirePayloadLength);
        assertEquals(20, p.capturedPayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void payloadCutBySnaplenKeepsTheWireLength() {
        Packet p = decode(TestFrames.cut(valid(), 12), 28);
        assertEquals(4, p.capturedPayloadLength);
        assertEquals(20, p.wirePayloadLength);
    }

    static IntStream everyCut() {
        return IntStream.range(0, 8);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("everyCut")
    void datagramEndingInsideTheHeaderHasNoPorts(int length) {
        Packet p = decode(TestFrames.cut(valid(), length), 28);
        assertFalse(p.hasPorts);
        assertEquals(0, p.capturedPayloadLength);
        assertEquals(1, anomalies.count(Weird.TRUNCATED_UDP_HEADER));
    }
}
