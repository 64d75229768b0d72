package io.edgeaudit.decode.link;

import io.edgeaudit.capture.Frame;
import io.edgeaudit.capture.LinkType;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.TestFrames;
import io.edgeaudit.decode.Weird;
import io.edgeaudit.decode.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.edgeaudit.decode.Fixtures.ethernet;
import static io.edgeaudit.decode.TestFrames.DATA_OFFSET;
import static io.edgeaudit.decode.TestFrames.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkDecoderTest {
    /** Stands in for the IP packet: the link decoder never looks past its own header. */
    private static final byte[] IP = {0x45, 0, 0, 20};

    private final Anomalies anomalies = new Anomalies();
    private final LinkDecoder decoder = new LinkDecoder(anomalies);
    private Packet packet;

    private int decode(int linkType, byte[] bytes) {
        Frame f = TestFrames.frame(linkType, bytes);
        packet = TestFrames.packet(f);
        int off = decoder.decode(packet, linkType, f.dataOffset(), f.dataOffset() + f.capturedLength());
        return off < 0 ? off : off - DATA_OFFSET;
    }

    private static byte[] vlanTagged(int... tpidAndVid) {
        Wire w = new Wire()
                .bytes(0x02, 0, 0, 0, 0, 0x02)   // destination MAC
                .bytes(0x02, 0, 0, 0, 0, 0x01);  // source MAC
        for (int i = 0; i < tpidAndVid.length; i += 2) {
            w.u16(tpidAndVid[i])                 // TPID
                    .u16(0xE000 | tpidAndVid[i + 1]); // PCP 7, DEI 0, VLAN id
        }
        return w.u16(0x0800)                     // inner EtherType: IPv4
                .bytes(IP).toArray();
    }

    @Test
    void ethernetIpv4StartsAfterFourteenBytes() {
        assertEquals(14, decode(LinkType.ETHERNET, ethernet(0x0800).bytes(IP).toArray()));
        assertEquals(LinkDecoder.NET_IPV4, decoder.network());
        assertEquals(0, packet.vlanCount);
        assertEquals(0, anomalies.total());
    }

    @Test
    void ethernetIpv6IsAnnouncedAsIpv6() {
        assertEquals(14, decode(LinkType.ETHERNET, ethernet(0x86DD).bytes(IP).toArray()));
        assertEquals(LinkDecoder.NET_IPV6, decoder.network());
    }

    @Test
    void singleDot1qTagKeepsItsVlanId() {
        assertEquals(18, decode(LinkType.ETHERNET, vlanTagged(0x8100, 100)));
        assertEquals(1, packet.vlanCount);
        assertEquals(100, packet.outerVlan);
    }

    @ParameterizedTest(name = "outer TPID {0}")
    @ValueSource(ints = {0x88A8, 0x9100, 0x8100})
    void qinqKeepsBothVlanIdsOutermostFirst(int outerTpid) {
        assertEquals(22, decode(LinkType.ETHERNET, vlanTagged(outerTpid, 10, 0x8100, 2000)));
        assertEquals(2, packet.vlanCount);
        assertEquals(10, packet.outerVlan);
        assertEquals(2000, packet.innerVlan);
        assertEquals(0, anomalies.total());
    }

    @Test
    void threeTagsAreCountedOnceAndStillStripped() {
        assertEquals(26, decode(LinkType.ETHERNET, vlanTagged(0x88A8, 1, 0x8100, 2, 0x8100, 3)));
        assertEquals(2, packet.vlanCount);
        assertEquals(1, packet.outerVlan);
        assertEquals(2, packet.innerVlan);
        assertEquals(LinkDecoder.NET_IPV4, decoder.network());
        assertEquals(1, anomalies.count(Weird.TOO_MANY_VLAN_TAGS));
        // the third TPID sits at 12 + 4 + 4
        assertEquals(at(20), anomalies.entries().get(0).first().byteOffset());
    }

    @ParameterizedTest(name = "EtherType {0}: {1}")
    @CsvSource({
            "0x0806, ARP",
            "0x88CC, LLDP",
            "0x8847, MPLS unicast (not decoded)",
            "0x8864, PPPoE session (not decoded)",
            "0x0026, 802.3 length field: LLC frame (spanning tree)"})
    void nonIpEtherTypesAreCountedAsNonIp(String type, String why) {
        assertEquals(-1, decode(LinkType.ETHERNET, ethernet(Integer.decode(type)).bytes(IP).toArray()), why);
        assertEquals(1, anomalies.count(Weird.NON_IP));
        assertEquals(at(12), anomalies.entries().get(0).first().byteOffset());
    }

    @Test
    void typeBetweenLengthAndEtherTypeRangesIsUnknown() {
        assertEquals(-1, decode(LinkType.ETHERNET, ethernet(0x05FF).bytes(IP).toArray()));
        assertEquals(1, anomalies.count(Weird.UNKNOWN_ETHERTYPE));
        assertEquals(0, anomalies.count(Weird.NON_IP));
    }

    private static Wire sll(int hatype, int protocol) {
        return new Wire()
                .u16(0)                          // packet type: to us
                .u16(hatype)                     // ARPHRD type
                .u16(6)                          // link-layer address length
                .bytes(0x02, 0, 0, 0, 0, 0x01, 0, 0) // link-layer address, padded to 8
                .u16(protocol);                  // protocol (EtherType)
    }

    private static Wire sll2(int hatype, int protocol) {
        return new Wire()
                .u16(protocol)                   // protocol (EtherType)
                .u16(0)                          // reserved
                .u32(3)                          // interface index
                .u16(hatype)                     // ARPHRD type
                .u8(4)                           // packet type: outgoing
                .u8(6)                           // link-layer address length
                .bytes(0x02, 0, 0, 0, 0, 0x01, 0, 0); // link-layer address, padded to 8
    }

    @Test
    void linuxCookedV1HasProtocolAtFourteen() {
        assertEquals(16, decode(LinkType.LINUX_SLL, sll(1, 0x86DD).bytes(IP).toArray()));
        assertEquals(LinkDecoder.NET_IPV6, decoder.network());
    }

    @Test
    void linuxCookedV2HasProtocolAtZero() {
        assertEquals(20, decode(LinkType.LINUX_SLL2, sll2(1, 0x0800).bytes(IP).toArray()));
        assertEquals(LinkDecoder.NET_IPV4, decoder.network());
    }

    @Test
    void linuxCookedArpIsNonIp() {
        assertEquals(-1, decode(LinkType.LINUX_SLL, sll(1, 0x0806).bytes(IP).toArray()));
        assertEquals(1, anomalies.count(Weird.NON_IP));
        assertEquals(at(14), anomalies.entries().get(0).first().byteOffset());
    }

    @Test
    void linuxCookedNetlinkIsNonIpWhateverItsProtocol() {
        // ARPHRD_NETLINK: the protocol field is a netlink family, so even 0x0800 is not IPv4
        assertEquals(-1, decode(LinkType.LINUX_SLL2, sll2(824, 0x0800).bytes(IP).toArray()));
        assertEquals(1, anomalies.count(Weird.NON_IP));
    }

    @Test
    void linuxCookedWithVlanTagStripsIt() {
        byte[] frame = sll(1, 0x8100)
                .u16(42)                         // TCI: VLAN 42
                .u16(0x0800)                     // inner EtherType: IPv4
                .bytes(IP).toArray();
        assertEquals(20, decode(LinkType.LINUX_SLL, frame));
        assertEquals(42, packet.outerVlan);
    }

    @ParameterizedTest(name = "family {0}")
    @CsvSource({"2, 4", "24, 6", "28, 6", "30, 6"})
    void bsdNullFamilyIsReadInEitherByteOrder(int family, int version) {
        assertEquals(4, decode(LinkType.NULL, new Wire().u32le(family).bytes(IP).toArray()), "little-endian host");
        assertEquals(version, decoder.network());
        assertEquals(4, decode(LinkType.NULL, new Wire().u32(family).bytes(IP).toArray()), "big-endian host");
        assertEquals(version, decoder.network());
        assertEquals(0, anomalies.total());
    }

    @Test
    void bsdNullOtherFamilyIsNonIp() {
        assertEquals(-1, decode(LinkType.NULL, new Wire().u32le(23).bytes(IP).toArray())); // AF_IPX
        assertEquals(1, anomalies.count(Weird.NON_IP));
    }

    @Test
    void openBsdLoopIsNetworkOrderOnly() {
        assertEquals(4, decode(LinkType.LOOP, new Wire().u32(24).bytes(IP).toArray()));
        assertEquals(LinkDecoder.NET_IPV6, decoder.network());
        assertEquals(-1, decode(LinkType.LOOP, new Wire().u32le(2).bytes(IP).toArray()));
        assertEquals(1, anomalies.count(Weird.NON_IP));
    }

    @ParameterizedTest(name = "link type {0}")
    @CsvSource({"101, 0", "12, 0", "14, 0", "228, 4", "229, 6"})
    void rawLinkTypesHaveNoHeader(int linkType, int network) {
        assertEquals(0, decode(linkType, IP));
        assertEquals(network, decoder.network());
    }

    @Test
    void unknownLinkTypeIsCounted() {
        assertEquals(-1, decode(105, IP)); // IEEE 802.11
        assertEquals(1, anomalies.count(Weird.UNKNOWN_LINK_TYPE));
    }

    static Stream<Arguments> everyCutOfEveryLinkHeader() {
        Stream<Arguments> ethernet = cuts(LinkType.ETHERNET, vlanTagged(0x88A8, 10, 0x8100, 20), 22);
        Stream<Arguments> sll = cuts(LinkType.LINUX_SLL, sll(1, 0x0800).toArray(), 16);
        Stream<Arguments> sll2 = cuts(LinkType.LINUX_SLL2, sll2(1, 0x0800).toArray(), 20);
        Stream<Arguments> nul = cuts(LinkType.NULL, new Wire().u32le(2).toArray(), 4);
        Stream<Arguments> loop = cuts(LinkType.LOOP, new Wire().u32(2).toArray(), 4);
        return Stream.of(ethernet, sll, sll2, nul, loop).flatMap(s -> s);
    }

    private static Stream<Arguments> cuts(int linkType, byte[] header, int headerLength) {
        return IntStream.range(0, headerLength).mapToObj(n -> Arguments.of(linkType, n, TestFrames.cut(header, n)));
    }

    @ParameterizedTest(name = "link type {0}, {1} bytes")
    @MethodSource("everyCutOfEveryLinkHeader")
    void frameEndingInsideTheLinkHeaderIsTruncated(int linkType, int length, byte[] bytes) {
        assertEquals(-1, decode(linkType, bytes));
        assertEquals(1, anomalies.count(Weird.TRUNCATED_LINK_HEADER));
        assertEquals(1, anomalies.total());
    }
}
