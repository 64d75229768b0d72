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

import static io.edgeaudit.decode.Fixtures.IPV6_PAYLOAD_LENGTH;
import static io.edgeaudit.decode.Fixtures.ipv6;
import static io.edgeaudit.decode.Fixtures.payload;
import static io.edgeaudit.decode.TestFrames.DATA_OFFSET;
import static io.edgeaudit.decode.TestFrames.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv6DecoderTest {
    private final Anomalies anomalies = new Anomalies();
    private final Ipv6Decoder decoder = new Ipv6Decoder(anomalies);
    private Packet packet;

    private boolean decode(byte[] bytes) {
        return decode(bytes, bytes.length);
    }

    private boolean decode(byte[] bytes, int originalLength) {
        Frame f = TestFrames.frame(LinkType.IPV6, bytes, originalLength);
        packet = TestFrames.packet(f);
        return decoder.decode(packet, DATA_OFFSET, DATA_OFFSET + bytes.length, DATA_OFFSET + Math.max(bytes.length, originalLength));
    }

    private long firstOffset(Weird weird) {
        return TestFrames.firstOffset(anomalies, weird);
    }

    /** Hop-by-hop, routing and destination options before UDP: 8 + 24 + 8 bytes of extensions. */
    private static byte[] chain() {
        return ipv6(0, 40 + 8 + 4)
                // hop-by-hop options, 8 bytes
                .u8(43)                          // next header: routing
                .u8(0)                           // length: 0 -> 8 bytes
                .bytes(0x01, 0x04, 0, 0, 0, 0)   // PadN option, 4 bytes of padding
                // routing header type 3 (RPL source route), 24 bytes
                .u8(60)                          // next header: destination options
                .u8(2)                           // length: 2 -> 24 bytes
                .u8(3)                           // routing type
                .u8(0)                           // segments left 0
                .fill(20, 0)                     // type-specific data
                // destination options, 8 bytes
                .u8(17)                          // next header: UDP
                .u8(0)                           // length: 0 -> 8 bytes
                .bytes(0x01, 0x04, 0, 0, 0, 0)   // PadN
                .bytes(payload(8 + 4))           // UDP header and 4 bytes
                .toArray();
    }

    @Test
    void fixedHeaderFillsAddressesAndPayload() {
        assertTrue(decode(ipv6(6, 20).bytes(payload(20)).toArray()));
        assertEquals(6, packet.ipVersion);
        assertEquals(DATA_OFFSET + 8, packet.srcAddrOffset);
        assertEquals(DATA_OFFSET + 24, packet.dstAddrOffset);
        assertEquals(16, packet.addrLength);
        assertEquals(64, packet.ttl);
        assertEquals(6, packet.transport);
        assertEquals(DATA_OFFSET + 40, packet.payloadOffset);
        assertEquals(20, packet.wirePayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void extensionChainIsFollowedToTheUpperLayer() {
        assertTrue(decode(chain()));
        assertEquals(17, packet.transport);
        assertEquals(DATA_OFFSET + 80, packet.payloadOffset);
        assertEquals(12, packet.capturedPayloadLength);
        assertEquals(12, packet.wirePayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void authenticationHeaderLengthIsInFourByteUnitsPlusTwo() {
        byte[] bytes = ipv6(51, 24 + 20)
                .u8(6)                           // next header: TCP
                .u8(4)                           // payload length: (4 + 2) * 4 = 24 bytes
                .u16(0)                          // reserved
                .u32(0x100)                      // SPI
                .u32(1)                          // sequence number
                .fill(12, 0xcc)                  // ICV (HMAC-SHA1-96)
                .bytes(payload(20)).toArray();
        assertTrue(decode(bytes));
        assertEquals(6, packet.transport);
        assertEquals(DATA_OFFSET + 64, packet.payloadOffset);
    }

    @ParameterizedTest(name = "next header {0}")
    @CsvSource({"59, no next header", "135, mobility", "50, ESP"})
    void headersWithoutATransportEndTheChain(int nextHeader, String name) {
        assertTrue(decode(ipv6(nextHeader, 8).bytes(payload(8)).toArray()), name);
        assertEquals(nextHeader, packet.transport);
        assertEquals(DATA_OFFSET + 40, packet.payloadOffset);
    }

    @Test
    void zeroPayloadLengthWithJumboOptionIsAJumbogram() {
        byte[] bytes = ipv6(0, 0)
                .u8(6)                           // next header: TCP
                .u8(0)                           // length: 8 bytes
                .u8(0xC2)                        // option: Jumbo Payload
                .u8(4)                           // option data length
                .u32(70_000)                     // jumbo payload length (hop-by-hop included)
                .bytes(payload(100)).toArray();
        assertTrue(decode(TestFrames.cut(bytes, bytes.length), 40 + 70_000));
        assertEquals(6, packet.transport);
        assertEquals(70_000 - 8, packet.wirePayloadLength);
        assertEquals(100, packet.capturedPayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void zeroPayloadLengthWithoutJumboTakesTheFrameAndIsCounted() {
        assertTrue(decode(ipv6(6, 0).bytes(payload(30)).toArray()));
        assertEquals(30, packet.wirePayloadLength);
        assertEquals(1, anomalies.count(Weird.BAD_IP_TOTAL_LENGTH));
        assertEquals(at(IPV6_PAYLOAD_LENGTH), firstOffset(Weird.BAD_IP_TOTAL_LENGTH));
    }

    @Test
    void payloadLengthBeyondTheFrameIsCountedAndClamped() {
        assertTrue(decode(ipv6(6, 31).bytes(payload(30)).toArray()));
        assertEquals(30, packet.wirePayloadLength);
        assertEquals(1, anomalies.count(Weird.BAD_IP_TOTAL_LENGTH));
    }

    @Test
    void paddingBeyondPayloadLengthIsNotPayload() {
        assertTrue(decode(ipv6(17, 10).bytes(payload(30)).toArray()));
        assertEquals(10, packet.capturedPayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void chainThatNeverEndsIsTruncated() {
        Wire w = ipv6(60, 1000);
        for (int i = 0; i < 5; i++) {
            w.u8(60)                             // next header: destination options, again
                    .u8(0)                       // length: 8 bytes
                    .bytes(0x01, 0x04, 0, 0, 0, 0); // PadN
        }
        byte[] bytes = w.toArray();
        assertFalse(decode(bytes, 1040));
        assertEquals(Packet.NONE, packet.transport);
        assertEquals(1, anomalies.count(Weird.TRUNCATED_IPV6_EXTENSION));
        assertEquals(at(80), firstOffset(Weird.TRUNCATED_IPV6_EXTENSION));
    }

    @Test
    void chainLongerThanTheCapIsCounted() {
        int headers = Ipv6ExtensionChain.MAX_HEADERS + 1;
        Wire w = ipv6(60, headers * 8 + 8);
        for (int i = 0; i < headers; i++) {
            w.u8(i == headers - 1 ? 17 : 60)     // next header: more destination options, the last UDP
                    .u8(0)                       // length: 8 bytes
                    .bytes(0x01, 0x04, 0, 0, 0, 0); // PadN
        }
        assertFalse(decode(w.bytes(payload(8)).toArray()));
        assertEquals(Packet.NONE, packet.transport);
        assertEquals(1, anomalies.count(Weird.IPV6_EXTENSION_CHAIN_TOO_LONG));
        assertEquals(at(40 + Ipv6ExtensionChain.MAX_HEADERS * 8), firstOffset(Weird.IPV6_EXTENSION_CHAIN_TOO_LONG));
    }

    @Test
    void chainAtTheCapIsFine() {
        int headers = Ipv6ExtensionChain.MAX_HEADERS;
        Wire w = ipv6(60, headers * 8 + 8);
        for (int i = 0; i < headers; i++) {
            w.u8(i == headers - 1 ? 17 : 60)     // next header
                    .u8(0)                       // length: 8 bytes
                    .bytes(0x01, 0x04, 0, 0, 0, 0); // PadN
        }
        assertTrue(decode(w.bytes(payload(8)).toArray()));
        assertEquals(17, packet.transport);
    }

    private static byte[] fragment(int offsetAndFlags, long id) {
        return ipv6(44, 8 + 16)
                .u8(17)                          // next header: UDP
                .u8(0)                           // reserved
                .u16(offsetAndFlags)             // offset in 8-byte units << 3, M flag in bit 0
                .u32(id)                         // identification
                .bytes(payload(16)).toArray();
    }

    @ParameterizedTest(name = "offset/flags {0}: {1}")
    @CsvSource({
            "0x0001, true, true, true, first fragment",
            "0x0081, true, false, false, middle fragment (offset 16 units)",
            "0x0080, true, false, false, last fragment",
            "0x0000, false, false, true, atomic fragment (RFC 6946): a whole packet"})
    void fragmentHeaderSetsFragmentFlags(String field, boolean fragment, boolean first, boolean transportHeader, String why) {
        assertEquals(transportHeader, decode(fragment(Integer.decode(field), 0xCAFEBABEL)), why);
        assertEquals(fragment, packet.fragment);
        assertEquals(first, packet.firstFragment);
        assertEquals(fragment ? 0xCAFEBABEL : 0, packet.ipId);
        assertEquals(17, packet.transport);
        assertEquals(DATA_OFFSET + 48, packet.payloadOffset);
        assertEquals(16, packet.wirePayloadLength);
    }

    @Test
    void wrongVersionIsCounted() {
        byte[] bytes = ipv6(6, 0).toArray();
        bytes[0] = 0x45;
        assertFalse(decode(bytes));
        assertEquals(1, anomalies.count(Weird.BAD_IP_VERSION));
    }

    static IntStream everyCutOfTheChain() {
        return IntStream.range(0, 80);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("everyCutOfTheChain")
    void everyCutBeforeTheUpperLayerIsATruncation(int length) {
        byte[] bytes = chain();
        assertFalse(decode(TestFrames.cut(bytes, length), bytes.length));
        assertEquals(Packet.NONE, packet.transport);
        assertEquals(1, anomalies.total());
        assertEquals(1, anomalies.count(length < 40 ? Weird.TRUNCATED_IP_HEADER : Weird.TRUNCATED_IPV6_EXTENSION));
    }
}
