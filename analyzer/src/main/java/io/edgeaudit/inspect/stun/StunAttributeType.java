package io.edgeaudit.inspect.stun;

/**
 * A STUN attribute type: an open registry, so any 16-bit value is a valid type and {@link #name}
 * never fails. Codes from RFC 5389/8489 §18.2, RFC 5766/8656 §18, and [MS-TURN] 2.2.2 (see
 * NOTES.md §2). Where the dialects disagree (0x0014/0x0015, 0x0001, 0x0012) the name depends on the
 * {@link StunDialect}.
 *
 * @param code 0..0xFFFF
 */
public record StunAttributeType(int code) {
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int CHANNEL_NUMBER = 0x000C;
    public static final int LIFETIME = 0x000D;
    /** [MS-TURN] 2.2.2.7 Alternate Server. */
    public static final int MS_ALTERNATE_SERVER = 0x000E;
    /** [MS-TURN] 2.2.2.8: MUST be the first attribute, value 0x72C64BC6. */
    public static final int MS_MAGIC_COOKIE = 0x000F;
    public static final int MS_BANDWIDTH = 0x0010;
    public static final int MS_DESTINATION_ADDRESS = 0x0011;
    /** RFC 5766 XOR-PEER-ADDRESS; [MS-TURN] Remote Address (not XORed). */
    public static final int XOR_PEER_ADDRESS = 0x0012;
    public static final int DATA = 0x0013;
    /** RFC 5389 REALM; [MS-TURN] NONCE. */
    public static final int REALM_RFC = 0x0014;
    /** RFC 5389 NONCE; [MS-TURN] REALM. */
    public static final int NONCE_RFC = 0x0015;
    public static final int XOR_RELAYED_ADDRESS = 0x0016;
    public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
    public static final int EVEN_PORT = 0x0018;
    public static final int REQUESTED_TRANSPORT = 0x0019;
    public static final int DONT_FRAGMENT = 0x001A;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int RESERVATION_TOKEN = 0x0022;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int MS_VERSION = 0x8008;
    /** [MS-TURN] 2.2.2.16 XOR Mapped Address (XORed with the transaction id); the pre-RFC 5389 code. */
    public static final int MS_XOR_MAPPED_ADDRESS = 0x8020;
    public static final int SOFTWARE = 0x8022;
    public static final int ALTERNATE_SERVER = 0x8023;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;
    public static final int MS_SEQUENCE_NUMBER = 0x8050;
    public static final int MS_CANDIDATE_IDENTIFIER = 0x8054;
    public static final int MS_SERVICE_QUALITY = 0x8055;
    public static final int MS_IMPLEMENTATION_VERSION = 0x8070;
    /** [MS-TURN] 2.2.2.20 MS-Alternate-Mapped-Address: the IPv6 relayed address. */
    public static final int MS_ALTERNATE_MAPPED_ADDRESS = 0x8090;
    public static final int MS_MULTIPLEXED_SESSION_ID = 0x8095;

    public StunAttributeType {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("attribute type " + code + " (expected: 0..0xFFFF)");
        }
    }

    /** The name in {@code dialect}, or {@code 0xNNNN} for a code we do not know. */
    public String name(StunDialect dialect) {
        boolean ms = dialect == StunDialect.MS_TURN;
        return switch (code) {
            case MAPPED_ADDRESS -> ms ? "MAPPED-ADDRESS(relayed)" : "MAPPED-ADDRESS";
            case USERNAME -> "USERNAME";
            case MESSAGE_INTEGRITY -> "MESSAGE-INTEGRITY";
            case ERROR_CODE -> "ERROR-CODE";
            case UNKNOWN_ATTRIBUTES -> "UNKNOWN-ATTRIBUTES";
            case CHANNEL_NUMBER -> "CHANNEL-NUMBER";
            case LIFETIME -> "LIFETIME";
            case MS_ALTERNATE_SERVER -> "ALTERNATE-SERVER(ms)";
            case MS_MAGIC_COOKIE -> "MAGIC-COOKIE";
            case MS_BANDWIDTH -> "BANDWIDTH";
            case MS_DESTINATION_ADDRESS -> "DESTINATION-ADDRESS";
            case XOR_PEER_ADDRESS -> ms ? "REMOTE-ADDRESS" : "XOR-PEER-ADDRESS";
            case DATA -> "DATA";
            case REALM_RFC -> ms ? "NONCE" : "REALM";
            case NONCE_RFC -> ms ? "REALM" : "NONCE";
            case XOR_RELAYED_ADDRESS -> "XOR-RELAYED-ADDRESS";
            case REQUESTED_ADDRESS_FAMILY -> "REQUESTED-ADDRESS-FAMILY";
            case EVEN_PORT -> "EVEN-PORT";
            case REQUESTED_TRANSPORT -> "REQUESTED-TRANSPORT";
            case DONT_FRAGMENT -> "DONT-FRAGMENT";
            case MESSAGE_INTEGRITY_SHA256 -> "MESSAGE-INTEGRITY-SHA256";
            case XOR_MAPPED_ADDRESS -> "XOR-MAPPED-ADDRESS";
            case RESERVATION_TOKEN -> "RESERVATION-TOKEN";
            case PRIORITY -> "PRIORITY";
            case USE_CANDIDATE -> "USE-CANDIDATE";
            case MS_VERSION -> "MS-VERSION";
            case MS_XOR_MAPPED_ADDRESS -> "XOR-MAPPED-ADDRESS(0x8020)";
            case SOFTWARE -> "SOFTWARE";
            case ALTERNATE_SERVER -> "ALTERNATE-SERVER";
            case FINGERPRINT -> "FINGERPRINT";
            case ICE_CONTROLLED -> "ICE-CONTROLLED";
            case ICE_CONTROLLING -> "ICE-CONTROLLING";
            case MS_SEQUENCE_NUMBER -> "MS-SEQUENCE-NUMBER";
            case MS_CANDIDATE_IDENTIFIER -> "MS-CANDIDATE-IDENTIFIER";
            case MS_SERVICE_QUALITY -> "MS-SERVICE-QUALITY";
            case MS_IMPLEMENTATION_VERSION -> "MS-IMPLEMENTATION-VERSION";
            case MS_ALTERNATE_MAPPED_ADDRESS -> "MS-ALTERNATE-MAPPED-ADDRESS";
            case MS_MULTIPLEXED_SESSION_ID -> "MS-MULTIPLEXED-TURN-SESSION-ID";
            default -> String.format("0x%04X", code);
        };
    }

    @Override
    public String toString() {
        return String.format("0x%04X", code);
    }
}
