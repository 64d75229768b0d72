package io.edgeaudit.decode.transport;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.TestFrames;
import io.edgeaudit.decode.Weird;
import io.edgeaudit.decode.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.IntStream;

import static io.edgeaudit.decode.Fixtures.CLIENT4;
import static io.edgeaudit.decode.Fixtures.CLIENT6;
import static io.edgeaudit.decode.Fixtures.icmp;
import static io.edgeaudit.decode.Fixtures.ipv4;
import static io.edgeaudit.decode.Fixtures.ipv6;
import static io.edgeaudit.decode.Fixtures.payload;
import static io.edgeaudit.decode.Fixtures.tcp;
import static io.edgeaudit.decode.Fixtures.udp;
import static io.edgeaudit.decode.TestFrames.DATA_OFFSET;
import static io.edgeaudit.decode.TestFrames.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IcmpDecoderTest {
    private final Anomalies anomalies = new Anomalies();
    private final IcmpDecoder decoder = new IcmpDecoder(anomalies);

    private Packet decode(int transport, byte[] bytes) {
        Packet p = TransportPackets.ipPayload(transport == Packet.ICMPV6 ? 6 : 4, transport, bytes, bytes.length);
        decoder.decode(p);
        return p;
    }

    /** Port unreachable quoting the client's UDP datagram to SERVER4:3478 (header + 8 bytes). */
    private static byte[] portUnreachable() {
        return icmp(3, 3)                        // destination unreachable, port unreachable
                .bytes(ipv4(17, 8 + 100).toArray())  // quoted IPv4 header: the client's datagram
                .bytes(udp(100).toArray())       // quoted UDP header: 50000 -> 3478
                .toArray();
    }

    private static byte[] address(Packet p, int offset) {
        byte[] a = new byte[p.quotedAddrLength];
        System.arraycopy(p.buf, offset, a, 0, a.length);
        return a;
    }

    @Test
    void echoRequestPutsTypeAndCodeInThePorts() {
        Packet p = decode(Packet.ICMP, icmp(8, 0).bytes(payload(32)).toArray());
        assertTrue(p.hasPorts);
        assertEquals(8, p.srcPort);
        assertEquals(0, p.dstPort);
        assertEquals(DATA_OFFSET + 8, p.payloadOffset);
        assertEquals(32, p.wirePayloadLength);
        assertFalse(p.hasQuote());
    }

    @Test
    void echoReplyWithIpLookingDataIsNotAQuote() {
        Packet p = decode(Packet.ICMP, icmp(0, 0).bytes(ipv4(17, 8).toArray()).bytes(udp(0).toArray()).toArray());
        assertFalse(p.hasQuote());
    }

    @Test
    void portUnreachableQuotesTheRefusedDatagram() {
        Packet p = decode(Packet.ICMP, portUnreachable());
        assertTrue(p.hasQuote());
        assertEquals(Packet.UDP, p.quotedTransport);
        assertEquals(4, p.quotedAddrLength);
        assertArrayEquals(new Wire().ip(CLIENT4).toArray(), address(p, p.quotedSrcAddrOffset));
        assertArrayEquals(new Wire().ip("198.51.100.20").toArray(), address(p, p.quotedDstAddrOffset));
        assertTrue(p.quotedHasPorts);
        assertEquals(50000, p.quotedSrcPort);
        assertEquals(3478, p.quotedDstPort);
        assertEquals(0, anomalies.total());
    }

    @ParameterizedTest(name = "ICMP type {0}")
    @ValueSource(ints = {3, 4, 5, 11, 12})
    void everyIcmpv4ErrorTypeQuotes(int type) {
        byte[] bytes = portUnreachable();
        bytes[0] = (byte) type;
        assertTrue(decode(Packet.ICMP, bytes).hasQuote());
    }

    @Test
    void quoteWithOnlyTheIpHeaderHasNoPorts() {
        Packet p = decode(Packet.ICMP, TestFrames.cut(portUnreachable(), 8 + 20 + 3));
        assertEquals(Packet.UDP, p.quotedTransport);
        assertFalse(p.quotedHasPorts);
        assertEquals(0, anomalies.total(), "quotes are short by design");
    }

    @Test
    void quoteWithFourTransportBytesHasPorts() {
        Packet p = decode(Packet.ICMP, TestFrames.cut(portUnreachable(), 8 + 20 + 4));
        assertTrue(p.quotedHasPorts);
        assertEquals(3478, p.quotedDstPort);
    }

    @Test
    void quoteOfALaterFragmentHasNoPorts() {
        byte[] bytes = icmp(11, 1)               // time exceeded in reassembly
                .bytes(ipv4(17, 8, 7, 0x0010).toArray()) // quoted header: fragment offset 16 units
                .bytes(payload(8)).toArray();    // the middle of a datagram, not a UDP header
        Packet p = decode(Packet.ICMP, bytes);
        assertEquals(Packet.UDP, p.quotedTransport);
        assertFalse(p.quotedHasPorts);
    }

    @Test
    void quoteThatIsNotIpIsIgnored() {
        byte[] bytes = portUnreachable();
        bytes[8] = 0x55;                         // quoted version 5
        assertFalse(decode(Packet.ICMP, bytes).hasQuote());
    }

    @Test
    void quotedIcmpEchoGivesTypeAndCode() {
        byte[] bytes = icmp(11, 0)               // time exceeded in transit
                .bytes(ipv4(1, 8).toArray())     // quoted IPv4 header, protocol ICMP
                .bytes(icmp(8, 0).toArray())     // quoted echo request
                .toArray();
        Packet p = decode(Packet.ICMP, bytes);
        assertEquals(Packet.ICMP, p.quotedTransport);
        assertTrue(p.quotedHasPorts);
        assertEquals(8, p.quotedSrcPort);
        assertEquals(0, p.quotedDstPort);
    }

    @Test
    void icmpv6UnreachableQuotesThroughExtensionHeaders() {
        byte[] bytes = icmp(1, 4)                // ICMPv6 destination unreachable, port unreachable
                .bytes(ipv6(60, 8 + 8 + 20).toArray()) // quoted IPv6 header
                .u8(6)                           // quoted destination options: next header TCP
                .u8(0)                           // length: 8 bytes
                .bytes(0x01, 0x04, 0, 0, 0, 0)   // PadN
                .bytes(tcp(Packet.TCP_SYN).toArray()) // quoted TCP header: 49152 -> 443
                .toArray();
        Packet p = decode(Packet.ICMPV6, bytes);
        assertEquals(Packet.TCP, p.quotedTransport);
        assertEquals(16, p.quotedAddrLength);
        assertArrayEquals(new Wire().ip(CLIENT6).toArray(), address(p, p.quotedSrcAddrOffset));
        assertEquals(49152, p.quotedSrcPort);
        assertEquals(443, p.quotedDstPort);
    }

    @Test
    void icmpv6EchoRequestDoesNotQuote() {
        byte[] bytes = icmp(128, 0).bytes(ipv6(17, 8).toArray()).bytes(udp(0).toArray()).toArray();
        Packet p = decode(Packet.ICMPV6, bytes);
        assertEquals(128, p.srcPort);
        assertFalse(p.hasQuote());
    }

    static IntStream everyCut() {
        return IntStream.range(0, 8);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("everyCut")
    void messageEndingInsideTheHeaderIsTruncated(int length) {
        Packet p = decode(Packet.ICMP, TestFrames.cut(portUnreachable(), length));
        assertFalse(p.hasPorts);
        assertFalse(p.hasQuote());
        assertEquals(1, anomalies.count(Weird.TRUNCATED_ICMP));
        assertEquals(at(0), anomalies.entries().get(0).first().byteOffset());
    }

    static IntStream everyCutOfTheQuote() {
        return IntStream.rangeClosed(8, 8 + 28);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("everyCutOfTheQuote")
    void everyCutOfTheQuoteIsSafeAndPortsNeedFourBytes(int length) {
        Packet p = decode(Packet.ICMP, TestFrames.cut(portUnreachable(), length));
        assertEquals(length >= 8 + 20, p.hasQuote());
        assertEquals(length >= 8 + 24, p.quotedHasPorts);
        assertEquals(0, anomalies.total());
    }
}
