package io.edgeaudit.inspect.stun;

/**
 * The method of a STUN/TURN message, named across dialects. [MS-TURN] gives its own meaning to some
 * wire types (0x0004 is a Send request, not Refresh; 0x0115 a Data indication, not an error of method
 * 5), so the method is decided together with the {@link StunDialect}.
 */
public enum StunMethod {
    BINDING("Binding"),
    SHARED_SECRET("SharedSecret"),
    ALLOCATE("Allocate"),
    REFRESH("Refresh"),
    SEND("Send"),
    DATA("Data"),
    CREATE_PERMISSION("CreatePermission"),
    CHANNEL_BIND("ChannelBind"),
    CONNECT("Connect"),
    CONNECTION_BIND("ConnectionBind"),
    CONNECTION_ATTEMPT("ConnectionAttempt"),
    /** [MS-TURN] 2.2.1: 0x0006 request, 0x0106 response, 0x0116 error. */
    SET_ACTIVE_DESTINATION("SetActiveDestination"),
    OTHER("Other");

    private final String label;

    StunMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** RFC 5389 §6: the 12 method bits are interleaved with the two class bits. */
    static int methodBits(int type) {
        return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    }

    /** The RFC 5389/5766/6062 method for 12 method bits. */
    static StunMethod ofRfcBits(int bits) {
        return switch (bits) {
            case 0x001 -> BINDING;
            case 0x002 -> SHARED_SECRET;
            case 0x003 -> ALLOCATE;
            case 0x004 -> REFRESH;
            case 0x006 -> SEND;
            case 0x007 -> DATA;
            case 0x008 -> CREATE_PERMISSION;
            case 0x009 -> CHANNEL_BIND;
            case 0x00A -> CONNECT;
            case 0x00B -> CONNECTION_BIND;
            case 0x00C -> CONNECTION_ATTEMPT;
            default -> OTHER;
        };
    }
}
