package io.edgeaudit.inspect.av;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.Weird;
import io.edgeaudit.inspect.stun.Bytes;
import io.edgeaudit.inspect.stun.StunDecoderTest;
import io.edgeaudit.inspect.stun.StunDialect;
import io.edgeaudit.inspect.stun.StunStreamFramerTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.edgeaudit.inspect.stun.Bytes.concat;
import static io.edgeaudit.inspect.stun.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvInspectorTest {
    static final String CLIENT = "203.0.113.10:50123";
    static final String VIP = "198.51.100.10:3478";
    static final String NODE = "198.51.100.2:3478";
    static final String RELAY = "198.51.100.2:50000";
    static final String PEER = "198.51.100.50:40000";

    /** Allocate request, REQUESTED-TRANSPORT UDP, with the 401 fixture's transaction id. */
    static final byte[] ALLOCATE_1 = Bytes.rfc5389(0x0003, "000102030405060708090a0c", 0x0019, hex("11000000"));
    /** The retried Allocate, with the success fixture's transaction id. */
    static final byte[] ALLOCATE_2 = Bytes.rfc5389(0x0003, "000102030405060708090a0b", 0x0019, hex("11000000"),
            0x0006, "user".getBytes(), 0x0014, "example.org".getBytes());
    static final byte[] CHANNEL_BIND = Bytes.rfc5389(0x0009, "000102030405060708090a0d",
            0x000C, hex("40010000"), 0x0012, hex("0001 bd52 e721c070")); // channel 0x4001, peer 198.51.100.50:40000
    static final byte[] CHANNEL_BIND_OK = Bytes.rfc5389(0x0109, "000102030405060708090a0d");

    @Test
    void keepsTheClientsSoftwareApartFromTheServersAndBoundsPacketText() {
        String longName = "x".repeat(300);
        AvInspector inspector = new AvInspector("lb", new Anomalies(), AvInspector.Options.defaults());
        PacketFeeder feed = new PacketFeeder(inspector, "call.pcap");
        feed.udp(0, CLIENT, VIP, Bytes.rfc5389(0x0003, "000102030405060708090a0c", 0x0019, hex("11000000"),
                0x0006, longName.getBytes(), 0x8022, "client/1.0".getBytes())); // USERNAME 300 bytes (RFC 8489 allows 513), SOFTWARE
        feed.udp(1, VIP, CLIENT, Bytes.rfc5389(0x0113, "000102030405060708090a0c",
                0x0009, hex("00000401"), 0x8022, "server/2.0".getBytes())); // 401, SOFTWARE
        Allocation a = inspector.finish().allocations().get(0);
        assertEquals("client/1.0", a.software());
        assertEquals("server/2.0", a.serverSoftware());
        assertEquals(Allocation.MAX_TEXT, a.username().length());
        assertTrue(a.username().endsWith("...(truncated)"), a.username());
    }

    @Test
    void buildsAnAllocationFromA401RetryAndChannelDataBothWays() {
        Anomalies anomalies = new Anomalies();
        AvInspector inspector = new AvInspector("lb", anomalies, AvInspector.Options.defaults());
        PacketFeeder feed = new PacketFeeder(inspector, "call.pcap");
        feed.udp(0, CLIENT, VIP, ALLOCATE_1);
        feed.udp(1, VIP, CLIENT, StunDecoderTest.TURN_ALLOCATE_401);
        feed.udp(2, CLIENT, VIP, ALLOCATE_2);
        feed.udp(3, VIP, CLIENT, StunDecoderTest.TURN_ALLOCATE_SUCCESS);
        feed.udp(4, CLIENT, VIP, CHANNEL_BIND);
        feed.udp(5, VIP, CLIENT, CHANNEL_BIND_OK);
        for (int i = 0; i < 3; i++) {
            feed.udp(10 + i, CLIENT, VIP, hex("4001 0008 8000000100000000")); // ChannelData, 8 bytes of RTP
        }
        feed.udp(20, VIP, CLIENT, hex("4001 0004 80000002"));
        feed.udp(21, VIP, CLIENT, hex("4001 0004 80000003"));
        feed.udp(30, RELAY, PEER, hex("80000001 00000000 00000000"));
        feed.udp(31, PEER, RELAY, hex("80000001 00000000 00000000"));
        feed.udp(32, PEER, RELAY, hex("80000001 00000000 00000000"));

        AvCapture capture = inspector.finish();
        assertEquals(1, capture.allocations().size());
        Allocation a = capture.allocations().get(0);
        assertEquals(CLIENT, a.client().toString());
        assertEquals(VIP, a.server().toString());
        assertEquals("udp", a.transport());
        assertEquals(StunDialect.RFC5389, a.dialect());
        assertEquals(Map.of(401, 1), a.errors());
        assertTrue(a.allocated());
        assertEquals(RELAY, a.relayed().toString());
        assertEquals(CLIENT, a.mapped().toString());
        assertEquals(600, a.lifetime());
        assertEquals("example.org", a.realm());
        assertEquals("user", a.username());
        assertEquals("test", a.serverSoftware()); // the first SOFTWARE of a response (the 401)
        assertNull(a.software()); // the client's requests carry none
        assertEquals(PEER, a.channels().get(0x4001).toString());
        assertEquals(3, a.requests());
        assertEquals(3, a.responses());
        assertEquals(0, a.unanswered());
        assertEquals(3, a.clientToServerData().packets());
        assertEquals(24, a.clientToServerData().bytes());
        assertEquals(2, a.serverToClientData().packets());
        assertEquals(2, a.peerToRelay().packets());
        assertEquals(1, a.relayToPeer().packets());
        assertEquals(0, anomalies.total());
        assertEquals(2L, capture.messageCounts().get("rfc5389 Allocate request"));
        assertTrue(a.timeline().get(3).text().startsWith("Allocate success 198.51.100.10:3478 -> 203.0.113.10:50123, "
                + "relayed 198.51.100.2:50000, mapped 203.0.113.10:50123, lifetime 600 s"), a.timeline().get(3).text());
    }

    @Test
    void pairsAResponseFromAnotherAddressByTransactionId() {
        AvInspector inspector = new AvInspector("lb", new Anomalies(), AvInspector.Options.defaults());
        PacketFeeder feed = new PacketFeeder(inspector, "asym.pcap");
        feed.udp(0, CLIENT, VIP, ALLOCATE_2);
        feed.udp(1, NODE, CLIENT, StunDecoderTest.TURN_ALLOCATE_SUCCESS); // answered from the node, not the VIP
        AvCapture capture = inspector.finish();
        assertEquals(1, capture.allocations().size());
        AvTransaction t = capture.transactions().get("2112a442000102030405060708090a0b");
        assertEquals(VIP, t.requestDst().toString());
        assertEquals(NODE, t.responseSrc().toString());
        assertTrue(capture.allocations().get(0).timeline().get(1).text().endsWith("(request went to 198.51.100.10:3478)"));
    }

    @Test
    void decodesMsTurnOverPseudoTlsTcp443() {
        AvInspector inspector = new AvInspector("node1", new Anomalies(), AvInspector.Options.defaults());
        PacketFeeder feed = new PacketFeeder(inspector, "msturn443.pcap");
        String client = "203.0.113.10:50200";
        String server = "198.51.100.2:443";
        byte[] up = concat(StunStreamFramerTest.PSEUDO_TLS_CLIENT_HELLO,
                StunStreamFramerTest.msFrame(0x02, StunDecoderTest.msTurn(0x0003, 0x8008, hex("00000002"))));
        byte[] down = concat(StunStreamFramerTest.PSEUDO_TLS_SERVER_HELLO,
                StunStreamFramerTest.msFrame(0x02, StunDecoderTest.MS_ALLOCATE_RESPONSE));
        feed.tcp(0, client, server, 1000, Packet.TCP_SYN, new byte[0]);
        feed.tcp(1, server, client, 5000, Packet.TCP_SYN | Packet.TCP_ACK, new byte[0]);
        feed.tcp(2, client, server, 1001, Packet.TCP_ACK, java.util.Arrays.copyOf(up, 30));
        feed.tcp(3, client, server, 1031, Packet.TCP_ACK, java.util.Arrays.copyOfRange(up, 30, up.length));
        feed.tcp(4, server, client, 5001, Packet.TCP_ACK, down);
        feed.tcp(5, client, server, 1001 + up.length, Packet.TCP_ACK,
                StunStreamFramerTest.msFrame(0x03, hex("80000001 00000000 00000000")));
        Allocation a = inspector.finish().allocations().get(0);
        assertEquals("pseudo-tls", a.framing());
        assertEquals(StunDialect.MS_TURN, a.dialect());
        assertEquals(2, a.msVersion());
        assertEquals("198.51.100.2:50010", a.relayed().toString());
        assertEquals("203.0.113.10:50123", a.mapped().toString());
        assertEquals(1, a.clientToServerData().packets());
    }

    @Test
    void countsMalformedStunAndStopsInspectingNonStunFlows() {
        Anomalies anomalies = new Anomalies();
        AvInspector inspector = new AvInspector("lb", anomalies, AvInspector.Options.defaults());
        PacketFeeder feed = new PacketFeeder(inspector, "bad.pcap");
        feed.udp(0, CLIENT, VIP, Bytes.putU16(StunDecoderTest.TURN_ALLOCATE_SUCCESS, 22, 0x0040));
        for (int i = 0; i < 6; i++) {
            feed.udp(1 + i, "203.0.113.10:6000", "198.51.100.9:7000", hex("80000001 00000000 00000000"));
        }
        feed.udp(10, "203.0.113.10:6000", "198.51.100.9:7000", StunDecoderTest.RFC5769_REQUEST);
        AvCapture capture = inspector.finish();
        assertEquals(1, anomalies.count(Weird.STUN_MALFORMED));
        assertEquals(1, capture.malformed());
        assertEquals(0, capture.messages()); // the late STUN in a flow already given up is not looked at
    }

    @Test
    void countsATcpGapAndStopsFramingThatDirection() {
        Anomalies anomalies = new Anomalies();
        AvInspector inspector = new AvInspector("lb", anomalies, AvInspector.Options.defaults());
        PacketFeeder feed = new PacketFeeder(inspector, "gap.pcap");
        byte[] up = StunDecoderTest.TURN_ALLOCATE_SUCCESS;
        feed.tcp(0, CLIENT, "198.51.100.10:3478", 1000, Packet.TCP_SYN, new byte[0]);
        feed.tcp(1, CLIENT, "198.51.100.10:3478", 1001, Packet.TCP_ACK, java.util.Arrays.copyOf(up, 10));
        feed.tcp(2, CLIENT, "198.51.100.10:3478", 1021, Packet.TCP_ACK, java.util.Arrays.copyOfRange(up, 20, up.length));
        assertEquals(1, anomalies.count(Weird.STREAM_GAP));
        assertEquals(0, inspector.finish().messages());
    }
}
