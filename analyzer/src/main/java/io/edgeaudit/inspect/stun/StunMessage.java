package io.edgeaudit.inspect.stun;

import java.util.List;

/**
 * One decoded STUN / TURN / MS-TURN message: the header and the attribute values the A/V analysis
 * needs, copied out of the packet so it outlives it. Immutable. Addresses are already de-XORed.
 *
 * @param dialect         which family decided the attribute meanings
 * @param type            the 14-bit wire message type
 * @param method          the method in {@code dialect}
 * @param messageClass    request, indication, success or error
 * @param transactionId   lower-case hex of message bytes 4..19 (for RFC 5389 this includes the cookie,
 *                        so it is unique per transaction in every dialect and pairs requests with
 *                        responses)
 * @param length          total message length in bytes, header included
 * @param attributes      every attribute in wire order (type, offset in the message, value length)
 * @param mappedAddress   the client's reflexive address: XOR-MAPPED-ADDRESS (0x0020 or 0x8020), or the
 *                        classic MAPPED-ADDRESS outside MS-TURN; null when absent
 * @param relayedAddress  XOR-RELAYED-ADDRESS (0x0016), or in MS-TURN the MAPPED-ADDRESS 0x0001 of an
 *                        Allocate response; null when absent
 * @param relayedIpv6     [MS-TURN] MS-Alternate-Mapped-Address 0x8090, or null
 * @param peerAddresses   XOR-PEER-ADDRESS values, or MS-TURN Remote/Destination Address values
 * @param lifetime        LIFETIME in seconds, or -1
 * @param errorCode       ERROR-CODE class*100+number, or 0 when absent
 * @param errorReason     the reason phrase, or null
 * @param realm           REALM (0x0014, in MS-TURN 0x0015), or null
 * @param nonce           NONCE (0x0015, in MS-TURN 0x0014), or null
 * @param username        USERNAME, or null
 * @param software        SOFTWARE, or null
 * @param messageIntegrity true when MESSAGE-INTEGRITY(-SHA256) is present (not verified: no key)
 * @param fingerprintOk   null without FINGERPRINT; else whether its CRC-32 matched (RFC 5389 §15.5)
 * @param msVersion       [MS-TURN] MS-Version, or -1
 * @param msSequence      [MS-TURN] MS-Sequence-Number, or null
 * @param msServiceQuality [MS-TURN] MS-Service-Quality, or null
 * @param channelNumber   CHANNEL-NUMBER, or -1
 * @param dataLength      length of the DATA attribute value, or -1
 * @param requestedTransport REQUESTED-TRANSPORT protocol number (17 UDP, 6 TCP), or -1
 * @param alternateServer ALTERNATE-SERVER (0x8023, MS 0x000E), or null
 * @param irregularities  one line per attribute with a wrong length whose value edgeaudit does not use
 *                        (the message still decodes), e.g. "RESERVATION-TOKEN length 16 (expected: 8)"
 */
public record StunMessage(StunDialect dialect, int type, StunMethod method, StunClass messageClass,
                          String transactionId, int length, List<Attribute> attributes,
                          TransportAddress mappedAddress, TransportAddress relayedAddress,
                          TransportAddress relayedIpv6, List<TransportAddress> peerAddresses,
                          long lifetime, int errorCode, String errorReason, String realm, String nonce,
                          String username, String software, boolean messageIntegrity, Boolean fingerprintOk,
                          long msVersion, MsSequence msSequence, MsServiceQuality msServiceQuality,
                          int channelNumber, int dataLength, int requestedTransport,
                          TransportAddress alternateServer, List<String> irregularities) {

    public StunMessage {
        attributes = List.copyOf(attributes);
        irregularities = List.copyOf(irregularities);
        peerAddresses = List.copyOf(peerAddresses);
    }

    /**
     * One attribute as found on the wire.
     *
     * @param offset offset of the attribute's 4-byte header from the start of the message
     * @param length the value length the attribute declared (padding excluded)
     */
    public record Attribute(StunAttributeType type, int offset, int length) {
    }

    /** [MS-TURN] 2.2.2.17 MS-Sequence-Number: a 20-byte connection id and a 32-bit sequence number. */
    public record MsSequence(String connectionId, long sequenceNumber) {
    }

    /**
     * [MS-TURN] 2.2.2.19 MS-Service-Quality.
     *
     * @param streamType     1 audio, 2 video, 3 supplemental video, 4 data
     * @param serviceQuality 0 best effort, 1 reliable delivery
     */
    public record MsServiceQuality(int streamType, int serviceQuality) {
        public String streamTypeName() {
            return switch (streamType) {
                case 1 -> "audio";
                case 2 -> "video";
                case 3 -> "supplemental-video";
                case 4 -> "data";
                default -> "type-" + streamType;
            };
        }
    }

    /** e.g. "Allocate success" or "Binding request". */
    public String describe() {
        return method.label() + " " + messageClass.label();
    }

    /** True when an attribute of this type is present. */
    public boolean has(int attributeType) {
        for (Attribute a : attributes) {
            if (a.type().code() == attributeType) {
                return true;
            }
        }
        return false;
    }
}
