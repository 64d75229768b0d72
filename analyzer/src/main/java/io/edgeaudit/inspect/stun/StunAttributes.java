package io.edgeaudit.inspect.stun;

import io.edgeaudit.inspect.stun.StunDecoder.Fields;
import io.edgeaudit.inspect.stun.StunDecoder.MalformedAttribute;

import static io.edgeaudit.inspect.stun.StunAttributeType.*;
import static io.edgeaudit.inspect.stun.StunDecoder.u16;
import static io.edgeaudit.inspect.stun.StunDecoder.u32;

/**
 * Reads one attribute value into the message being decoded. The caller has already checked that
 * {@code alen} bytes at {@code p} lie inside the message; this class checks each attribute's own
 * length rules (RFC 5389 §15, RFC 5766 §14, [MS-TURN] 2.2.2) and throws {@link MalformedAttribute}
 * when an attribute whose value edgeaudit reads breaks them; for the others it notes an irregularity.
 * Unknown attributes are kept only as (type, length).
 */
final class StunAttributes {
    private StunAttributes() {
    }

    /**
     * Attributes whose values edgeaudit does not use: a wrong length is noted on the message, which still
     * decodes (its framing is sound). Vendors bend these (WhatsApp sends 16-byte RESERVATION-TOKENs).
     */
    private static void lenient(Fields f, int alen, int expected, String name) {
        if (alen != expected) {
            f.irregular.add(name + " length " + alen + " (expected: " + expected + ")");
        }
    }

