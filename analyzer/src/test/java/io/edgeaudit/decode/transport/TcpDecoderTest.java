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

import static io.edgeaudit.decode.Fixtures.TCP_DATA_OFFSET;
import static io.edgeaudit.decode.Fixtures.payload;
import static io.edgeaudit.decode.Fixtures.tcp;
import static io.edgeaudit.decode.TestFrames.DATA_OFFSET;
import static io.edgeaudit.decode.TestFrames.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpDecoderTest {
    private final Anomalies anomalies = new Anomalies();
    private final TcpDecoder decoder = new TcpDecoder(anomalies);

    /** SYN|ACK with 10 payload bytes. */
    private static byte[] valid() {
        return tcp(Packet.TCP_SYN | Packet.TCP_ACK).bytes(payload(10)).toArray();
    }

    private Packet decode(byte[] bytes, int wireLength) {
        Packet p = TransportPackets.ipPayload(4, Packet.TCP, bytes, wireLength);
        decoder.decode(p);
        return p;
    }

    @Test
    void validHeaderFillsPortsFlagsNumbersAndPayload() {
        Packet p = decode(valid(), 30);
        assertTrue(p.hasPorts);
        assertEquals(49152, p.srcPort);
        assertEquals(443, p.dstPort);
        assertEquals(0x1000_0001L, p.tcpSeq);
        assertEquals(0x2000_0002L, p.tcpAck);
        assertEquals(Packet.TCP_SYN | Packet.TCP_ACK, p.tcpFlags);
        assertEquals(DATA_OFFSET + 20, p.payloadOffset);
        assertEquals(10, p.capturedPayloadLength);
        assertEquals(10, p.wirePayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void unsignedSequenceNumbersStayPositive() {
        byte[] bytes = valid();
        for (int i = 4; i < 12; i++) {
            bytes[i] = (byte) 0xff;              // sequence and acknowledgment 0xFFFFFFFF
        }
        Packet p = decode(bytes, 30);
        assertEquals(0xFFFF_FFFFL, p.tcpSeq);
        assertEquals(0xFFFF_FFFFL, p.tcpAck);
    }

    @Test
    void optionsArePartOfTheHeader() {
        byte[] bytes = valid();
        bytes[TCP_DATA_OFFSET] = (byte) 0x70;    // data offset 7: 8 bytes of options
        Packet p = decode(bytes, 30);
        assertEquals(DATA_OFFSET + 28, p.payloadOffset);
        assertEquals(2, p.capturedPayloadLength);
        assertEquals(2, p.wirePayloadLength);
    }

    @Test
    void optionsCutBySnaplenLeaveNoCapturedPayload() {
        byte[] bytes = valid();
        bytes[TCP_DATA_OFFSET] = (byte) 0xF0;    // data offset 15: 60-byte header
        Packet p = decode(TestFrames.cut(bytes, 24), 100);
        assertTrue(p.hasPorts);
        assertEquals(0, p.capturedPayloadLength);
        assertEquals(40, p.wirePayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void payloadCutBySnaplenKeepsTheWireLength() {
        Packet p = decode(TestFrames.cut(valid(), 25), 30);
        assertEquals(5, p.capturedPayloadLength);
        assertEquals(10, p.wirePayloadLength);
    }

    @ParameterizedTest(name = "data offset byte {0}: {1}")
    @CsvSource({
            "0x40, 4 words is below the 5-word minimum",
            "0x80, 32 bytes are past the 30-byte segment"})
    void badDataOffsetKeepsPortsAndDropsPayload(String value, String why) {
        byte[] bytes = valid();
        bytes[TCP_DATA_OFFSET] = (byte) (int) Integer.decode(value);
        Packet p = decode(bytes, 30);
        assertTrue(p.hasPorts, why);
        assertEquals(Packet.TCP_SYN | Packet.TCP_ACK, p.tcpFlags);
        assertEquals(0, p.capturedPayloadLength);
        assertEquals(0, p.wirePayloadLength);
        assertEquals(1, anomalies.count(Weird.BAD_TCP_HEADER_LENGTH));
        assertEquals(at(TCP_DATA_OFFSET), anomalies.entries().get(0).first().byteOffset());
    }

    static IntStream everyCut() {
        return IntStream.range(0, 20);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("everyCut")
    void segmentEndingInsideTheHeaderHasNoPorts(int length) {
        Packet p = decode(TestFrames.cut(valid(), length), 30);
        assertFalse(p.hasPorts);
        assertEquals(0, p.capturedPayloadLength);
        assertEquals(1, anomalies.count(Weird.TRUNCATED_TCP_HEADER));
        assertEquals(at(0), anomalies.entries().get(0).first().byteOffset());
    }
}
