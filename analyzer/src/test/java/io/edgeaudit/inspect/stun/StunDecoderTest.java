package io.edgeaudit.inspect.stun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.edgeaudit.inspect.stun.Bytes.concat;
import static io.edgeaudit.inspect.stun.Bytes.hex;
import static io.edgeaudit.inspect.stun.Bytes.putU16;
import static io.edgeaudit.inspect.stun.Bytes.putU8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class StunDecoderTest {

    /** RFC 5769 §2.1 sample request (ICE connectivity check). */
    public static final byte[] RFC5769_REQUEST = hex(
            "0001 0058",                  // Binding request, message length 88
            "2112a442",                   // magic cookie
            "b7e7a701 bc34d686 fa87dfae", // transaction id
            "8022 0010",                  // SOFTWARE, 16 bytes
            "5354554e 20746573 7420636c 69656e74", // "STUN test client"
            "0024 0004 6e0001ff",         // PRIORITY
            "8029 0008 932ff9b1 51263b36", // ICE-CONTROLLED tie breaker
            "0006 0009 6576746a 3a683676 59202020", // USERNAME "evtj:h6vY" + 3 padding bytes
            "0008 0014 9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2", // MESSAGE-INTEGRITY
            "8028 0004 e57a3bcf");        // FINGERPRINT

    /** RFC 5769 §2.2 sample IPv4 response. */
    public static final byte[] RFC5769_IPV4_RESPONSE = hex(
            "0101 003c",                  // Binding success, length 60
            "2112a442",                   // magic cookie
            "b7e7a701 bc34d686 fa87dfae", // transaction id
            "8022 000b 74657374 20766563 746f7220", // SOFTWARE "test vector" + 1 padding byte
            "0020 0008 0001a147 e112a643", // XOR-MAPPED-ADDRESS: IPv4, port/address XOR cookie
            "0008 0014 2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7", // MESSAGE-INTEGRITY
            "8028 0004 c07d4c96");        // FINGERPRINT

    /** RFC 5769 §2.3 sample IPv6 response. */
    public static final byte[] RFC5769_IPV6_RESPONSE = hex(
            "0101 0048",
            "2112a442",
            "b7e7a701 bc34d686 fa87dfae",
            "8022 000b 74657374 20766563 746f7220",
            "0020 0014 0002a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9", // XOR-MAPPED-ADDRESS IPv6, XOR cookie||txid
            "0008 0014 a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41",
            "8028 0004 c8fb0b4c");

    /** RFC 5766 Allocate success: relayed 198.51.100.2:50000, mapped 203.0.113.10:50123, lifetime 600. */
    public static final byte[] TURN_ALLOCATE_SUCCESS = hex(
            "0103 002c",                  // Allocate success response, length 44
            "2112a442",                   // magic cookie
            "000102030405060708090a0b",   // transaction id
            "0016 0008 0001 e242 e721c040", // XOR-RELAYED-ADDRESS: IPv4, port 50000^0x2112, 198.51.100.2^cookie
            "0020 0008 0001 e2d9 ea12d548", // XOR-MAPPED-ADDRESS: IPv4, port 50123^0x2112, 203.0.113.10^cookie
            "000d 0004 00000258",         // LIFETIME 600 s
            "8022 0006 636f7475726e 0000"); // SOFTWARE "coturn" + 2 padding bytes

    /** RFC 5766 Allocate error 401 with REALM and NONCE. */
    public static final byte[] TURN_ALLOCATE_401 = hex(
            "0113 0038",                  // Allocate error response, length 56
            "2112a442",
            "000102030405060708090a0c",
            "0009 0010 00000401 556e617574686f72 697a6564", // ERROR-CODE class 4 number 1 "Unauthorized"
            "0015 0008 6e6f6e6365313233",  // NONCE "nonce123"
            "0014 000b 6578616d706c652e6f7267 00", // REALM "example.org" + 1 padding
            "8022 0004 74657374");          // SOFTWARE "test"

    /**
     * [MS-TURN] Allocate response built from 2.2.1/2.2.2: 128-bit transaction id, MAGIC-COOKIE first,
     * Mapped Address = relayed address, XOR Mapped Address 0x8020 XORed with the transaction id, Realm
     * 0x0015 and Nonce 0x0014 swapped, no padding (REALM has 7 bytes and the next attribute follows at once).
     */
    public static final byte[] MS_ALLOCATE_RESPONSE = hex(
            "0103 0068",                  // Allocate response, length 104 (attributes unpadded)
            "01020304 05060708 090a0b0c 0d0e0f10", // 128-bit transaction id (no RFC 5389 cookie)
            "000f 0004 72c64bc6",         // MAGIC-COOKIE 0x72C64BC6, first attribute (2.2.2.8)
            "0001 0008 0001 c35a c6336402", // Mapped Address (relayed): IPv4 198.51.100.2:50010, not XORed
            "8020 0008 0001 c2c9 ca02720e", // XOR Mapped Address: port 50123^0x0102, 203.0.113.10^0x01020304
            "000d 0004 000001e0",         // Lifetime 480 s
            "0015 0007 6578616d706c65",   // Realm (0x0015 in MS-TURN) "example", 7 bytes, unpadded
            "0014 0005 6e6f6e6365",       // Nonce (0x0014 in MS-TURN) "nonce", 5 bytes, unpadded
            "8008 0004 00000002",         // MS-Version 2 (MS-ICE2)
            "8050 0018 a1a2a3a4a5a6a7a8a9aab1b2b3b4b5b6b7b8b9ba 00000007", // MS-Sequence-Number: conn id, seq 7
            "8055 0004 0001 0000");       // MS-Service-Quality: audio, best effort

    @Test
    void decodesRfc5769RequestWithIceAttributesAndValidFingerprint() {
        StunMessage m = decoded(RFC5769_REQUEST);
        assertEquals(StunDialect.RFC5389, m.dialect());
        assertEquals(StunMethod.BINDING, m.method());
        assertEquals(StunClass.REQUEST, m.messageClass());
        assertEquals("STUN test client", m.software());
        assertEquals("evtj:h6vY", m.username());
        assertTrue(m.messageIntegrity());
        assertEquals(Boolean.TRUE, m.fingerprintOk());
        assertEquals("2112a442b7e7a701bc34d686fa87dfae", m.transactionId());
        assertEquals(6, m.attributes().size());
    }

    @Test
    void decodesXorMappedIpv4FromRfc5769() {
        StunMessage m = decoded(RFC5769_IPV4_RESPONSE);
        assertEquals(StunClass.SUCCESS, m.messageClass());
        assertEquals("192.0.2.1:32853", m.mappedAddress().toString());
        assertEquals("test vector", m.software());
        assertEquals(Boolean.TRUE, m.fingerprintOk());
    }

    @Test
    void decodesXorMappedIpv6WithTransactionIdFromRfc5769() {
        StunMessage m = decoded(RFC5769_IPV6_RESPONSE);
        assertEquals("[2001:db8:1234:5678:11:2233:4455:6677]:32853", m.mappedAddress().toString());
        assertEquals(Boolean.TRUE, m.fingerprintOk());
    }

    @Test
    void reportsFingerprintMismatchWithoutRejectingTheMessage() {
        byte[] bad = putU8(RFC5769_IPV4_RESPONSE, RFC5769_IPV4_RESPONSE.length - 1, 0x97);
        assertEquals(Boolean.FALSE, decoded(bad).fingerprintOk());
    }

    @Test
    void decodesTurnAllocateSuccessRelayedMappedLifetime() {
        StunMessage m = decoded(TURN_ALLOCATE_SUCCESS);
        assertEquals(StunMethod.ALLOCATE, m.method());
        assertEquals(StunClass.SUCCESS, m.messageClass());
        assertEquals("198.51.100.2:50000", m.relayedAddress().toString());
        assertEquals("203.0.113.10:50123", m.mappedAddress().toString());
        assertEquals(600, m.lifetime());
        assertEquals("coturn", m.software());
        assertNull(m.fingerprintOk());
    }

    @Test
    void decodesAllocateErrorCodeRealmNonce() {
        StunMessage m = decoded(TURN_ALLOCATE_401);
        assertEquals(StunClass.ERROR, m.messageClass());
        assertEquals(401, m.errorCode());
        assertEquals("Unauthorized", m.errorReason());
        assertEquals("example.org", m.realm());
        assertEquals("nonce123", m.nonce());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("turnMessageTypes")
    void namesEveryRfcMethodAndClass(String name, int type, StunMethod method, StunClass cls) {
        StunMessage m = decoded(Bytes.rfc5389(type, "aabbccddeeff001122334455"));
        assertEquals(method, m.method());
        assertEquals(cls, m.messageClass());
    }

    static Stream<Arguments> turnMessageTypes() {
        return Stream.of(
                Arguments.of("Binding request", 0x0001, StunMethod.BINDING, StunClass.REQUEST),
                Arguments.of("Binding indication", 0x0011, StunMethod.BINDING, StunClass.INDICATION),
                Arguments.of("Binding success", 0x0101, StunMethod.BINDING, StunClass.SUCCESS),
                Arguments.of("Binding error", 0x0111, StunMethod.BINDING, StunClass.ERROR),
                Arguments.of("Allocate request", 0x0003, StunMethod.ALLOCATE, StunClass.REQUEST),
                Arguments.of("Allocate error", 0x0113, StunMethod.ALLOCATE, StunClass.ERROR),
                Arguments.of("Refresh request", 0x0004, StunMethod.REFRESH, StunClass.REQUEST),
                Arguments.of("Refresh success", 0x0104, StunMethod.REFRESH, StunClass.SUCCESS),
                Arguments.of("Send indication", 0x0016, StunMethod.SEND, StunClass.INDICATION),
                Arguments.of("Data indication", 0x0017, StunMethod.DATA, StunClass.INDICATION),
                Arguments.of("CreatePermission request", 0x0008, StunMethod.CREATE_PERMISSION, StunClass.REQUEST),
                Arguments.of("CreatePermission success", 0x0108, StunMethod.CREATE_PERMISSION, StunClass.SUCCESS),
                Arguments.of("ChannelBind request", 0x0009, StunMethod.CHANNEL_BIND, StunClass.REQUEST),
                Arguments.of("ChannelBind error", 0x0119, StunMethod.CHANNEL_BIND, StunClass.ERROR),
                Arguments.of("Connect request", 0x000A, StunMethod.CONNECT, StunClass.REQUEST),
                Arguments.of("ConnectionBind request", 0x000B, StunMethod.CONNECTION_BIND, StunClass.REQUEST),
                Arguments.of("ConnectionAttempt indication", 0x001C, StunMethod.CONNECTION_ATTEMPT, StunClass.INDICATION));
    }

    @Test
    void decodesPeerChannelAndDataAttributes() {
        byte[] channelBind = Bytes.rfc5389(0x0009, "aabbccddeeff001122334455",
                0x000C, hex("4001 0000"),                 // CHANNEL-NUMBER 0x4001, RFFU
                0x0012, hex("0001 bd52 e721c070"));       // XOR-PEER-ADDRESS 198.51.100.50:40000
        StunMessage m = decoded(channelBind);
        assertEquals(0x4001, m.channelNumber());
        assertEquals("198.51.100.50:40000", m.peerAddresses().get(0).toString());

        byte[] send = Bytes.rfc5389(0x0016, "aabbccddeeff001122334455",
                0x0012, hex("0001 bd52 e721c070"),
                0x0013, hex("0102030405"),                // DATA, 5 bytes + 3 padding
                0x001A, new byte[0]);                     // DONT-FRAGMENT
        StunMessage s = decoded(send);
        assertEquals(5, s.dataLength());
        assertTrue(s.has(StunAttributeType.DONT_FRAGMENT));
    }

    @Test
    void decodesRequestedTransportAndLifetimeInAllocateRequest() {
        byte[] req = Bytes.rfc5389(0x0003, "aabbccddeeff001122334455",
                0x0019, hex("11 000000"),                 // REQUESTED-TRANSPORT UDP (17)
                0x000D, hex("00000e10"));                 // LIFETIME 3600
        StunMessage m = decoded(req);
        assertEquals(17, m.requestedTransport());
        assertEquals(3600, m.lifetime());
    }

    @Test
    void decodesAlternateServerAndSha256IntegrityInRfc5389() {
        byte[] redirect = Bytes.rfc5389(0x0113, "aabbccddeeff001122334455",
                0x0009, hex("00000300"),                  // ERROR-CODE 300 Try Alternate
                0x8023, hex("0001 0d96 c6336417"),        // ALTERNATE-SERVER 198.51.100.23:3478, not XORed
                0x001C, new byte[32]);                    // MESSAGE-INTEGRITY-SHA256, 32 bytes
        StunMessage m = decoded(redirect);
        assertEquals(300, m.errorCode());
        assertEquals("198.51.100.23:3478", m.alternateServer().toString());
        assertTrue(m.messageIntegrity());
    }

    @Test
    void decodesMsTurnAlternateServerAndBandwidth() {
        byte[] body = Bytes.attributes(false,
                0x000F, hex("72c64bc6"),                  // MAGIC-COOKIE
                0x000E, hex("0001 0d96 c633641a"),        // Alternate Server 198.51.100.26:3478
                0x0010, hex("00000040"));                 // Bandwidth 64 kbps
        byte[] msg = concat(hex(String.format("0113%04x", body.length), "0102030405060708090a0b0c0d0e0f10"), body);
        StunMessage m = decoded(msg);
        assertEquals("198.51.100.26:3478", m.alternateServer().toString());
        assertEquals(List.of(), m.irregularities());
    }

    @Test
    void decodesMsTurnAllocateResponseByteByByte() {
        StunMessage m = decoded(MS_ALLOCATE_RESPONSE);
        assertEquals(StunDialect.MS_TURN, m.dialect());
        assertEquals(StunMethod.ALLOCATE, m.method());
        assertEquals(StunClass.SUCCESS, m.messageClass());
        assertEquals("198.51.100.2:50010", m.relayedAddress().toString());
        assertEquals("203.0.113.10:50123", m.mappedAddress().toString());
        assertEquals(480, m.lifetime());
        assertEquals("example", m.realm());
        assertEquals("nonce", m.nonce());
        assertEquals(2, m.msVersion());
        assertEquals(7, m.msSequence().sequenceNumber());
        assertEquals("a1a2a3a4a5a6a7a8a9aab1b2b3b4b5b6b7b8b9ba", m.msSequence().connectionId());
        assertEquals("audio", m.msServiceQuality().streamTypeName());
        assertEquals("0102030405060708090a0b0c0d0e0f10", m.transactionId());
    }

    @Test
    void decodesMsTurnIpv6RelayFromAlternateMappedAddress() {
        byte[] body = Bytes.attributes(false,
                0x000F, hex("72c64bc6"),                  // MAGIC-COOKIE
                0x8090, hex("0002 c35b 20010db8000000000000000000000002")); // IPv6 relay [2001:db8::2]:50011
        byte[] msg = concat(hex(String.format("0103%04x", body.length), "0102030405060708090a0b0c0d0e0f10"), body);
        assertEquals("[2001:db8::2]:50011", decoded(msg).relayedIpv6().toString());
    }

    @Test
    void decodesMsTurnSendRequestAndDataIndication() {
        byte[] send = concat(hex("0004 001d",                // MS-TURN Send request (not Refresh), length 29
                        "0102030405060708090a0b0c0d0e0f10"),   // transaction id
                hex("000f 0004 72c64bc6",                       // MAGIC-COOKIE
                        "0011 0008 0001 9c40 c6336432",         // Destination Address 198.51.100.50:40000
                        "0013 0005 8000000000"));               // Data, 5 bytes, unpadded
        StunMessage s = decoded(send);
        assertEquals(StunMethod.SEND, s.method());
        assertEquals(StunClass.REQUEST, s.messageClass());
        assertEquals("198.51.100.50:40000", s.peerAddresses().get(0).toString());
        assertEquals(5, s.dataLength());

        byte[] data = concat(hex("0115 001c", "0102030405060708090a0b0c0d0e0f11"),
                hex("000f 0004 72c64bc6",
                        "0012 0008 0001 9c40 c6336432",          // Remote Address, plain in MS-TURN
                        "0013 0004 80000000"));
        StunMessage d = decoded(data);
        assertEquals(StunMethod.DATA, d.method());
        assertEquals(StunClass.INDICATION, d.messageClass());
        assertEquals("198.51.100.50:40000", d.peerAddresses().get(0).toString());
    }

    @Test
    void recognisesMsTurnWithRfc5389CookieInTheTransactionId() {
        byte[] msg = concat(hex("0003 0010", "2112a442 0102030405060708090a0b0c"),
                hex("000f 0004 72c64bc6", "8008 0004 00000003")); // MAGIC-COOKIE first, MS-Version 3
        StunMessage m = decoded(msg);
        assertEquals(StunDialect.MS_TURN, m.dialect());
        assertEquals(3, m.msVersion());
    }

    @Test
    void recognisesClassicRfc3489BindingResponse() {
        byte[] msg = hex("0101 000c", "00112233445566778899aabbccddeeff", // no cookie: 128-bit transaction id
                "0001 0008 0001 c3cb cb00710a");                        // MAPPED-ADDRESS 203.0.113.10:50123
        StunMessage m = decoded(msg);
        assertEquals(StunDialect.RFC3489, m.dialect());
        assertEquals("203.0.113.10:50123", m.mappedAddress().toString());
    }

    @Test
    void treatsCookielessBytesOfUnknownTypeAsNotStun() {
        byte[] msg = hex("0123 0004", "00112233445566778899aabbccddeeff", "00000000");
        assertInstanceOf(StunDecodeResult.NotStun.class, StunDecoder.decode(msg, 0, msg.length));
        byte[] rtp = hex("8000 0001 00000000 00000000 00000000 00000000");
        assertInstanceOf(StunDecodeResult.NotStun.class, StunDecoder.decode(rtp, 0, rtp.length));
    }

    @Test
    void decodesAMessageInsideALargerBufferAtAnOffset() {
        byte[] wrapped = concat(hex("ffffff"), TURN_ALLOCATE_SUCCESS, hex("eeee"));
        StunDecodeResult r = StunDecoder.decode(wrapped, 3, TURN_ALLOCATE_SUCCESS.length);
        assertEquals("198.51.100.2:50000",
                ((StunDecodeResult.Decoded) r).message().relayedAddress().toString());
    }

    @Test
    void namesSwappedAttributesByDialect() {
        assertEquals("REALM", new StunAttributeType(0x0014).name(StunDialect.RFC5389));
        assertEquals("NONCE", new StunAttributeType(0x0014).name(StunDialect.MS_TURN));
        assertEquals("0xBEEF", new StunAttributeType(0xBEEF).name(StunDialect.RFC5389));
    }

    /** One malformation per row, at a named offset of an otherwise valid message. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsMalformedLengthsAsAnOutcome(String why, byte[] bytes, String reasonStart) {
        StunDecodeResult r = StunDecoder.decode(bytes, 0, bytes.length);
        StunDecodeResult.Malformed m = assertInstanceOf(StunDecodeResult.Malformed.class, r, why);
        assertTrue(m.reason().startsWith(reasonStart), m.reason());
        assertFalse(m.reason().contains("\n"));
    }

    static Stream<Arguments> malformed() {
        String tx = "aabbccddeeff001122334455";
        byte[] ok = TURN_ALLOCATE_SUCCESS;
        return Stream.of(
                Arguments.of("header cut after the cookie", java.util.Arrays.copyOf(ok, 12), "incomplete header: 12 bytes"),
                Arguments.of("message length past the datagram", putU16(ok, 2, 0x0030), "message length 48 past"),
                Arguments.of("message length not a multiple of 4", putU16(ok, 2, 0x002a), "message length 42 is not a multiple of 4"),
                Arguments.of("attribute length past the message end", putU16(ok, 22, 0x0040), "attribute 0x0016 length 64 past"),
                Arguments.of("attribute header truncated (unpadded MS-TURN)", concat(hex("0003 000a",
                        "0102030405060708090a0b0c0d0e0f10"), hex("000f 0004 72c64bc6", "8008")), "attribute header truncated: 2 bytes"),
                Arguments.of("too many attributes", Bytes.rfc5389(0x0001, tx, manyPriorities(65)), "more than 64 attributes"),
                Arguments.of("address length 7", Bytes.rfc5389(0x0101, tx, 0x0020, hex("0001 e2d9 ea12d5")), "address attribute 0x0020 length 7"),
                Arguments.of("address family 3", Bytes.rfc5389(0x0101, tx, 0x0020, hex("0003 e2d9 ea12d548")), "address attribute 0x0020 family 3"),
                Arguments.of("IPv6 family with IPv4 length", Bytes.rfc5389(0x0101, tx, 0x0020, hex("0002 e2d9 ea12d548")), "address attribute 0x0020 family 2 with length 8"),
                Arguments.of("relayed address length 12", Bytes.rfc5389(0x0103, tx, 0x0016, hex("0001 e242 e721c040 00000000")), "address attribute 0x0016 length 12"),
                Arguments.of("peer address length 4", Bytes.rfc5389(0x0008, tx, 0x0012, hex("0001 e242")), "address attribute 0x0012 length 4"),
                Arguments.of("LIFETIME length 2", Bytes.rfc5389(0x0103, tx, 0x000D, hex("0258")), "LIFETIME length 2"),
                Arguments.of("CHANNEL-NUMBER length 2", Bytes.rfc5389(0x0009, tx, 0x000C, hex("4001")), "CHANNEL-NUMBER length 2"),
                Arguments.of("ERROR-CODE length 3", Bytes.rfc5389(0x0113, tx, 0x0009, hex("000004")), "ERROR-CODE length 3"),
                Arguments.of("ERROR-CODE class 7", Bytes.rfc5389(0x0113, tx, 0x0009, hex("00000701")), "ERROR-CODE class 7"),
                Arguments.of("ERROR-CODE number 120", Bytes.rfc5389(0x0113, tx, 0x0009, hex("00000478")), "ERROR-CODE class 4 number 120"),
                Arguments.of("MESSAGE-INTEGRITY length 16", Bytes.rfc5389(0x0001, tx, 0x0008, new byte[16]), "MESSAGE-INTEGRITY length 16"),
                Arguments.of("MESSAGE-INTEGRITY-SHA256 length 12", Bytes.rfc5389(0x0001, tx, 0x001C, new byte[12]), "MESSAGE-INTEGRITY-SHA256 length 12"),
                Arguments.of("FINGERPRINT length 8", Bytes.rfc5389(0x0001, tx, 0x8028, new byte[8]), "FINGERPRINT length 8"),
                Arguments.of("REQUESTED-TRANSPORT length 1", Bytes.rfc5389(0x0003, tx, 0x0019, hex("11")), "REQUESTED-TRANSPORT length 1"),
                Arguments.of("USERNAME longer than 513", Bytes.rfc5389(0x0003, tx, 0x0006, new byte[600]), "USERNAME length 600"),
                Arguments.of("REALM longer than 763", Bytes.rfc5389(0x0113, tx, 0x0014, new byte[800]), "REALM length 800"),
                Arguments.of("NONCE longer than 763", Bytes.rfc5389(0x0113, tx, 0x0015, new byte[800]), "NONCE length 800"),
                Arguments.of("SOFTWARE longer than 763", Bytes.rfc5389(0x0101, tx, 0x8022, new byte[764]), "SOFTWARE length 764"),
                Arguments.of("MS-VERSION length 2", msTurn(0x0003, 0x8008, hex("0002")), "MS-VERSION length 2"),
                Arguments.of("MS-SEQUENCE-NUMBER length 20", msTurn(0x0103, 0x8050, new byte[20]), "MS-SEQUENCE-NUMBER length 20"),
                Arguments.of("MS-SERVICE-QUALITY length 2", msTurn(0x0003, 0x8055, hex("0001")), "MS-SERVICE-QUALITY length 2"),
                Arguments.of("MS Mapped Address length 6", msTurn(0x0103, 0x0001, hex("0001c35ac633")), "address attribute 0x0001 length 6"),
                Arguments.of("MS XOR Mapped Address family 0", msTurn(0x0103, 0x8020, hex("0000c2c9ca02720e")), "address attribute 0x8020 family 0"),
                Arguments.of("MS Alternate Mapped Address length 8 with IPv6", msTurn(0x0103, 0x8090, hex("0002c35bc6336402")), "address attribute 0x8090 family 2 with length 8"),
                Arguments.of("MS MAGIC-COOKIE wrong value", concat(hex("0003 0008", "0102030405060708090a0b0c0d0e0f10"),
                        hex("000f 0004 72c64bc7")), "MAGIC-COOKIE length 4 value 0x72C64BC7"),
                Arguments.of("MS MAGIC-COOKIE length 2", concat(hex("0003 0008", "0102030405060708090a0b0c0d0e0f10"),
                        hex("000f 0002 72c6 0000")), "MAGIC-COOKIE length 2"),
                Arguments.of("MS message length past the bytes", putU16(MS_ALLOCATE_RESPONSE, 2, 0x0070), "message length 112 past"),
                Arguments.of("MS attribute length past the end", putU16(MS_ALLOCATE_RESPONSE, 30, 0x0100), "attribute 0x0001 length 256 past"));
    }

    /** Attributes whose values edgeaudit does not read: a wrong length is noted, the message still decodes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("irregular")
    void notesIrregularLengthsOfUnusedAttributesAndKeepsTheMessage(String why, byte[] bytes, String note) {
        StunMessage m = decoded(bytes);
        assertEquals(1, m.irregularities().size(), why);
        assertTrue(m.irregularities().get(0).startsWith(note), m.irregularities().get(0));
    }

    static Stream<Arguments> irregular() {
        String tx = "aabbccddeeff001122334455";
        return Stream.of(
                Arguments.of("UNKNOWN-ATTRIBUTES odd length", Bytes.rfc5389(0x0111, tx, 0x000A, hex("000100")), "UNKNOWN-ATTRIBUTES length 3"),
                Arguments.of("EVEN-PORT length 4", Bytes.rfc5389(0x0003, tx, 0x0018, hex("80000000")), "EVEN-PORT length 4"),
                Arguments.of("RESERVATION-TOKEN length 4", Bytes.rfc5389(0x0103, tx, 0x0022, hex("01020304")), "RESERVATION-TOKEN length 4"),
                Arguments.of("PRIORITY length 2", Bytes.rfc5389(0x0001, tx, 0x0024, hex("0102")), "PRIORITY length 2"),
                Arguments.of("ICE-CONTROLLING length 4", Bytes.rfc5389(0x0001, tx, 0x802A, hex("01020304")), "ICE-CONTROLLING length 4"),
                Arguments.of("DONT-FRAGMENT with a value", Bytes.rfc5389(0x0016, tx, 0x001A, hex("01020304")), "DONT-FRAGMENT length 4"));
    }

    @Test
    void acceptsTheFourByteMsSequenceNumberOfTeams() {
        // MS-Version 6 clients (ndpi__teams.pcap) send only the 32-bit sequence number
        StunMessage m = decoded(msTurn(0x0003, 0x8050, hex("cdab1234")));
        assertEquals(0xcdab1234L, m.msSequence().sequenceNumber());
        assertEquals("", m.msSequence().connectionId());
    }

    private static Object[] manyPriorities(int n) {
        Object[] tv = new Object[2 * n];
        for (int i = 0; i < n; i++) {
            tv[2 * i] = 0x0024;
            tv[2 * i + 1] = hex("00000001");
        }
        return tv;
    }

    /** An MS-TURN message: MAGIC-COOKIE first, then one attribute, unpadded. */
    public static byte[] msTurn(int type, int attrType, byte[] value) {
        byte[] body = Bytes.attributes(false, 0x000F, hex("72c64bc6"), attrType, value);
        return concat(hex(String.format("%04x%04x", type, body.length), "0102030405060708090a0b0c0d0e0f10"), body);
    }

    static StunMessage decoded(byte[] b) {
        StunDecodeResult r = StunDecoder.decode(b, 0, b.length);
        if (r instanceof StunDecodeResult.Malformed m) {
            throw new AssertionError("malformed: " + m.reason() + " at " + m.offset());
        }
        return assertInstanceOf(StunDecodeResult.Decoded.class, r).message();
    }
}
