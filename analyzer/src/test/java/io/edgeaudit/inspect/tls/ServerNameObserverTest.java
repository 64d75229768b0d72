package io.edgeaudit.inspect.tls;

import io.edgeaudit.decode.Packet;
import io.edgeaudit.flow.Flow;
import io.edgeaudit.inspect.av.PacketFeeder;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ServerNameObserverTest {
    static final String CLIENT = "203.0.113.10:50300";
    static final String ACCESS = "198.51.100.10:443";
    static final byte[] HELLO = ClientHelloParserTest.HELLO;

    @Test
    void aClientHelloInOneSegmentNamesTheFlow() {
        PacketFeeder feed = new PacketFeeder(new ServerNameObserver(), "t.pcap");
        feed.tcp(0, CLIENT, ACCESS, 1000, Packet.TCP_SYN, new byte[0]);
        Flow f = feed.tcp(1, CLIENT, ACCESS, 1001, 0x18, HELLO);
        assertEquals("sip.example.com", f.serverName());
    }

    @Test
    void aClientHelloSplitOverTwoSegmentsIsJoined() {
        PacketFeeder feed = new PacketFeeder(new ServerNameObserver(), "t.pcap");
        Flow f = feed.tcp(0, CLIENT, ACCESS, 1001, 0x18, Arrays.copyOf(HELLO, 40));
        assertNull(f.serverName());
        feed.tcp(1, ACCESS, CLIENT, 5000, 0x10, new byte[0]); // the server's ACK in between
        feed.tcp(2, CLIENT, ACCESS, 1041, 0x18, Arrays.copyOfRange(HELLO, 40, HELLO.length));
        assertEquals("sip.example.com", f.serverName());
    }

    @Test
    void aSegmentOutOfOrderEndsTheAttempt() {
        PacketFeeder feed = new PacketFeeder(new ServerNameObserver(), "t.pcap");
        Flow f = feed.tcp(0, CLIENT, ACCESS, 1001, 0x18, Arrays.copyOf(HELLO, 40));
        feed.tcp(1, CLIENT, ACCESS, 1051, 0x18, Arrays.copyOfRange(HELLO, 50, HELLO.length)); // 10 bytes missing
        feed.tcp(2, CLIENT, ACCESS, 1041, 0x18, Arrays.copyOfRange(HELLO, 40, HELLO.length));
        assertNull(f.serverName());
    }

    @Test
    void theServersBytesAndOtherProtocolsAreIgnored() {
        PacketFeeder feed = new PacketFeeder(new ServerNameObserver(), "t.pcap");
        Flow f = feed.tcp(0, ACCESS, CLIENT, 1, 0x18, HELLO); // the first packet decides the originator
        feed.tcp(1, CLIENT, ACCESS, 1, 0x18, HELLO);
        assertEquals("sip.example.com", f.serverName(), "the originator's hello counts");
        PacketFeeder http = new PacketFeeder(new ServerNameObserver(), "t.pcap");
        Flow g = http.tcp(0, CLIENT, ACCESS, 1, 0x18, "GET / HTTP/1.1\r\n".getBytes());
        http.tcp(1, CLIENT, ACCESS, 17, 0x18, HELLO);
        assertNull(g.serverName(), "a hello after other bytes is not the stream's start");
        assertEquals(false, new ServerNameObserver().wants(new PacketFeeder(new ServerNameObserver(), "u.pcap")
                .udp(0, CLIENT, ACCESS, HELLO)));
    }
}
