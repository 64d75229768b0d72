package io.edgeaudit.inspect.stun;

/**
 * Which STUN family a message belongs to; it decides attribute meanings and padding. Closed set.
 */
public enum StunDialect {
    /** RFC 5389/8489 STUN and RFC 5766/8656 TURN: magic cookie 0x2112A442 at bytes 4-7, attributes padded to 4. */
    RFC5389("rfc5389"),
    /**
     * [MS-TURN] (draft-ietf-behave-turn-08 based): the first attribute is MAGIC-COOKIE 0x000F =
     * 0x72C64BC6; NONCE 0x0014 / REALM 0x0015 swapped; 0x0001 is the relayed address; no padding.
     */
    MS_TURN("ms-turn"),
    /** Classic RFC 3489 STUN: no cookie, 128-bit transaction id, no padding. */
    RFC3489("rfc3489");

    private final String label;

    StunDialect(String label) {
        this.label = label;
    }

    /** The stable lower-case name used in outputs. */
    public String label() {
        return label;
    }
}