    /**
     * @param base start of the message in {@code buf}
     * @param at   attribute type
     * @param p    absolute offset of the value
     * @param alen value length, already bounds-checked
     * @param pos  offset of the attribute header from the message start (for error positions)
     */
    static void decode(Fields f, byte[] buf, int base, int at, int p, int alen, int pos) throws MalformedAttribute {
        boolean ms = f.dialect == StunDialect.MS_TURN;
        boolean classic = f.dialect == StunDialect.RFC3489;
        switch (at) {
            case MAPPED_ADDRESS -> {
                TransportAddress a = StunDecoder.address(buf, base, p, alen, false, at, pos);
                if (ms) {
                    // [MS-TURN] 3.2.5.1: with MS-Version <= 3 the Mapped Address is the allocated relay address
                    f.relayed = a;
                } else if (!f.mappedIsXor) {
                    f.mapped = a;
                }
            }
            case XOR_MAPPED_ADDRESS, MS_XOR_MAPPED_ADDRESS -> {
                f.mapped = StunDecoder.address(buf, base, p, alen, true, at, pos);
                f.mappedIsXor = true;
            }
            case XOR_RELAYED_ADDRESS -> f.relayed = StunDecoder.address(buf, base, p, alen, true, at, pos);
            case MS_ALTERNATE_MAPPED_ADDRESS -> f.relayedIpv6 = StunDecoder.address(buf, base, p, alen, false, at, pos);
            case XOR_PEER_ADDRESS ->
                // [MS-TURN] Remote Address and RFC 3489-era REMOTE-ADDRESS are plain; RFC 5766 XORs
                    f.peers.add(StunDecoder.address(buf, base, p, alen, !(ms || classic), at, pos));
            case MS_DESTINATION_ADDRESS -> {
                if (ms || classic) {
                    f.peers.add(StunDecoder.address(buf, base, p, alen, false, at, pos));
                }
            }
            case MS_ALTERNATE_SERVER -> {
                if (ms || classic) {
                    f.alternateServer = StunDecoder.address(buf, base, p, alen, false, at, pos);
                }
            }
            case ALTERNATE_SERVER -> f.alternateServer = StunDecoder.address(buf, base, p, alen, false, at, pos);
            case USERNAME -> f.username = StunDecoder.text(buf, p, alen, StunDecoder.MAX_USERNAME, "USERNAME", pos);
            case REALM_RFC -> {
                // [MS-TURN] 2.2.2: 0x0014 is Nonce and 0x0015 Realm, the reverse of RFC 5389
                String s = StunDecoder.text(buf, p, alen, StunDecoder.MAX_TEXT, ms ? "NONCE" : "REALM", pos);
                if (ms) {
                    f.nonce = s;
                } else {
                    f.realm = s;
                }
            }
            case NONCE_RFC -> {
                String s = StunDecoder.text(buf, p, alen, StunDecoder.MAX_TEXT, ms ? "REALM" : "NONCE", pos);
                if (ms) {
                    f.realm = s;
                } else {
                    f.nonce = s;
                }
            }
            case SOFTWARE -> f.software = StunDecoder.text(buf, p, alen, StunDecoder.MAX_TEXT, "SOFTWARE", pos);
            case MESSAGE_INTEGRITY -> {
                // HMAC-SHA1 (20); MS-TURN v3 (MS-ICE2 with SHA256) uses a 32-byte HMAC under the same type
                if (alen != 20 && !(ms && alen == 32)) {
                    throw new MalformedAttribute("MESSAGE-INTEGRITY length " + alen + " (expected: 20"
                            + (ms ? " or 32" : "") + ")", pos);
                }
                f.messageIntegrity = true;
            }
            case MESSAGE_INTEGRITY_SHA256 -> {
                // RFC 8489 §14.6: 16 to 32 bytes, a multiple of 4
                if (alen < 16 || alen > 32 || (alen & 3) != 0) {
                    throw new MalformedAttribute("MESSAGE-INTEGRITY-SHA256 length " + alen
                            + " (expected: 16..32, multiple of 4)", pos);
                }
                f.messageIntegrity = true;
            }
            case FINGERPRINT -> {
                StunDecoder.fixed(alen, 4, "FINGERPRINT", pos);
                f.fingerprintOk = StunDecoder.fingerprintMatches(buf, base, pos, p);
            }
            case ERROR_CODE -> {
                // RFC 5389 §15.6: 21 reserved bits, class (3 bits, 3..6), number (0..99), reason phrase
                if (alen < 4 || alen > 4 + StunDecoder.MAX_TEXT) {
                    throw new MalformedAttribute("ERROR-CODE length " + alen + " (expected: 4.."
                            + (4 + StunDecoder.MAX_TEXT) + ")", pos);
                }
                int cls = buf[p + 2] & 0x07;
                int number = buf[p + 3] & 0xFF;
                if (cls < 3 || cls > 6 || number > 99) {
                    throw new MalformedAttribute("ERROR-CODE class " + cls + " number " + number
                            + " (expected: class 3..6, number 0..99)", pos);
                }
                f.errorCode = cls * 100 + number;
                f.errorReason = StunDecoder.text(buf, p + 4, alen - 4, StunDecoder.MAX_TEXT, "ERROR-CODE reason", pos);
            }
            case UNKNOWN_ATTRIBUTES -> {
                if ((alen & 1) != 0) {
                    f.irregular.add("UNKNOWN-ATTRIBUTES length " + alen + " (expected: a multiple of 2)");
                }
            }
            case CHANNEL_NUMBER -> {
                StunDecoder.fixed(alen, 4, "CHANNEL-NUMBER", pos);
                f.channelNumber = u16(buf, p);
            }
            case LIFETIME -> {
                StunDecoder.fixed(alen, 4, "LIFETIME", pos);
                f.lifetime = u32(buf, p);
            }
            case MS_MAGIC_COOKIE -> StunDecoder.fixed(alen, 4, "MAGIC-COOKIE", pos);
            case MS_BANDWIDTH -> {
                if (ms || classic) {
                    lenient(f, alen, 4, "BANDWIDTH");
                }
            }
            case DATA -> f.dataLength = alen;
            case REQUESTED_ADDRESS_FAMILY -> lenient(f, alen, 4, "REQUESTED-ADDRESS-FAMILY");
            case REQUESTED_TRANSPORT -> {
                StunDecoder.fixed(alen, 4, "REQUESTED-TRANSPORT", pos);
                f.requestedTransport = buf[p] & 0xFF;
            }
            case EVEN_PORT -> lenient(f, alen, 1, "EVEN-PORT");
            case DONT_FRAGMENT, USE_CANDIDATE -> lenient(f, alen, 0, new StunAttributeType(at).name(f.dialect));
            case RESERVATION_TOKEN -> lenient(f, alen, 8, "RESERVATION-TOKEN");
            case PRIORITY -> lenient(f, alen, 4, "PRIORITY");
            case ICE_CONTROLLED, ICE_CONTROLLING -> lenient(f, alen, 8, new StunAttributeType(at).name(f.dialect));
            case MS_VERSION -> {
                StunDecoder.fixed(alen, 4, "MS-VERSION", pos);
                f.msVersion = u32(buf, p);
            }
            case MS_SEQUENCE_NUMBER -> {
                // [MS-TURN] 2.2.2.21: Connection ID (20 bytes), Sequence Number (4 bytes). Teams clients with
                // MS-Version 6 send only the 4-byte sequence number (ndpi__teams.pcap).
                if (alen == 24) {
                    f.msSequence = new StunMessage.MsSequence(StunDecoder.hex(buf, p, p + 20), u32(buf, p + 20));
                } else if (alen == 4) {
                    f.msSequence = new StunMessage.MsSequence("", u32(buf, p));
                } else {
                    throw new MalformedAttribute("MS-SEQUENCE-NUMBER length " + alen + " (expected: 24 or 4)", pos);
                }
            }
            case MS_SERVICE_QUALITY -> {
                // [MS-TURN] 2.2.2.22: Stream Type (2 bytes), Service Quality (2 bytes)
                StunDecoder.fixed(alen, 4, "MS-SERVICE-QUALITY", pos);
                f.msServiceQuality = new StunMessage.MsServiceQuality(u16(buf, p), u16(buf, p + 2));
            }
            case MS_IMPLEMENTATION_VERSION -> lenient(f, alen, 4, "MS-IMPLEMENTATION-VERSION");
            default -> {
                // open registry: unknown attributes are kept as (type, length) only
            }
        }
    }
}
