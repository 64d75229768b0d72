package io.edgeaudit.capture.live;

import io.edgeaudit.capture.live.LiveCaptureException.Reason;
import org.pcap4j.core.PcapNativeException;

import java.util.Locale;

/** Turns libpcap's failures into one-line messages that say what to do. */
final class LiveErrors {
    /** pcap_activate() return codes (pcap/pcap.h). */
    static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    static final int PCAP_ERROR_PERM_DENIED = -8;
    static final int PCAP_ERROR_IFACE_NOT_UP = -9;

    static final String GRANT = "run as root, or grant the capture capabilities to java: "
            + "sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))";

    private LiveErrors() {
    }

    static LiveCaptureException translate(String iface, PcapNativeException e) {
        String msg = stripPcap4jPrefix(e.getMessage());
        String lower = msg.toLowerCase(Locale.ROOT);
        Integer rc = e.getReturnCode();
        int code = rc == null ? 0 : rc;
        if (code == PCAP_ERROR_PERM_DENIED || lower.contains("permission") || lower.contains("operation not permitted")) {
            return new LiveCaptureException(Reason.PERMISSION,
                    "live:" + iface + ": no permission to capture (" + msg + "); " + GRANT, e);
        }
        if (code == PCAP_ERROR_NO_SUCH_DEVICE || lower.contains("no such device")) {
            return new LiveCaptureException(Reason.NO_SUCH_INTERFACE,
                    "live:" + iface + ": no such interface (see 'edgeaudit interfaces')", e);
        }
        if (code == PCAP_ERROR_IFACE_NOT_UP || lower.contains("not up") || lower.contains("went down")) {
            return new LiveCaptureException(Reason.NO_SUCH_INTERFACE,
                    "live:" + iface + ": interface is down (" + msg + ")", e);
        }
        return new LiveCaptureException(Reason.CAPTURE_FAILED, "live:" + iface + ": " + msg, e);
    }

    /** pcap4j prefixes libpcap's text with its own ("Error occurred in pcap_compile: ..."); keep libpcap's. */
    static String stripPcap4jPrefix(String message) {
        if (message == null) {
            return "unknown libpcap error";
        }
        String m = LiveCaptureException.oneLine(message);
        for (String prefix : new String[] {"Error occurred in pcap_compile: ", "Error occurred in pcap_setfilter: ",
                "Error occurred: ", "Unexpected error occurred: "}) {
            if (m.startsWith(prefix)) {
                return m.substring(prefix.length());
            }
        }
        return m;
    }
}
