package io.edgeaudit.capture.live;

import java.io.IOException;

/**
 * A live capture could not start or stopped: the message is one line for the user, saying what
 * to do where there is something to do (grant the capability, install libpcap, fix the filter).
 */
public final class LiveCaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why, so callers can choose an exit code without parsing text. */
    public enum Reason {
        /** No CAP_NET_RAW / CAP_NET_ADMIN. */
        PERMISSION,
        /** libpcap (or JNA's native part) could not be loaded. */
        LIBPCAP_MISSING,
        /** The BPF expression did not compile. */
        BAD_FILTER,
        /** No such interface, or it is down. */
        NO_SUCH_INTERFACE,
        /** Anything else libpcap reported. */
        CAPTURE_FAILED
    }

    private final Reason reason;

    public LiveCaptureException(Reason reason, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** libpcap messages sometimes end in a newline or carry one inside; ours are one line. */
    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
