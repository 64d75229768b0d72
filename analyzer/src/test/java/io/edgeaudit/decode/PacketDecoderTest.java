package io.edgeaudit.decode;

import io.edgeaudit.capture.Frame;
import io.edgeaudit.capture.LinkType;
import io.edgeaudit.decode.ip.FragmentTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.stream.IntStream;

import static io.edgeaudit.decode.Fixtures.ethernet;
import static io.edgeaudit.decode.Fixtures.icmp;
import static io.edgeaudit.decode.Fixtures.ipv4;
import static io.edgeaudit.decode.Fixtures.ipv6;
import static io.edgeaudit.decode.Fixtures.payload;
import static io.edgeaudit.decode.Fixtures.tcp;
import static io.edgeaudit.decode.Fixtures.udp;
import static io.edgeaudit.decode.TestFrames.DATA_OFFSET;
import static io.edgeaudit.decode.TestFrames.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PacketDecoderTest {
    private static final long SECOND = 1_000_000_000L;

    private final Anomalies anomalies = new Anomalies();
    private final PacketDecoder decoder = new PacketDecoder(anomalies);
    private final Packet packet = new Packet();

    /** Ethernet, IPv4, TCP SYN from 49152 to 443, 10 payload bytes: 64 bytes. */
    private static byte[] ethernetTcp() {
        return ethernet(0x0800)
                .bytes(ipv4(Packet.TCP, 20 + 10).toArray())
                .bytes(tcp(Packet.TCP_SYN).toArray())
                .bytes(payload(10)).toArray();
    }

    private boolean decode(int linkType, byte[] bytes) {
        return decoder.decode(TestFrames.frame(linkType, bytes), packet);
    }

    private long firstOffset(Weird weird) {
        return TestFrames.firstOffset(anomalies, weird);
    }

    @Test
    void ethernetTcpIsDecodedThroughEveryLayer() {
        assertTrue(decode(LinkType.ETHERNET, ethernetTcp()));
        assertEquals(4, packet.ipVersion);
        assertEquals(DATA_OFFSET + 14 + 12, packet.srcAddrOffset);
        assertTrue(packet.isTcp());
        assertTrue(packet.hasPorts);
        assertEquals(49152, packet.srcPort);
        assertEquals(443, packet.dstPort);
        assertEquals(Packet.TCP_SYN, packet.tcpFlags);
        assertEquals(DATA_OFFSET + 54, packet.payloadOffset);
        assertEquals(10, packet.capturedPayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void packetIsResetBetweenFrames() {
        assertTrue(decode(LinkType.ETHERNET, ethernetTcp()));
        assertFalse(decode(LinkType.ETHERNET, ethernet(0x0806).fill(28, 0).toArray()));
        assertEquals(0, packet.ipVersion);
        assertFalse(packet.hasPorts);
        assertEquals(Packet.NONE, packet.transport);
        assertEquals(1, anomalies.count(Weird.NON_IP));
    }

    @Test
    void snaplenTruncationIsCountedOncePerFrameAtTheCut() {
        byte[] whole = ethernetTcp();
        assertTrue(decoder.decode(TestFrames.frame(LinkType.ETHERNET, TestFrames.cut(whole, 60), whole.length), packet));
        assertTrue(decoder.decode(TestFrames.frame(LinkType.ETHERNET, TestFrames.cut(whole, 58), whole.length), packet));
        assertEquals(2, anomalies.count(Weird.TRUNCATED_BY_SNAPLEN));
        assertEquals(at(60), firstOffset(Weird.TRUNCATED_BY_SNAPLEN));
        assertEquals(4, packet.capturedPayloadLength);
        assertEquals(10, packet.wirePayloadLength);
        assertEquals(2, anomalies.total());
    }

    @Test
    void bsdNullIpv6UdpInBothByteOrders() {
        byte[] ip = ipv6(Packet.UDP, 8).bytes(udp(0).toArray()).toArray();
        assertTrue(decode(LinkType.NULL, new Wire().u32le(30).bytes(ip).toArray()));   // macOS AF_INET6, little-endian host
        assertEquals(3478, packet.dstPort);
        assertTrue(decode(LinkType.NULL, new Wire().u32(28).bytes(ip).toArray()));     // FreeBSD AF_INET6, big-endian host
        assertEquals(3478, packet.dstPort);
    }

    @Test
    void rawLinkTypeWithUnknownVersionIsBadVersion() {
        assertFalse(decode(LinkType.RAW, new Wire().u8(0x50).fill(39, 0).toArray()));
        assertEquals(1, anomalies.count(Weird.BAD_IP_VERSION));
        assertFalse(decode(LinkType.RAW, new byte[0]));
        assertEquals(1, anomalies.count(Weird.TRUNCATED_IP_HEADER));
    }

    @Test
    void tunnelStopsAtTheOuterIp() {
        byte[] ipInIp = ipv4(4, 20 + 8 + 4)         // outer IPv4, protocol 4 (IP-in-IP)
                .bytes(ipv4(Packet.UDP, 8 + 4).toArray())
                .bytes(udp(4).toArray()).bytes(payload(4)).toArray();
        assertTrue(decode(LinkType.IPV4, ipInIp));
        assertEquals(4, packet.transport);
        assertFalse(packet.hasPorts);
        assertEquals(DATA_OFFSET + 20, packet.payloadOffset);
        assertEquals(32, packet.wirePayloadLength);
        assertEquals(0, anomalies.total());
    }

    @Test
    void icmpErrorQuoteAttachesTheRefusedFiveTuple() {
        byte[] frame = ethernet(0x0800)
                .bytes(ipv4(Packet.ICMP, 8 + 20 + 8).toArray()) // router -> client (addresses reused)
                .bytes(icmp(3, 3).toArray())                    // port unreachable
                .bytes(ipv4(Packet.UDP, 8 + 100).toArray())     // quoted: client -> server
                .bytes(udp(100).toArray())                      // quoted: 50000 -> 3478
                .toArray();
        assertTrue(decode(LinkType.ETHERNET, frame));
        assertEquals(Packet.ICMP, packet.transport);
        assertEquals(3, packet.srcPort);
        assertEquals(3, packet.dstPort);
        assertTrue(packet.hasQuote());
        assertEquals(Packet.UDP, packet.quotedTransport);
        assertEquals(DATA_OFFSET + 14 + 20 + 8 + 12, packet.quotedSrcAddrOffset);
        assertEquals(50000, packet.quotedSrcPort);
        assertEquals(3478, packet.quotedDstPort);
    }

    // ---- fragments: a 3-fragment UDP datagram 50000 -> 3478, identification 0x0777 ----

    private static Frame fragment(int index, long timestampNanos, long packetNumber) {
        int field = switch (index) {
            case 0 -> 0x2000;                  // MF, offset 0
            case 1 -> 0x2000 | 3;              // MF, offset 3 units (24 bytes)
            default -> 6;                      // last, offset 6 units (48 bytes)
        };
        byte[] data = index == 0
                ? udp(100).bytes(payload(16)).toArray() // first: UDP header + 16 bytes
                : payload(24);                           // later: 24 bytes of the datagram
        byte[] bytes = ipv4(Packet.UDP, data.length, 0x0777, field).bytes(data).toArray();
        return TestFrames.frame(LinkType.IPV4, bytes, bytes.length, timestampNanos, packetNumber);
    }

    @Test
    void fragmentsInOrderAllGetThePorts() {
        for (int i = 0; i < 3; i++) {
            assertTrue(decoder.decode(fragment(i, i, i + 1), packet));
            assertTrue(packet.fragment);
            assertEquals(i == 0, packet.firstFragment);
            assertTrue(packet.hasPorts, "fragment " + i);
            assertEquals(50000, packet.srcPort);
            assertEquals(3478, packet.dstPort);
            assertEquals(Packet.UDP, packet.transport);
            assertEquals(0, packet.priorFragments);
        }
        decoder.finish();
        assertEquals(0, anomalies.total());
    }

    @Test
    void fragmentsBeforeTheFirstAreHandedOverWhenItArrives() {
        assertTrue(decoder.decode(fragment(2, 0, 1), packet));
        assertFalse(packet.hasPorts);
        assertTrue(decoder.decode(fragment(1, 1, 2), packet));
        assertFalse(packet.hasPorts);
        assertTrue(decoder.decode(fragment(0, 2, 3), packet));
        assertTrue(packet.hasPorts);
        assertEquals(2, packet.priorFragments);
        assertEquals(48, packet.priorFragmentBytes);
        decoder.finish();
        assertEquals(0, anomalies.count(Weird.FRAGMENT_WITHOUT_FIRST));
    }

    @Test
    void fragmentsWhoseFirstNeverArrivesAreCountedAtFinish() {
        decoder.decode(fragment(1, 0, 7), packet);
        decoder.decode(fragment(2, 0, 8), packet);
        assertEquals(0, anomalies.count(Weird.FRAGMENT_WITHOUT_FIRST), "not before the group ends");
        decoder.finish();
        assertEquals(2, anomalies.count(Weird.FRAGMENT_WITHOUT_FIRST));
        Anomalies.Occurrence first = anomalies.entries().get(0).first();
        assertEquals(7, first.packetNumber());
        assertEquals(at(0), first.byteOffset());
    }

    @Test
    void firstFragmentAfterTheTimeoutStartsANewGroup() {
        decoder.decode(fragment(1, 0, 1), packet);
        decoder.decode(fragment(0, 31 * SECOND, 2), packet);
        assertEquals(0, packet.priorFragments);
        assertEquals(1, anomalies.count(Weird.FRAGMENT_WITHOUT_FIRST), "counted when the group aged out");
    }

    @Test
    void ipv6FragmentsGetThePortsOfTheFirst() {
        byte[] first = ipv6(44, 8 + 8 + 8)
                .u8(Packet.UDP)                  // fragment header: next header UDP
                .u8(0)                           // reserved
                .u16(0x0001)                     // offset 0, M
                .u32(0xABCDEF01L)                // identification
                .bytes(udp(100).toArray())       // UDP header 50000 -> 3478
                .bytes(payload(8)).toArray();
        byte[] later = ipv6(44, 8 + 16)
                .u8(Packet.UDP)                  // fragment header: next header UDP
                .u8(0)                           // reserved
                .u16(2 << 3)                     // offset 2 units (16 bytes), last
                .u32(0xABCDEF01L)                // identification
                .bytes(payload(16)).toArray();
        assertTrue(decode(LinkType.IPV6, first));
        assertTrue(decode(LinkType.IPV6, later));
        assertTrue(packet.fragment);
        assertTrue(packet.hasPorts);
        assertEquals(3478, packet.dstPort);
        assertEquals(0xABCDEF01L, packet.ipId);
    }

    @Test
    void trackerBoundEvictsTheOldestGroup() {
        PacketDecoder small = new PacketDecoder(anomalies, new FragmentTracker(anomalies, 1, 30 * SECOND));
        Frame other = fragment(1, 0, 1);
        other.data()[DATA_OFFSET + 5] = 0x78;    // identification 0x0778: another datagram
        small.decode(other, packet);
        small.decode(fragment(1, 0, 2), packet); // evicts the 0x0778 group
        assertEquals(1, anomalies.count(Weird.FRAGMENT_WITHOUT_FIRST));
        small.decode(fragment(0, 0, 3), packet);
        assertEquals(1, packet.priorFragments);
    }

    @Test
    void decodingAllocatesNothingPerPacket() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes");
        byte[] whole = ethernetTcp();
        Frame[] frames = {
                TestFrames.frame(LinkType.ETHERNET, whole),
                TestFrames.frame(LinkType.ETHERNET, TestFrames.cut(whole, 40), whole.length),
                TestFrames.frame(LinkType.ETHERNET, ethernet(0x0806).fill(28, 0).toArray()),
                TestFrames.frame(LinkType.NULL, new Wire().u32le(30).bytes(ipv6(Packet.UDP, 8).bytes(udp(0).toArray()).toArray()).toArray()),
                TestFrames.frame(LinkType.IPV4, ipv4(Packet.ICMP, 8 + 28).bytes(icmp(3, 3).toArray())
                        .bytes(ipv4(Packet.UDP, 8).toArray()).bytes(udp(0).toArray()).toArray()),
                fragment(0, 0, 1), fragment(1, 0, 2), fragment(2, 0, 3)};
        for (int i = 0; i < 20_000; i++) {
            decoder.decode(frames[i % frames.length], packet); // warm-up: first occurrences, the fragment group, JIT
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1_000_000; i++) {
            decoder.decode(frames[i % frames.length], packet);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for 1,000,000 packets (expected: none per packet)");
    }

    static IntStream everyCut() {
        return IntStream.range(0, ethernetTcp().length);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("everyCut")
    void everyCutOfAFrameIsDecodedAsFarAsItGoes(int length) {
        byte[] whole = ethernetTcp();
        boolean found = decoder.decode(TestFrames.frame(LinkType.ETHERNET, TestFrames.cut(whole, length), whole.length), packet);
        assertEquals(length >= 14 + 20, found);
        assertEquals(length >= 14 + 20 + 20, packet.hasPorts);
        assertEquals(1, anomalies.count(Weird.TRUNCATED_BY_SNAPLEN));
        assertEquals(length < 54 ? 2 : 1, anomalies.total());
        assertTrue(packet.payloadOffset + packet.capturedPayloadLength <= DATA_OFFSET + length);
    }
}
