package io.edgeaudit.decode.ip;

import io.edgeaudit.capture.Frame;
import io.edgeaudit.capture.LinkType;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.TestFrames;
import io.edgeaudit.decode.Weird;
import io.edgeaudit.decode.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;

import static io.edgeaudit.decode.Fixtures.IPV4_FRAGMENT;
import static io.edgeaudit.decode.Fixtures.IPV4_TOTAL_LENGTH;
import static io.edgeaudit.decode.Fixtures.ipv4;
import static io.edgeaudit.decode.Fixtures.payload;
import static io.edgeaudit.decode.TestFrames.DATA_OFFSET;
import static io.edgeaudit.decode.TestFrames.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv4DecoderTest {
    private final Anomalies anomalies = new Anomalies();
    private final Ipv4Decoder decoder = new Ipv4Decoder(anomalies);
    private Packet packet;

    /** A UDP-carrying packet with 30 payload bytes: 50 bytes in all. */
    private static byte[] valid() {
        return ipv4(17, 30).bytes(payload(30)).toArray();
    }

    private boolean decode(byte[] bytes) {
        return decode(bytes, bytes.length);
    }

    private boolean decode(byte[] bytes, int originalLength) {
        Frame f = TestFrames.frame(LinkType.IPV4, bytes, originalLength);
        packet = TestFrames.packet(f);
        return decoder.decode(packet, DATA_OFFSET, DATA_OFFSET + bytes.length, DATA_OFFSET + Math.max(bytes.length, originalLength));
    }

    private static byte[] with16(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 8);
        bytes[offset + 1] = (byte) value;
        return bytes;
    }

    private long firstOffset(Weird weird) {
        return TestFrames.firstOffset(anomalies, weird);
    }

    @Test
    void validHeaderFillsAddressesProtocolAndPayload() {
        assertTrue(decode(valid()));
        assertEquals(4, packet.ipVersion);
        assertEquals(DATA_OFFSET, packet.ipOffset);
        assertEquals(DATA_OFFSET + 12, packet.srcAddrOffset);
        assertEquals(DATA_OFFSET + 16, packet.dstAddrOffset);
        assertEquals(4, packet.addrLength);
        assertEquals(64, packet.ttl);
        assertEquals(0x1234, packet.ipId);
        assertEquals(17, packet.transport);
        assertEquals(DATA_OFFSET + 20, packet.payloadOffset);
        assertEquals(30, packet.capturedPayloadLength);
        assertEquals(30, packet.wirePayloadLength);
        assertFalse(packet.fragment);
        assertEquals(0, anomalies.total());
    }

    @Test
    void optionsAreSkipped() {
        byte[] bytes = new Wire()
                .u8(0x46)                        // version 4, IHL 6 (24 bytes)
                .u8(0)                           // DSCP/ECN
                .u16(24 + 8)                     // total length
                .u16(1)                          // identification
                .u16(0)                          // flags, fragment offset
                .u8(1)                           // TTL
                .u8(6)                           // protocol TCP
                .u16(0)                          // checksum
                .ip("10.0.0.1")                  // source
                .ip("10.0.0.2")                  // destination
                .bytes(0x94, 0x04, 0, 0)         // option: router alert
                .bytes(payload(8)).toArray();
        assertTrue(decode(bytes));
        assertEquals(DATA_OFFSET + 24, packet.payloadOffset);
        assertEquals(8, packet.wirePayloadLength);
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] padded = new Wire().bytes(valid()).fill(6, 0).toArray();
        assertTrue(decode(padded));
        assertEquals(30, packet.capturedPayloadLength);
        assertEquals(30, packet.wirePayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void snaplenCutKeepsTheWireLength() {
        byte[] bytes = TestFrames.cut(valid(), 30);
        assertTrue(decode(bytes, 50));
        assertEquals(10, packet.capturedPayloadLength);
        assertEquals(30, packet.wirePayloadLength);
        assertEquals(0, anomalies.total(), "snaplen truncation is counted once per frame by PacketDecoder");
    }

    @ParameterizedTest(name = "total length {0}: {1}")
    @CsvSource({
            "0, segmentation offload on the capturing host",
            "19, below the header",
            "51, one byte more than the frame"})
    void implausibleTotalLengthIsCountedAndTheFrameDecides(int totalLength, String why) {
        assertTrue(decode(with16(valid(), IPV4_TOTAL_LENGTH, totalLength)), why);
        assertEquals(1, anomalies.count(Weird.BAD_IP_TOTAL_LENGTH));
        assertEquals(at(IPV4_TOTAL_LENGTH), firstOffset(Weird.BAD_IP_TOTAL_LENGTH));
        assertEquals(30, packet.wirePayloadLength);
        assertEquals(30, packet.capturedPayloadLength);
    }

    @Test
    void totalLengthShorterThanFrameTrimsThePayload() {
        assertTrue(decode(with16(valid(), IPV4_TOTAL_LENGTH, 30)));
        assertEquals(10, packet.wirePayloadLength);
        assertEquals(10, packet.capturedPayloadLength);
        assertEquals(0, anomalies.total());
    }

    @ParameterizedTest(name = "version/IHL byte {0}: {1}")
    @CsvSource({
            "0x65, BAD_IP_VERSION, version 6 where 4 was announced",
            "0x44, BAD_IP_HEADER_LENGTH, IHL 4 is below the minimum 5",
            "0x4F, BAD_IP_HEADER_LENGTH, IHL 15 (60 bytes) is past the 50 captured and the wire frame"})
    void badVersionOrHeaderLengthStops(String versionIhl, Weird weird, String why) {
        byte[] bytes = valid();
        bytes[0] = (byte) (int) Integer.decode(versionIhl);
        assertFalse(decode(bytes), why);
        assertEquals(0, packet.ipVersion);
        assertEquals(1, anomalies.count(weird));
        assertEquals(at(0), firstOffset(weird));
    }

    @Test
    void optionsCutBySnaplenAreATruncatedHeader() {
        byte[] bytes = valid();
        bytes[0] = 0x4F;                         // IHL 15: 60 bytes of header
        with16(bytes, IPV4_TOTAL_LENGTH, 80);
        assertFalse(decode(TestFrames.cut(bytes, 40), 80));
        assertEquals(1, anomalies.count(Weird.TRUNCATED_IP_HEADER));
    }

    static IntStream everyCut() {
        return IntStream.range(0, 20);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("everyCut")
    void frameEndingInsideTheFixedHeaderIsTruncated(int length) {
        assertFalse(decode(TestFrames.cut(valid(), length), 50));
        assertEquals(0, packet.ipVersion);
        assertEquals(1, anomalies.count(Weird.TRUNCATED_IP_HEADER));
        assertEquals(at(0), firstOffset(Weird.TRUNCATED_IP_HEADER));
    }

    @ParameterizedTest(name = "fragment field {0}: {1}")
    @CsvSource({
            "0x2000, true, true, true, first fragment (MF, offset 0)",
            "0x2003, true, false, false, middle fragment (MF, offset 24)",
            "0x0003, true, false, false, last fragment (offset 24)",
            "0x4000, false, false, true, DF only: not a fragment"})
    void fragmentFieldSetsFragmentFlags(String field, boolean fragment, boolean first, boolean transportHeader, String why) {
        assertEquals(transportHeader, decode(with16(valid(), IPV4_FRAGMENT, Integer.decode(field))), why);
        assertEquals(fragment, packet.fragment);
        assertEquals(first, packet.firstFragment);
        assertEquals(17, packet.transport);
    }
}
