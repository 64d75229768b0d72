package io.edgeaudit.capture.live;

import io.edgeaudit.capture.live.LiveCaptureException.Reason;
import org.pcap4j.core.Pcaps;

/**
 * Loads libpcap through pcap4j once and reports a missing library as one line. pcap4j binds libpcap in
 * a static initializer: a failure there surfaces as an {@link UnsatisfiedLinkError} the first time, and
 * as {@link NoClassDefFoundError} on every later touch, so the first outcome is remembered.
 */
public final class LiveLibrary {
    /** The Debian package that provides libpcap.so.0.8. */
    public static final String DEBIAN_PACKAGE = "libpcap0.8";

    private static volatile String version;
    private static volatile LiveCaptureException failure;

    private LiveLibrary() {
    }

    /**
     * @return libpcap's version text, e.g. "libpcap version 1.10.3 (with TPACKET_V3)"
     * @throws LiveCaptureException {@link Reason#LIBPCAP_MISSING} naming the package to install
     */
    public static synchronized String check() throws LiveCaptureException {
        if (version != null) {
            return version;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            version = Pcaps.libVersion();
            return version;
        } catch (LinkageError e) {
            failure = new LiveCaptureException(Reason.LIBPCAP_MISSING,
                    "libpcap could not be loaded (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); install the Debian package " + DEBIAN_PACKAGE + " (apt-get install " + DEBIAN_PACKAGE + ")",
                    e);
            throw failure;
        }
    }
}
