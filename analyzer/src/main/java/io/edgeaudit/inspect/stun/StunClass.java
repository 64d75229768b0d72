package io.edgeaudit.inspect.stun;

/** The class of a STUN message (RFC 5389 §6: bits C1 and C0 of the type). Closed set. */
public enum StunClass {
    REQUEST("request"), INDICATION("indication"), SUCCESS("success"), ERROR("error");

    private final String label;

    StunClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The class encoded in a 14-bit message type: C1 is bit 8, C0 is bit 4 (RFC 5389 §6). */
    static StunClass ofType(int type) {
        return values()[((type & 0x0010) >> 4) | ((type & 0x0100) >> 7)];
    }
}
