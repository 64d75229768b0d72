package io.edgeaudit.inspect.stun;

import io.edgeaudit.inspect.stream.StreamReassembler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.edgeaudit.inspect.stun.Bytes.concat;
import static io.edgeaudit.inspect.stun.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class StunStreamFramerTest {

    /** [MS-TURN] 2.1.1 pseudo-TLS ClientHello: one TLS 1.0 handshake record. */
    public static final byte[] PSEUDO_TLS_CLIENT_HELLO = hex(
            "16 0301 002d",               // TLS record: handshake, version 3.1, length 45
            "01 000029",                  // handshake type ClientHello, length 41
            "0301",                       // client_version TLS 1.0
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", // random (32 bytes)
            "00",                         // session_id length 0
            "0002 0018",                  // cipher_suites: one suite
            "01 00");                     // compression_methods: null

    /** [MS-TURN] 2.1.1: ServerHello and ServerHelloDone in ONE record. */
    public static final byte[] PSEUDO_TLS_SERVER_HELLO = hex(
            "16 0301 002e",               // TLS record: handshake, length 46
            "02 000026",                  // ServerHello, length 38
            "0301",                       // server_version
            "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f", // random
            "00",                         // session_id length 0
            "0018",                       // cipher_suite
            "00",                         // compression_method
            "0e 000000");                 // ServerHelloDone, length 0

    /** [MS-TURN] 2.1.4 framing: type, reserved 0, length of what follows. */
    public static byte[] msFrame(int type, byte[] body) {
        return concat(hex(String.format("%02x00%04x", type, body.length)), body);
    }

    static final byte[] MS_ALLOCATE_REQUEST = StunDecoderTest.msTurn(0x0003, 0x8008, hex("00000002"));

    @Test
    void decodesMsTurnOverPseudoTlsOn443InBothDirectionsAcrossSegmentBoundaries() {
        Recorder client = new Recorder();
        StunStreamFramer clientFramer = new StunStreamFramer(client);
        feedInPieces(concat(PSEUDO_TLS_CLIENT_HELLO,
                msFrame(0x02, MS_ALLOCATE_REQUEST),        // TURN control message
                msFrame(0x03, hex("8000000000"))),         // end-to-end data, 5 bytes
                clientFramer, 7);
        assertEquals(StunStreamFramer.Mode.MS_TURN_FRAMED, clientFramer.mode());
        assertEquals(List.of("tls:1", "Allocate request ms-turn", "data:5"), client.events);

        Recorder server = new Recorder();
        StunStreamFramer serverFramer = new StunStreamFramer(server);
        feedInPieces(concat(PSEUDO_TLS_SERVER_HELLO, msFrame(0x02, StunDecoderTest.MS_ALLOCATE_RESPONSE)),
                serverFramer, 5);
        assertEquals(List.of("tls:2", "Allocate success ms-turn relayed=198.51.100.2:50010"), server.events);
    }

    @Test
    void decodesRfc4571FramedStunAndMedia() {
        Recorder r = new Recorder();
        StunStreamFramer f = new StunStreamFramer(r);
        byte[] stun = StunDecoderTest.RFC5769_REQUEST;
        feedInPieces(concat(hex(String.format("%04x", stun.length)), stun,
                hex("000c 80000001 00000000 00000000")), f, 3); // an RTP packet, 12 bytes
        assertEquals(StunStreamFramer.Mode.RFC4571, f.mode());
        assertEquals(List.of("Binding request rfc5389", "data:12"), r.events);
    }

    @Test
    void decodesPlainTurnOverTcpWithPaddedChannelData() {
        Recorder r = new Recorder();
        StunStreamFramer f = new StunStreamFramer(r);
        feedInPieces(concat(StunDecoderTest.TURN_ALLOCATE_SUCCESS,
                hex("4001 0005 0102030405 000000"),   // ChannelData 0x4001, 5 bytes, 3 padding bytes over TCP
                StunDecoderTest.TURN_ALLOCATE_401), f, 9);
        assertEquals(StunStreamFramer.Mode.PLAIN_TURN, f.mode());
        assertEquals(List.of("Allocate success rfc5389 relayed=198.51.100.2:50000", "channel:4001:5",
                "Allocate error rfc5389"), r.events);
    }

    @Test
    void givesUpOnRealTls() {
        Recorder r = new Recorder();
        StunStreamFramer f = new StunStreamFramer(r);
        feedInPieces(concat(PSEUDO_TLS_CLIENT_HELLO, hex("14 0301 0001 01"), hex("17 0301 0004 deadbeef")), f, 100);
        assertEquals(StunStreamFramer.Mode.NOT_STUN, f.mode());
        assertEquals(List.of("tls:1"), r.events);
    }

    @Test
    void reportsABrokenMsFramingHeaderOnceAndStops() {
        Recorder r = new Recorder();
        StunStreamFramer f = new StunStreamFramer(r);
        feedInPieces(concat(PSEUDO_TLS_CLIENT_HELLO, msFrame(0x02, MS_ALLOCATE_REQUEST), hex("05 00 0004 00000000"),
                msFrame(0x02, MS_ALLOCATE_REQUEST)), f, 100);
        assertEquals(StunStreamFramer.Mode.LOST, f.mode());
        assertEquals(3, r.events.size());
        assertTrue(r.events.get(2).startsWith("malformed:MS-TURN TCP framing type 0x05"), r.events.get(2));
    }

    @Test
    void reportsAMalformedFramedStunMessageAndKeepsFraming() {
        Recorder r = new Recorder();
        StunStreamFramer f = new StunStreamFramer(r);
        byte[] bad = Bytes.putU16(StunDecoderTest.TURN_ALLOCATE_SUCCESS, 22, 0x0040); // attribute too long
        feedInPieces(concat(PSEUDO_TLS_CLIENT_HELLO, msFrame(0x02, bad), msFrame(0x02, MS_ALLOCATE_REQUEST)), f, 100);
        assertEquals(3, r.events.size());
        assertTrue(r.events.get(1).startsWith("malformed:attribute 0x0016 length 64"), r.events.get(1));
        assertEquals("Allocate request ms-turn", r.events.get(2)); // the framing held, the next frame decodes
    }

    static void feedInPieces(byte[] stream, StunStreamFramer framer, int piece) {
        StreamReassembler reassembler = new StreamReassembler(70_000, framer);
        long seq = 1000;
        reassembler.syn(seq - 1);
        for (int i = 0; i < stream.length; i += piece) {
            int n = Math.min(piece, stream.length - i);
            reassembler.offer(seq + i, stream, i, n);
        }
    }

    /** Records events as short strings. */
    static final class Recorder implements StunEvents {
        final List<String> events = new ArrayList<>();

        @Override
        public void message(StunMessage m) {
            events.add(m.describe() + " " + m.dialect().label()
                    + (m.relayedAddress() != null ? " relayed=" + m.relayedAddress() : ""));
        }

        @Override
        public void malformed(String reason) {
            events.add("malformed:" + reason);
        }

        @Override
        public void channelData(int channel, int length) {
            events.add(String.format("channel:%04x:%d", channel, length));
        }

        @Override
        public void relayedData(int length) {
            events.add("data:" + length);
        }

        @Override
        public void pseudoTls(int handshakeType) {
            events.add("tls:" + handshakeType);
        }
    }
}
