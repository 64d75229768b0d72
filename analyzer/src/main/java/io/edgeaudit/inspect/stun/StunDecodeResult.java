package io.edgeaudit.inspect.stun;

/**
 * What {@link StunDecoder#decode} made of some bytes: a message, a malformed message (an outcome, not an
 * exception), or bytes that are not STUN at all.
 */
public sealed interface StunDecodeResult {

    /** A message that decoded completely. */
    record Decoded(StunMessage message) implements StunDecodeResult {
    }

    /**
     * Bytes that claim to be STUN (RFC 5389 cookie, or MS-TURN MAGIC-COOKIE attribute) but whose lengths
     * or values cannot be trusted.
     *
     * @param reason one line, "what (expected: ...)"
     * @param offset byte offset of the problem from the start of the message
     */
    record Malformed(String reason, int offset) implements StunDecodeResult {
    }

    /** Bytes that are not a STUN message (no cookie, unknown classic type, ...). */
    record NotStun() implements StunDecodeResult {
    }

    NotStun NOT_STUN = new NotStun();
}
